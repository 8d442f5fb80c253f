from __future__ import annotations

from datetime import date

from .conftest import Lint, at

SEAT = """\
title: Launch agent
holder: {{name: Bot, kind: agent}}
reports_to: ada
accountable: ada
autonomy: 2
outcomes:
  - id: launch
    statement: Keep at least 90% of launch tasks on schedule each month
    metric: {{name: Launch tasks on schedule, unit: percent}}
{range}    timeframe: {{cadence: monthly, until: 2026-12-31}}
    exceptions:
      - when: out_of_range
        for: {periods}
        escalate: [{{to: ada}}]
"""


def test_for_longer_than_the_outcome_lives(lint_org: Lint) -> None:
    findings = lint_org({"bot": SEAT.format(range="    range: {min: 90}\n", periods=6)},
                        today=date(2026, 11, 21), code="OTP111")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 14, 14)]
    assert "runs from 2026-11-21 to 2026-12-31, at most 1 monthly period" in findings[0].message


def test_a_run_may_already_be_under_way(lint_org: Lint) -> None:
    """Values recorded since June: six monthly periods fit before December's end."""
    rows = "".join(f"2026-{month:02}-15T12:00:00Z,80,,\n" for month in range(6, 12))
    assert lint_org({"bot": SEAT.format(range="    range: {min: 90}\n", periods=6)},
                    files={"measurements/launch.csv": "at,value,source,note\n" + rows},
                    today=date(2026, 11, 21), code="OTP111") == []


def test_a_run_longer_than_the_whole_life_from_the_first_value(lint_org: Lint) -> None:
    rows = "2026-09-15T12:00:00Z,80,,\n2026-10-15T12:00:00Z,80,,\n"
    findings = lint_org({"bot": SEAT.format(range="    range: {min: 90}\n", periods=6)},
                        files={"measurements/launch.csv": "at,value,source,note\n" + rows},
                        today=date(2026, 11, 21), code="OTP111")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 14, 14)]
    assert "runs from 2026-09-15 to 2026-12-31, at most 3 monthly periods" in findings[0].message


def test_near_miss_stale_ignores_for(lint_org: Lint) -> None:
    """`for` does not apply to `stale`, and an outcome never measured still goes stale (one
    full period after it was committed), with or without reporters."""
    text = SEAT.format(range="    range: {min: 90}\n", periods=6).replace(
        "when: out_of_range", "when: stale")
    assert lint_org({"bot": text}, today=date(2026, 11, 21), code="OTP111") == []


def test_no_cascade_from_a_missing_range(lint_org: Lint) -> None:
    findings = lint_org({"bot": SEAT.format(range="", periods=1)}, today=date(2026, 11, 21))
    assert [f.code for f in findings if f.file == "seats/bot.yaml"] == ["OTP102"]


def test_near_miss_a_run_that_fits_before_the_end(lint_org: Lint) -> None:
    assert lint_org({"bot": SEAT.format(range="    range: {min: 90}\n", periods=2)},
                    today=date(2026, 10, 1), code="OTP111") == []
