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
    assert "ends on 2026-12-31, at most 1 monthly period from now" in findings[0].message


def test_no_cascade_from_a_missing_range(lint_org: Lint) -> None:
    findings = lint_org({"bot": SEAT.format(range="", periods=1)}, today=date(2026, 11, 21))
    assert [f.code for f in findings if f.file == "seats/bot.yaml"] == ["OTP102"]


def test_near_miss_a_run_that_fits_before_the_end(lint_org: Lint) -> None:
    assert lint_org({"bot": SEAT.format(range="    range: {min: 90}\n", periods=2)},
                    today=date(2026, 10, 1), code="OTP111") == []
