from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli.cli import app


def test_schema_writes_both_files_and_check_detects_drift(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    seat = json.loads((out / "seat.schema.json").read_text())
    assert seat["additionalProperties"] is False
    assert "holder" in seat["required"]
    assert runner.invoke(app, ["schema", "--out", str(out), "--check"]).exit_code == 0
    (out / "otp.schema.json").write_text("{}\n")
    drift = runner.invoke(app, ["schema", "--out", str(out), "--check"])
    assert drift.exit_code == 1
    assert "otp.schema.json differs from the models" in drift.stderr


def test_schema_goes_to_the_org_root_and_says_missing(example_org: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    monkeypatch.chdir(example_org / "seats")
    (example_org / "schemas" / "otp.schema.json").unlink()
    checked = CliRunner().invoke(app, ["schema", "--check"])
    assert checked.exit_code == 1
    assert f"{example_org}/schemas/otp.schema.json is missing" in checked.stderr
    written = CliRunner().invoke(app, ["schema"])
    assert written.exit_code == 0, written.output
    assert (example_org / "schemas" / "otp.schema.json").is_file()
    assert not (example_org / "seats" / "schemas").exists()
    assert CliRunner().invoke(app, ["schema", "--check"]).exit_code == 0
