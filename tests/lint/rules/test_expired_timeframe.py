from __future__ import annotations

from datetime import date

from .conftest import Lint, at, seat


def test_reports_an_until_date_in_the_past(lint_org: Lint) -> None:
    text = seat("").replace("{cadence: weekly}", "{cadence: weekly, until: 2026-06-30}")
    [finding] = lint_org({"bot": text}, code="OTP108", today=date(2026, 11, 21))
    assert at(finding) == ("seats/bot.yaml", 11, 41)
    assert "ended on 2026-06-30" in finding.message


def test_near_miss_until_today_or_a_retired_seat(lint_org: Lint) -> None:
    text = seat("").replace("{cadence: weekly}", "{cadence: weekly, until: 2026-11-21}")
    assert lint_org({"bot": text}, code="OTP108", today=date(2026, 11, 21)) == []
    old = seat("status: retired\n").replace("{cadence: weekly}",
                                            "{cadence: weekly, until: 2020-01-01}")
    assert lint_org({"bot": old}, code="OTP108") == []
