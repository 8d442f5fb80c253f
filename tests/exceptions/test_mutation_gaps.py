"""Conditions mutmut found unguarded in the exceptions engine: each test fails when the
condition it names is broken."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from otpcli.exceptions.check import check_exceptions
from otpcli.org.load import require_org

from .hand import write_acks

HOLDS = datetime.fromisoformat("2026-03-25T12:00:00+00:00")  # sla's first episode


def _holding_ids(root: Path, **filters: list[str]) -> list[str]:
    check = check_exceptions(require_org(root), as_of=HOLDS, **filters)  # type: ignore[arg-type]
    return sorted(h.outcome.id for h in check.exceptions)


def test_only_the_outcomes_asked_for(hand_org: Path) -> None:
    everything = _holding_ids(hand_org)
    assert "sla" in everything and len(everything) > 1
    assert _holding_ids(hand_org, outcomes=["sla"]) == ["sla"]


def test_drafts_and_outcomes_without_exceptions_do_not_stop_the_seat(hand_org: Path) -> None:
    before = _holding_ids(hand_org)
    seat = hand_org / "seats" / "bo.yaml"
    seat.write_text(seat.read_text().replace("outcomes:\n", (
        "outcomes:\n  - Answer every customer the same day\n"
        "  - id: plain\n    statement: Daily handling time logged\n"
        "    metric: {name: Logged, unit: count, aggregate: last}\n"
        "    range: {min: 0}\n    timeframe: {cadence: daily}\n"
        "  - id: over\n    statement: A finished outcome\n"
        "    metric: {name: Over, unit: count, aggregate: last}\n"
        "    range: {min: 0}\n    timeframe: {cadence: daily, until: 2026-01-31}\n"
        "    exceptions:\n      - when: missing\n        escalate:\n          - to: cy\n"), 1))
    assert _holding_ids(hand_org) == before


def test_an_acknowledgement_at_the_very_start_or_at_the_check_itself_counts(
        hand_org: Path) -> None:
    since = "2026-03-25T00:00:00+00:00"  # the episode's first moment
    for at in (since, HOLDS.isoformat()):
        write_acks(hand_org, "sla", [(at, "cy", "out_of_range", "")])
        check = check_exceptions(require_org(hand_org), as_of=HOLDS)
        found = next(h for h in check.exceptions if h.outcome.id == "sla")
        assert found.acknowledged is not None and found.acknowledged.at == \
            datetime.fromisoformat(at), at
        assert not [h for h in check.unacknowledged if h.outcome.id == "sla"]
