"""A retirement is all or nothing even when the process is killed (issue 11 section 4): at every
step boundary and at random moments, with SIGKILL and SIGINT, the next otp command leaves the
repository exactly as before or exactly as after a complete retirement."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

RETIRE = ["retire", "jeff", "--to", "dash,crystal", "--reason", "Absorbed after the Q4 agent "
          "review", "--reviewer", "bogdan", "--yes"]
STEPS = ("journal", "tree", "hooks", "commit", "ref", "work tree")

#: runs otp in a child process that kills itself (or is interrupted) at a named step
DRIVER = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # even where CI ignores Ctrl-C
try:  # an interruption while this driver itself starts is not otp's to report
    import otpcli.retire.apply as apply
    from otpcli.entry import main
except KeyboardInterrupt:
    sys.exit(130)
step, how = sys.argv[1], getattr(signal, sys.argv[2])
def checkpoint(name, detail=""):
    if name == step:
        os.kill(os.getpid(), how)
apply._checkpoint = checkpoint
sys.argv = ["otp", *sys.argv[3:]]
main()
"""


def snapshot(root: Path) -> dict[str, object]:
    repo = git.Repo(root)
    return {
        "files": {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts
                  and ".otp_cache" not in p.parts},
        "index": repo.git.ls_files("-s"), "head": repo.head.commit.hexsha,
        "branch": repo.active_branch.name, "branches": sorted(h.name for h in repo.heads),
        "status": repo.git.status("--porcelain"),
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("killed") / "sneeze-it"
    result = CliRunner().invoke(app, ["init", str(root), "--example", "sneeze-it"])
    assert result.exit_code == 0, result.output
    return root


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, symlinks=True)
    return target


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _assert_before_or_after(root: Path, before: dict[str, object]) -> str:
    """After the next otp command: exactly as before, or exactly a complete retirement."""
    following = subprocess.run([sys.executable, "-m", "otpcli", "--repo", str(root), "seats"],
                               capture_output=True, text=True, env=_environment(), timeout=60)
    assert following.returncode == 0, following.stderr
    assert "Traceback" not in following.stderr
    git_dir = root / ".git"
    strays = [p.name for p in git_dir.iterdir() if p.name.startswith("otp-")
              or p.name == "index.lock"]
    strays += [str(p) for p in root.rglob(".*.tmp")]
    assert strays == [], strays
    now = snapshot(root)
    if now == before:
        return "before"
    repo = git.Repo(root)
    assert now["status"] == "", now["status"]
    assert repo.head.commit.message.startswith("Retire jeff")
    assert repo.head.commit.parents[0].hexsha == before["head"]
    assert set(repo.head.commit.stats.files) == {"seats/jeff.yaml", "seats/dash.yaml",
                                                 "seats/crystal.yaml"}
    assert "status: retired" in (root / "seats" / "jeff.yaml").read_text()
    return "after"


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_every_step(template: Path, tmp_path: Path, step: str, how: str) -> None:
    root = _copy(template, tmp_path / "org")
    before = snapshot(root)
    started = subprocess.run([sys.executable, "-c", DRIVER, step, how, "--repo", str(root),
                              *RETIRE], capture_output=True, text=True, env=_environment(),
                             timeout=60)
    assert started.returncode != 0
    assert "Traceback" not in started.stderr
    outcome = _assert_before_or_after(root, before)
    assert outcome == ("after" if step == "work tree" else "before")


def test_killed_at_random_moments(template: Path, tmp_path: Path) -> None:
    """38 retirements killed after a random delay spanning the whole run."""
    rng = random.Random(1124)
    probe = _copy(template, tmp_path / "probe")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "otpcli", "--repo", str(probe), *RETIRE],
                   capture_output=True, env=_environment(), timeout=60, check=True)
    duration = time.monotonic() - started
    outcomes = []
    for trial in range(38):
        root = _copy(template, tmp_path / f"org-{trial}")
        before = snapshot(root)
        process = subprocess.Popen([sys.executable, "-c", DRIVER, "none", "SIGINT", "--repo",
                                    str(root), *RETIRE], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=_environment())
        time.sleep(rng.uniform(0.5, 1.0) * duration)
        process.send_signal(rng.choice([signal.SIGKILL, signal.SIGINT]))
        _, error = process.communicate(timeout=60)
        assert b"Traceback" not in error
        outcomes.append(_assert_before_or_after(root, before))
    assert len(outcomes) == 38
