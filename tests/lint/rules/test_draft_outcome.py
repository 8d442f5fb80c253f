from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_a_bare_sentence_outcome_once(lint_org: Lint) -> None:
    text = seat("") + "  - Improve customer satisfaction\n"
    findings = lint_org({"bot": text})
    assert [(f.code, *at(f)) for f in findings] == [("OTP100", "seats/bot.yaml", 15, 5)]
    assert "'improve'" in findings[0].message
    assert findings[0].subject == "bot: Improve customer satisfaction"


def test_near_miss_a_full_outcome(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, code="OTP100") == []
