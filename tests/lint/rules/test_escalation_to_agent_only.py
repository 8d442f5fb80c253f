from __future__ import annotations

from .conftest import OUTCOME, Lint, at

AGENT = """\
title: {title}
holder: {{name: {name}, kind: agent}}
reports_to: ada
accountable: ada
autonomy: 2
"""

def ladder(rungs: str) -> str:
    """The conftest's refunds outcome escalating to ``rungs`` instead of ada."""
    return "outcomes:\n" + OUTCOME.format(id="refunds").replace("{to: ada}", rungs)


def test_a_ladder_of_agents_only(lint_org: Lint) -> None:
    seats = {"bot": AGENT.format(title="Refunds", name="Bot")
             + ladder("{to: helper}, {to: bot, after: 24h}"),
             "helper": AGENT.format(title="Helper", name="Helper")}
    findings = lint_org(seats, code="OTP112")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 14, 19)]
    assert "reaches only agents (helper, bot)" in findings[0].message


def test_near_miss_a_human_on_the_ladder(lint_org: Lint) -> None:
    seats = {"bot": AGENT.format(title="Refunds", name="Bot")
             + ladder("{to: helper}, {to: ada, after: 24h}"),
             "helper": AGENT.format(title="Helper", name="Helper")}
    assert lint_org(seats, code="OTP112") == []
