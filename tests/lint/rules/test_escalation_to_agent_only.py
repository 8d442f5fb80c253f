from __future__ import annotations

from .conftest import Lint, at

AGENT = """\
title: {title}
holder: {{name: {name}, kind: agent}}
reports_to: ada
accountable: ada
autonomy: 2
"""

LADDER = """\
outcomes:
  - id: refunds
    statement: Keep refund time under 3 days every week
    metric: {{name: Median refund time, unit: days, aggregate: mean}}
    range: {{max: 3}}
    timeframe: {{cadence: weekly}}
    exceptions:
      - when: out_of_range
        escalate: [{ladder}]
"""


def test_a_ladder_of_agents_only(lint_org: Lint) -> None:
    seats = {"bot": AGENT.format(title="Refunds", name="Bot")
             + LADDER.format(ladder="{to: helper}, {to: bot, after: 24h}"),
             "helper": AGENT.format(title="Helper", name="Helper")}
    findings = lint_org(seats, code="OTP112")
    assert [at(f) for f in findings] == [("seats/bot.yaml", 14, 19)]
    assert "reaches only agents (helper, bot)" in findings[0].message


def test_near_miss_a_human_on_the_ladder(lint_org: Lint) -> None:
    seats = {"bot": AGENT.format(title="Refunds", name="Bot")
             + LADDER.format(ladder="{to: helper}, {to: ada, after: 24h}"),
             "helper": AGENT.format(title="Helper", name="Helper")}
    assert lint_org(seats, code="OTP112") == []
