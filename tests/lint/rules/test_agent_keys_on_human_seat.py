from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_agent_keys_on_a_human_seat(lint_org: Lint) -> None:
    human = seat("").replace("{name: Bot, kind: agent}", "{name: Jo, kind: human, model: x}")
    findings = lint_org({"jo": human}, code="OTP206")
    assert [at(f) for f in findings] == [("seats/jo.yaml", 2, 33), ("seats/jo.yaml", 4, 1),
                                         ("seats/jo.yaml", 5, 1)]


def test_near_miss_the_same_keys_on_an_agent(lint_org: Lint) -> None:
    agent = seat("").replace("{name: Bot, kind: agent}", "{name: Bot, kind: agent, model: x}")
    assert lint_org({"bot": agent}, code="OTP206") == []
