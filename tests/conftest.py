from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli import clock
from otpcli.cli import app
from otpcli.measurements import cache as series_cache
from otpcli.measurements.example import create_example

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "examples" / "sneeze-it"
SHARED = REPO_ROOT.parent / "shared"

#: The moment every test runs at: ``OTP_TEST_NOW`` when given (to replay a failure, or in
#: CI under libfaketime), else the clock read once when the session starts. Every otp call
#: in the session sees it through ``OTP_NOW``, so no test reads the clock on its own.
SESSION_NOW = datetime.fromisoformat(os.environ["OTP_TEST_NOW"]) if os.environ.get(
    "OTP_TEST_NOW") else datetime.now().astimezone().replace(microsecond=0)


def pytest_report_header() -> str:
    # Under libfaketime (`faketime 'DATE' pytest`, as .ci/run does) the clock read above is
    # the faked one, as is every subprocess's (git's dates); file times stay the kernel's.
    faked = f", under libfaketime (FAKETIME={os.environ['FAKETIME']})" \
        if os.environ.get("FAKETIME") else ""
    return f"otp: OTP_NOW={SESSION_NOW.isoformat()}{faked} (replay with OTP_TEST_NOW=...)"


MINIMAL_CONFIG = "name: Test Org\ntimezone: Europe/London\nweek_start: monday\n"
MINIMAL_ROOT = "title: Founder\nholder:\n  name: Ada\n  kind: human\n"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's git identity, org or colour settings."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Author")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "author@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Author")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "author@example.com")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("OTP_REPO", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv(clock.NOW_ENV, SESSION_NOW.isoformat())
    # `--no-cache` turns the cache off for the rest of the process; a test that passes it
    # through CliRunner must not turn it off for every test after it
    monkeypatch.setattr(series_cache, "_DISABLED", [False])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str | Path) -> object:
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def example_org(tmp_path: Path) -> Path:
    """A fresh git repository made from the Sneeze It example, as `otp init --example` makes it."""
    target = tmp_path / "sneeze-it"
    create_example(target, "sneeze-it", now=clock.now())
    return target


@pytest.fixture
def minimal_org(tmp_path: Path) -> Path:
    """A valid org with one root seat, not a git repository."""
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "otp.yaml").write_text(MINIMAL_CONFIG)
    (root / "seats" / "ada.yaml").write_text(MINIMAL_ROOT)
    return root


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the hash of its bytes, to prove nothing changed."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def copy_example(tmp_path: Path) -> Iterator[Path]:
    """The bundled example copied as it is (dates not shifted), not a git repository."""
    target = tmp_path / "example-copy"
    shutil.copytree(EXAMPLE, target)
    yield target
