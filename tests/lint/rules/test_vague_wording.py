from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_a_vague_statement_at_the_statement(lint_org: Lint) -> None:
    text = seat("").replace("Keep refund time under 3 days every week",
                            "Improve refund handling")
    [finding] = lint_org({"bot": text}, code="OTP105")
    assert at(finding) == ("seats/bot.yaml", 8, 16)
    assert "'improve'" in finding.message
    assert finding.severity == "warning"


def test_near_miss_a_direction_with_its_number(lint_org: Lint) -> None:
    text = seat("").replace("Keep refund time under 3 days every week",
                            "Cut refund time to under 3 days")
    assert lint_org({"bot": text}, code="OTP105") == []


def test_a_year_is_not_a_target_and_the_message_says_so(lint_org: Lint) -> None:
    text = seat("").replace("Keep refund time under 3 days every week",
                            "Improve refund handling in 2027")
    [finding] = lint_org({"bot": text}, code="OTP105")
    assert at(finding) == ("seats/bot.yaml", 8, 16)
    assert "'improve'" in finding.message and "'2027' is a year" in finding.message


def test_near_miss_a_measure_name_with_a_structured_outcome(lint_org: Lint) -> None:
    text = seat("").replace("Keep refund time under 3 days every week", "Median refund time")
    assert lint_org({"bot": text}, code="OTP105") == []


def test_a_measure_name_without_a_range_names_no_target(lint_org: Lint) -> None:
    text = seat("").replace("Keep refund time under 3 days every week", "Median refund time")
    text = text.replace("    range: {max: 3}\n", "")
    [finding] = lint_org({"bot": text}, code="OTP105")
    assert "'time' names a measure but no target" in finding.message
