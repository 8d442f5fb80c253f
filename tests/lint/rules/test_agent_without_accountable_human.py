from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_an_agent_without_accountable(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("").replace("accountable: ada\n", "")}, code="OTP202")
    assert at(finding) == ("seats/bot.yaml", 2, 27)


def test_reports_an_agent_accountable_to_an_agent(lint_org: Lint) -> None:
    other = seat("", outcome_id="other")
    text = seat("").replace("accountable: ada", "accountable: other")
    [finding] = lint_org({"bot": text, "other": other}, code="OTP202")
    assert at(finding) == ("seats/bot.yaml", 4, 14)
    assert "an agent seat" in finding.message


def test_near_miss_a_human_seat_needs_no_accountable(lint_org: Lint) -> None:
    human = seat("", outcome_id="h").replace("kind: agent", "kind: human").replace(
        "accountable: ada\nautonomy: 2\n", "")
    assert lint_org({"bot": seat(""), "human": human}, code="OTP202") == []
