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
