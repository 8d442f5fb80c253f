"""The review agenda on small orgs whose drift, escalations and definitions were worked out by
hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from otpcli.org.load import require_org
from otpcli.review.build import Review, build_review
from otpcli.review.since import Base

from ..exceptions.hand import make_hand_org, write_acks

#: Monday 1 June 2026, 09:00 in London; the 26 closed weeks before it run from 1 Dec 2025.
AS_OF = datetime.fromisoformat("2026-06-01T09:00:00+01:00")
FIRST_WEEK = date(2025, 12, 1)

OUTCOME = """\
  - id: {id}
    statement: {id} weekly count of at least 10
    metric: {{name: {id}, unit: count, aggregate: last}}
    range: {{min: 10}}
    timeframe: {{cadence: weekly{until}}}
{extra}"""
FIRING = """\
    exceptions:
      - when: out_of_range
        escalate:
          - to: ada
"""


def outcome(outcome_id: str, extra: str = "", until: str = "") -> str:
    return OUTCOME.format(id=outcome_id, extra=extra, until=f", until: {until}" if until else "")


#: outcome -> (weeks with a value, weeks off track); week k starts FIRST_WEEK + k weeks
SERIES = {
    "steady": (range(26), {20}),  # one bad week in the last quarter: 92%, not falling
    "sliding": (range(26), {14, 17, 20}),  # 100% -> 77%: falling
    "uncovered": (range(26), {24, 25}),  # off track the last two weeks, no exception
    "covered": (range(26), {24, 25}),  # the same, but its exception fires
    "quiet": (range(11), set()),  # stopped reporting after week 10: stale
}


@pytest.fixture
def drift_org(tmp_path: Path) -> Path:
    root = tmp_path / "drift"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: Drift\ntimezone: Europe/London\n")
    (root / "seats" / "ada.yaml").write_text(
        "title: Founder\nholder: {name: Ada, kind: human}\noutcomes:\n"
        + outcome("uncovered") + outcome("covered", FIRING)
        + outcome("ending", until="2026-06-04") + outcome("later", until="2026-06-30")
        + "  - Improve things\n")
    for agent, outcomes in (("bot", ["steady", "sliding"]), ("mute", ["quiet", "never"])):
        (root / "seats" / f"{agent}.yaml").write_text(
            f"title: Agent\nholder: {{name: {agent.title()}, kind: agent}}\nreports_to: ada\n"
            "accountable: ada\nautonomy: 2\noutcomes:\n" + "".join(map(outcome, outcomes)))
    for outcome_id, (weeks, off) in SERIES.items():
        lines = ["at,value,source,note"]
        for week in weeks:
            day = FIRST_WEEK + timedelta(weeks=week, days=1)
            lines.append(f"{day}T09:00:00+00:00,{5 if week in off else 12},test,")
        (root / "measurements" / f"{outcome_id}.csv").write_text("\n".join(lines) + "\n")
    return root


def review(root: Path, as_of: datetime = AS_OF, **filters: list[str]) -> Review:
    base = Base("7 days ago", as_of - timedelta(days=7), None, in_git=False)
    return build_review(require_org(root), as_of=as_of, base=base, **filters)


def test_drift_lists_uncovered_runs_quiet_agents_and_falling_shares(drift_org: Path) -> None:
    drift = review(drift_org).drift
    assert [(item.outcome.id, item.periods) for item in drift.uncovered] == [("uncovered", 2)]
    assert [seat.id for seat in drift.silent_agents] == ["mute"]
    assert [(item.outcome.id, round(item.share.previous, 4), round(item.share.recent, 4))
            for item in drift.falling] == [
        ("uncovered", 1.0, 0.8462), ("covered", 1.0, 0.8462), ("sliding", 1.0, 0.7692),
        ("quiet", 0.8462, 0.0)]
    # judged periods in the quarter before: 4 x 13 on track + quiet's 11 of 13; last quarter:
    # steady 12, sliding 10, uncovered 11, covered 11, quiet 0 (missing every week)
    assert drift.org_share is not None
    assert (round(drift.org_share.previous, 4), round(drift.org_share.recent, 4)) == (
        round(63 / 65, 4), round(44 / 65, 4))


def test_the_scope_follows_seat_and_kind(drift_org: Path) -> None:
    agents = review(drift_org, kinds=["agent"])
    assert {row.seat.id for row in agents.scorecard.rows} == {"mute"}  # bot is on track
    assert [item.outcome.id for item in agents.drift.falling] == ["sliding", "quiet"]
    assert agents.drift.uncovered == ()
    assert [d.statement for d in agents.sharpen.drafts] == []
    ada = review(drift_org, seats=["ada"])
    assert [item.outcome.id for item in ada.drift.falling] == ["uncovered", "covered"]
    assert [h.outcome.id for h in ada.check.exceptions] == ["covered"]


def test_definitions_to_sharpen(drift_org: Path) -> None:
    sharpen = review(drift_org).sharpen
    assert [(d.seat.id, d.statement) for d in sharpen.drafts] == [("ada", "Improve things")]
    assert [(e.outcome.id, e.until) for e in sharpen.expiring] == [("ending", date(2026, 6, 4))]
    rules = [(rule.code, rule.name, rule.severity, rule.count) for rule in sharpen.lint]
    assert ("OTP100", "draft-outcome", "error", 1) in rules
    severities = [rule.severity for rule in sharpen.lint]
    assert severities == sorted(severities, key=lambda severity: severity != "error")


def test_the_scorecard_section_holds_only_rows_that_need_attention(drift_org: Path) -> None:
    rows = review(drift_org).scorecard.rows
    assert {row.status for row in rows} <= {"off_track", "stale", "missing"}
    assert {row.outcome.id for row in rows if row.outcome} == {
        "uncovered", "covered", "ending", "later", "quiet", "never"}


def test_escalations_due_before_the_next_review(tmp_path: Path) -> None:
    root = make_hand_org(tmp_path / "hand")
    as_of = datetime.fromisoformat("2026-03-28T12:00:00+00:00")  # sla since 28 Mar 00:00
    agenda = review(root, as_of)
    assert [(e.holding.outcome.id, e.rung.to, e.rung.at.isoformat())
            for e in agenda.escalations] == [
        ("sla", "ada", "2026-03-29T00:00:00+00:00"),
        ("sla", "di", "2026-03-31T01:00:00+01:00"),
    ]
    assert agenda.next_review == as_of + timedelta(days=7)
    write_acks(root, "sla", [("2026-03-28T09:00:00+00:00", "cy", "out_of_range", "")])
    assert review(root, as_of).escalations == ()  # acknowledged: nothing will climb
    assert review(root, datetime.fromisoformat("2026-03-21T12:00:00+00:00")).escalations == ()
