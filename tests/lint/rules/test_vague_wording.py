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
