from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_an_unknown_key_with_a_suggestion(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("capabilites: [refunds]\n")}, code="OTP002")
    assert at(finding) == ("seats/bot.yaml", 6, 1)
    assert "did you mean `capabilities`?" in finding.message
    assert (finding.end_line, finding.end_column) == (6, 12)


def test_reports_a_wrong_value(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("").replace("autonomy: 2", "autonomy: 11")},
                         code="OTP002")
    assert at(finding) == ("seats/bot.yaml", 5, 11)
    assert finding.path == "autonomy"


def test_reports_a_file_name_that_is_not_a_seat_id(lint_org: Lint) -> None:
    [finding] = lint_org({"Bot": seat("")}, code="OTP002")
    assert at(finding) == ("seats/Bot.yaml", 1, 1)


def test_near_miss_correct_keys(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("capabilities: [refunds]\n")}, code="OTP002") == []
