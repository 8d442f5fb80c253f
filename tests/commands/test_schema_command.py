from __future__ import annotations

import json
from pathlib import Path

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
