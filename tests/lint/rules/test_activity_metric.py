from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_an_activity_metric_at_its_name(lint_org: Lint) -> None:
    text = seat("").replace("{name: Median refund time, unit: days, aggregate: mean}",
                            "{name: Briefing messages sent, unit: count, aggregate: sum}")
    [finding] = lint_org({"bot": text}, code="OTP106")
    assert at(finding) == ("seats/bot.yaml", 9, 20)
    assert "'messages'" in finding.message


def test_near_miss_a_result_with_a_deadline(lint_org: Lint) -> None:
    text = seat("").replace("{name: Median refund time, unit: days, aggregate: mean}",
                            "{name: Anomalies flagged before market open, unit: percent}")
    assert lint_org({"bot": text}, code="OTP106") == []


def test_an_action_on_work_items_quotes_both_words(lint_org: Lint) -> None:
    text = seat("").replace("{name: Median refund time, unit: days, aggregate: mean}",
                            "{name: Quotes issued, unit: count, aggregate: sum}")
    [finding] = lint_org({"bot": text}, code="OTP106")
    assert "'quotes', 'issued'" in finding.message


def test_near_miss_a_qualifier_on_the_head_makes_a_result(lint_org: Lint) -> None:
    text = seat("").replace("{name: Median refund time, unit: days, aggregate: mean}",
                            "{name: Refunds issued within 48 hours, unit: percent}")
    assert lint_org({"bot": text}, code="OTP106") == []
