from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_the_second_use_of_an_outcome_id(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat(""), "bot2": seat("", outcome_id="refunds")},
                         code="OTP003")
    assert at(finding) == ("seats/bot2.yaml", 7, 9)
    assert "already used at seats/bot.yaml:7" in finding.message


def test_reports_a_duplicate_against_a_retired_seat_too(lint_org: Lint) -> None:
    findings = lint_org({"bot": seat("status: retired\n"), "new": seat("")}, code="OTP003")
    assert [at(f) for f in findings] == [("seats/new.yaml", 7, 9)]


def test_near_miss_distinct_ids(lint_org: Lint) -> None:
    assert lint_org({"bot": seat(""), "bot2": seat("", outcome_id="refunds-eu")},
                    code="OTP003") == []
