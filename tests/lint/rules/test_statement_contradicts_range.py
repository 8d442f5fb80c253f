from __future__ import annotations

from .conftest import Lint, at

SEAT = """\
title: Delivery agent
holder: {{name: Bot, kind: agent}}
reports_to: ada
accountable: ada
autonomy: 2
outcomes:
  - id: on-schedule
    statement: {statement}
    metric: {{name: Projects on schedule, unit: {unit}}}
    range: {range}
    timeframe: {{cadence: {cadence}}}
    exceptions:
      - when: out_of_range
        escalate: [{{to: ada}}]
"""


def _seat(statement: str, range_: str = "{min: 90}", cadence: str = "weekly",
          unit: str = "percent") -> dict[str, str]:
    return {"bot": SEAT.format(statement=statement, range=range_, cadence=cadence, unit=unit)}


def test_a_bound_the_range_does_not_have(lint_org: Lint) -> None:
    [finding] = lint_org(_seat("At least 90% of projects on schedule each week",
                               range_="{min: 85}"), code="OTP109")
    assert at(finding) == ("seats/bot.yaml", 10, 12)
    assert "“At least 90%” (lower bound 90%) but the range's lower bound is 85%" in \
        finding.message


def test_a_cadence_the_timeframe_does_not_have(lint_org: Lint) -> None:
    [finding] = lint_org(_seat("At least 90% of projects on schedule every week",
                               cadence="monthly"), code="OTP109")
    assert at(finding) == ("seats/bot.yaml", 11, 16)
    assert "“every week” but the cadence of `on-schedule` is monthly" in finding.message


def test_a_currency_target_for_a_percent_metric(lint_org: Lint) -> None:
    [finding] = lint_org(_seat("Keep at least $250,000 of projects on schedule"),
                         code="OTP109")
    assert at(finding) == ("seats/bot.yaml", 9, 13)
    assert "is an amount of money (USD), but `on-schedule` is measured in percent" in \
        finding.message


def test_near_misses(lint_org: Lint) -> None:
    assert lint_org(_seat("At least 90% of projects over $10,000 on schedule each week"),
                    code="OTP109") == []
    assert lint_org(_seat("Spend stays within 5% of the $185,000 plan every month",
                          range_="{min: 175750, max: 194250}", cadence="monthly",
                          unit="USD"), code="OTP109") == []
    assert lint_org(_seat("Replies within 2 hours", range_="{max: 120}", unit="minutes"),
                    code="OTP109") == []


def test_a_strict_bound_on_a_count_is_the_next_whole_number(lint_org: Lint) -> None:
    """"Fewer than 2" whole incidents is at most 1; "more than 10" demos is at least 11."""
    assert lint_org(_seat("Fewer than 2 projects late each week", range_="{max: 1}",
                          unit="count"), code="OTP109") == []
    assert lint_org(_seat("More than 10 projects shipped each week", range_="{min: 11}",
                          unit="count"), code="OTP109") == []
    [finding] = lint_org(_seat("More than 10 projects shipped each week", range_="{min: 12}",
                               unit="count"), code="OTP109")
    assert at(finding) == ("seats/bot.yaml", 10, 12)
    # not for a quantity that is not whole: under 2 hours is not at most 1 hour
    [finding] = lint_org(_seat("Replies in under 2 hours each week", range_="{max: 1}",
                               unit="hours"), code="OTP109")
    assert "(upper bound 2 h) but the range's upper bound is 1 h" in finding.message
