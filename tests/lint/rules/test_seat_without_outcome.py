from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_a_seat_with_no_outcome(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("", outcome_id=None)}, code="OTP201")
    assert at(finding) == ("seats/bot.yaml", 1, 1)


def test_reports_a_seat_with_only_drafts_at_its_outcomes_key(lint_org: Lint) -> None:
    text = seat("", outcome_id=None) + "outcomes:\n  - Grow revenue\n"
    [finding] = lint_org({"bot": text}, code="OTP201")
    assert at(finding) == ("seats/bot.yaml", 6, 1)


def test_near_miss_a_measured_seat_or_a_retired_one(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, code="OTP201") == []
    assert lint_org({"bot": seat("status: retired\n", outcome_id=None)}, code="OTP201") == []
