from __future__ import annotations

from .conftest import Lint, at, seat

NO_EXCEPTIONS = "    exceptions:\n      - when: out_of_range\n        escalate: [{to: ada}]\n"


def test_reports_a_high_autonomy_agent_with_no_review(lint_org: Lint) -> None:
    text = seat("").replace("autonomy: 2", "autonomy: 5").replace(NO_EXCEPTIONS, "")
    [finding] = lint_org({"bot": text}, code="OTP204")
    assert at(finding) == ("seats/bot.yaml", 5, 11)


def test_near_miss_human_review_or_lower_autonomy(lint_org: Lint) -> None:
    reviewed = seat("human_review: [refunds over $500]\n").replace(
        "autonomy: 2", "autonomy: 7").replace(NO_EXCEPTIONS, "")
    lower = seat("", outcome_id="b").replace("autonomy: 2", "autonomy: 4").replace(
        NO_EXCEPTIONS, "")
    with_exceptions = seat("", outcome_id="c").replace("autonomy: 2", "autonomy: 8")
    assert lint_org({"a": reviewed, "b": lower, "c": with_exceptions}, code="OTP204") == []
