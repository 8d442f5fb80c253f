"""The escalation ladder climbs in time: rung *i* is reached at ``since + after_i`` (a rung
without ``after`` at once). An acknowledgement stops it: rungs due after it are never
reached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from otpcli.exceptions.episodes import elapsed
from otpcli.org.model import ExceptionCriterion, parse_duration


@dataclass(frozen=True, slots=True)
class Rung:
    """A seat on the ladder and the moment it is (or was) told."""

    to: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Climb:
    """Where the ladder stands at a moment."""

    escalated_to: tuple[str, ...]  # every seat reached so far, in ladder order
    next: Rung | None  # the next seat to be told and when; None at the top or once taken
    pending: tuple[Rung, ...]  # every rung still to come, soonest first


def rungs(criterion: ExceptionCriterion, since: datetime) -> tuple[Rung, ...]:
    """Every rung of the ladder with the moment it is reached, in ladder order."""
    return tuple(Rung(step.to, elapsed(since, parse_duration(step.after) if step.after
                                       else timedelta(0)))
                 for step in criterion.escalate)


def climb(ladder: tuple[Rung, ...], as_of: datetime, acknowledged_at: datetime | None = None
          ) -> Climb:
    """The ladder at ``as_of``; with an acknowledgement, it stopped climbing at that moment."""
    stop = as_of if acknowledged_at is None else min(as_of, acknowledged_at)
    reached: list[str] = []
    for rung in ladder:
        if rung.at <= stop and rung.to not in reached:
            reached.append(rung.to)
    if acknowledged_at is not None and acknowledged_at <= as_of:
        return Climb(tuple(reached), None, ())
    pending = tuple(sorted((rung for rung in ladder if rung.at > as_of),
                           key=lambda rung: rung.at))
    return Climb(tuple(reached), pending[0] if pending else None, pending)
