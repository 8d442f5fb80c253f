from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_reports_to_naming_no_seat_with_a_hint(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("").replace("reports_to: ada", "reports_to: adda")},
                         code="OTP004")
    assert at(finding) == ("seats/bot.yaml", 3, 13)
    assert "did you mean `ada`?" in finding.message


def test_reports_accountable_and_escalation_to_a_retired_seat(lint_org: Lint) -> None:
    old = seat("status: retired\n", outcome_id="old")
    text = seat("").replace("accountable: ada", "accountable: old").replace("{to: ada}",
                                                                             "{to: old}")
    findings = lint_org({"bot": text, "old": old}, code="OTP004")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 4, 14), ("seats/bot.yaml", 14, 25)]
    assert all("retired" in f.message for f in findings)
    assert findings[1].path == "outcomes[0].exceptions[0].escalate[0].to"


def test_near_miss_a_retired_seat_may_point_at_retired_seats(lint_org: Lint) -> None:
    old = seat("status: retired\n", outcome_id="old").replace("reports_to: ada",
                                                              "reports_to: older")
    assert lint_org({"old": old}, code="OTP004") == []


def test_reports_serves_naming_no_capability_of_the_seat(lint_org: Lint) -> None:
    text = seat("capabilities: [refund approvals]\n").replace(
        "    timeframe: {cadence: weekly}\n",
        "    timeframe: {cadence: weekly}\n    serves: refund approval\n")
    [finding] = lint_org({"bot": text}, code="OTP004")
    assert at(finding) == ("seats/bot.yaml", 13, 13)
    assert "not a capability of `bot`" in finding.message
    fixed = text.replace("serves: refund approval\n", "serves: Refund  Approvals\n")
    assert lint_org({"bot": fixed}, code="OTP004") == []
