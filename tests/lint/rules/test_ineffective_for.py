from __future__ import annotations

from .conftest import Lint, at, seat


def stale(criterion: str) -> str:
    return seat("").replace("      - when: out_of_range\n", criterion)


def test_for_on_a_stale_criterion(lint_org: Lint) -> None:
    findings = lint_org({"bot": stale("      - when: stale\n        for: 3\n")}, code="OTP113")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 14, 9)]
    assert findings[0].message.startswith(
        "`for: 3` has no effect on the `stale` criterion of `refunds`")
    assert findings[0].severity == "warning"


def test_for_in_flow_style_points_at_the_key(lint_org: Lint) -> None:
    text = seat("").replace("      - when: out_of_range\n        escalate: [{to: ada}]\n",
                            "      - {when: stale, for: 2, escalate: [{to: ada}]}\n")
    findings = lint_org({"bot": text}, code="OTP113")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 13, 23)]


def test_near_misses(lint_org: Lint) -> None:
    seats = {
        "default-for": stale("      - when: stale\n        for: 1\n"),
        "no-for": stale("      - when: stale\n"),
        "out-of-range": seat("").replace("      - when: out_of_range\n",
                                         "      - when: out_of_range\n        for: 3\n"),
        "missing": seat("", "refunds-2").replace("      - when: out_of_range\n",
                                                 "      - when: missing\n        for: 3\n"),
    }
    assert lint_org(seats, code="OTP113") == []
