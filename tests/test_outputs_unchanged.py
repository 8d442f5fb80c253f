"""Speed work must not change a byte of output: lint, scorecard and seats on a generated org,
in every format, against the outputs recorded before (tests/data/golden/).

After a deliberate change of output, rewrite them with ``OTP_UPDATE_GOLDEN=1 pytest
tests/test_outputs_unchanged.py`` and review the diff like any other change."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli import __version__
from otpcli.cli import app

from .conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from generate_org import generate

GOLDEN = REPO_ROOT / "tests" / "data" / "golden"
NOW = "2026-11-20T17:00:00+00:00"  # the generated org's newest week

#: each golden file, and the commands that must all print it
COMMANDS: dict[str, list[list[str]]] = {
    "lint-full.txt": [["lint"], ["lint", "--no-cache"]],
    "lint-concise.txt": [["lint", "--format", "concise"]],
    "lint-json.json": [["lint", "--format", "json"]],
    "lint-sarif.json": [["lint", "--format", "sarif"]],
    "scorecard-json.json": [["scorecard", "--format", "json"],
                            ["scorecard", "--format", "json", "--no-cache"],
                            ["scorecard", "--format", "json", "--output", "{file}"]],
    "scorecard-table.txt": [["scorecard"]],
    "scorecard-csv.csv": [["scorecard", "--format", "csv"]],
    "scorecard-markdown.md": [["scorecard", "--format", "markdown"]],
    "seats-table.txt": [["seats"]],
    "seats-json.json": [["seats", "--format", "json"]],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "org"
    generate(root, seats=30, weeks=8)
    return root


@pytest.mark.parametrize("jobs", ["1", "3"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_is_byte_identical_to_the_recorded_one(
    name: str, jobs: str, generated: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OTP_NOW", NOW)
    monkeypatch.setenv("OTP_JOBS", jobs)  # one process, and the seat files read on three
    monkeypatch.setenv("COLUMNS", "160")
    golden = GOLDEN / name
    for number, command in enumerate(COMMANDS[name]):
        written = tmp_path / f"{number}-{name}"
        arguments = [part.replace("{file}", str(written)) for part in command]
        result = CliRunner().invoke(app, ["--repo", str(generated), *arguments])
        assert result.exit_code in (0, 1), result.output
        output = written.read_text(encoding="utf-8") if "{file}" in command else result.stdout
        output = output.replace(str(generated), "<org>").replace(
            f'"{__version__}"', '"<version>"')
        if os.environ.get("OTP_UPDATE_GOLDEN") and number == 0 and jobs == "1":
            golden.write_text(output, encoding="utf-8")
        assert output == golden.read_text(encoding="utf-8"), " ".join(command)
