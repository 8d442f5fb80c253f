"""The lint engine may run the rules that read no measurements in a forked process; which
rules read them must be declared, and the findings must not depend on it."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from otpcli.lint.engine import run_lint
from otpcli.lint.rules import RULES
from otpcli.lint.rules.invalid_measurement import InvalidMeasurement
from otpcli.lint.rules.vague_wording import VagueWording
from otpcli.workers import can_fork


def test_every_rule_that_reads_measurements_says_so() -> None:
    for rule in RULES:
        source = inspect.getsource(inspect.getmodule(rule))  # type: ignore[arg-type]
        reads = "series_cache" in source or "outcome_series" in source
        assert rule.reads_measurements == reads, rule.code
    assert sum(rule.reads_measurements for rule in RULES) >= 3


@pytest.mark.skipif(not can_fork(), reason="forking is used on Linux only")
def test_findings_are_the_same_with_the_rules_split_over_two_processes(
    example_org: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seats = example_org / "seats"
    jeff = seats / "jeff.yaml"
    jeff.write_text(jeff.read_text(encoding="utf-8") + "titel: typo\n", encoding="utf-8")
    (example_org / "measurements" / "nobody.csv").write_text("at,value\n", encoding="utf-8")
    monkeypatch.setenv("OTP_JOBS", "1")
    one = run_lint(example_org)
    where = tmp_path / "pids"
    where.mkdir()

    for rule in (VagueWording, InvalidMeasurement):  # one of each kind notes its process
        def noting(self: object, context: object, real: object = rule.check) -> object:
            (where / f"{type(self).__name__}-{os.getpid()}").touch()
            return real(self, context)  # type: ignore[operator]

        monkeypatch.setattr(rule, "check", noting)
    monkeypatch.setenv("OTP_JOBS", "2")
    two = run_lint(example_org)
    assert two.findings == one.findings
    assert two.suppressed == one.suppressed
    assert {f.code for f in one.findings} >= {"OTP002", "OTP006", "OTP100"}
    ran = {name.rpartition("-")[0]: int(name.rpartition("-")[2]) for name in
           (path.name for path in where.iterdir())}
    assert ran["InvalidMeasurement"] == os.getpid()
    assert ran["VagueWording"] != os.getpid()
