from __future__ import annotations

from datetime import date, datetime, timedelta

from .conftest import Lint, at, seat

TODAY = date(2026, 11, 21)


def _weekly(value: float, weeks: int = 12) -> str:
    monday = datetime(2026, 11, 16, 9) - timedelta(weeks=weeks)
    rows = [f"{(monday + timedelta(weeks=n)).isoformat()}+00:00,{value},bot,"
            for n in range(weeks)]
    return "at,value,source,note\n" + "\n".join(rows) + "\n"


def test_a_range_nothing_met_in_thirteen_weeks(lint_org: Lint) -> None:
    findings = lint_org({"bot": seat("")}, files={"measurements/refunds.csv": _weekly(5)},
                        today=TODAY, code="OTP110")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 10, 12)]
    assert "no value of `refunds` met its range in the last 12 judged periods" in \
        findings[0].message


def test_a_range_no_value_can_fail(lint_org: Lint) -> None:
    wide = seat("").replace("range: {max: 3}", "range: {min: 0}")
    findings = lint_org({"bot": wide}, today=TODAY, code="OTP110")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 10, 12)]
    assert "accepts every days value" in findings[0].message
    percent = seat("").replace("unit: days", "unit: percent").replace(
        "range: {max: 3}", "range: {min: 0, max: 100}")
    [finding] = lint_org({"bot": percent}, today=TODAY, code="OTP110")
    assert "accepts every percentage from 0 to 100" in finding.message


def test_near_misses_met_once_or_too_little_history(lint_org: Lint) -> None:
    once = _weekly(5).replace(",5,bot,\n", ",2,bot,\n", 1)
    assert lint_org({"bot": seat("")}, files={"measurements/refunds.csv": once},
                    today=TODAY, code="OTP110") == []
    short = _weekly(5, weeks=5)
    assert lint_org({"bot": seat("")}, files={"measurements/refunds.csv": short},
                    today=TODAY, code="OTP110") == []
