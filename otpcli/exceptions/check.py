"""Which exceptions hold at a moment, how far their ladders have climbed, and who took them.

Every ``exceptions`` entry of every active outcome (an active seat's outcome whose
``timeframe.until`` has not passed) is evaluated on the scorecard's own periods and
statuses (see :mod:`otpcli.exceptions.episodes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from otpcli.exceptions.acks import Acknowledgement, read_acknowledgements
from otpcli.exceptions.episodes import (
    PERIOD_CONDITION,
    RowMaker,
    holds,
    period_since,
    row_maker,
    stale_since,
)
from otpcli.exceptions.introduced import first_committed
from otpcli.exceptions.ladder import Climb, Rung, climb, rungs
from otpcli.measurements.cache import SeriesCache
from otpcli.org.calendar import weekday_index
from otpcli.org.load import Org, SeatFile, collector_paused
from otpcli.org.model import ExceptionCriterion, Outcome
from otpcli.org.source import tip
from otpcli.scorecard.build import outcome_series


@dataclass(frozen=True, slots=True)
class Holding:
    """One exception criterion whose condition holds at the moment of checking."""

    seat: SeatFile
    outcome: Outcome
    outcome_index: int  # in the seat's `outcomes` list
    criterion_index: int  # in the outcome's `exceptions` list
    criterion: ExceptionCriterion
    since: datetime
    rungs: tuple[Rung, ...]
    climb: Climb
    acknowledged: Acknowledgement | None

    @property
    def path(self) -> tuple[str | int, ...]:
        """The YAML path of the criterion in its seat file."""
        return ("outcomes", self.outcome_index, "exceptions", self.criterion_index)

    @property
    def escalated_to(self) -> tuple[str, ...]:
        return self.climb.escalated_to

    @property
    def next(self) -> Rung | None:
        return self.climb.next


@dataclass(frozen=True)
class Check:
    org: Org
    as_of: datetime
    exceptions: tuple[Holding, ...]

    @property
    def unacknowledged(self) -> tuple[Holding, ...]:
        return tuple(holding for holding in self.exceptions if holding.acknowledged is None)


def is_active(outcome: Outcome, as_of: datetime, zone: ZoneInfo) -> bool:
    """An outcome applies until the end of its ``timeframe.until`` day."""
    until = outcome.timeframe.until if outcome.timeframe else None
    return until is None or as_of.astimezone(zone).date() <= until


def check_exceptions(
    org: Org,
    *,
    as_of: datetime,
    seats: Sequence[str] = (),
    escalated_to: Sequence[str] = (),
    outcomes: Sequence[str] = (),
) -> Check:
    """Every exception holding at ``as_of``, in org-chart order (filtered by the outcome's
    seat, by a seat already told, or by outcome id)."""
    with collector_paused():
        found = _evaluate(org, as_of, set(seats), set(outcomes))
    if escalated_to:
        wanted = set(escalated_to)
        found = [holding for holding in found if wanted & set(holding.escalated_to)]
    return Check(org=org, as_of=as_of, exceptions=tuple(found))


def _evaluate(org: Org, as_of: datetime, seats: set[str], outcomes: set[str]) -> list[Holding]:
    zone = ZoneInfo(org.config.timezone)
    first_weekday = weekday_index(org.config.week_start)
    start_count = org.config.scorecard.periods
    cache = SeriesCache(org.root, org.config.limits.max_measurement_bytes)
    found: list[Holding] = []
    for seat_file in org.chart_order():
        if seats and seat_file.id not in seats:
            continue
        for outcome_index, entry in enumerate(seat_file.seat.outcomes):
            if isinstance(entry, str) or not entry.exceptions:
                continue
            if (outcomes and entry.id not in outcomes) or not is_active(entry, as_of, zone):
                continue
            history = outcome_series(org, cache, entry.id)
            row_at = row_maker(seat_file, entry, history, as_of=as_of, zone=zone,
                               first_weekday=first_weekday)
            acks: list[Acknowledgement] | None = None
            for criterion_index, criterion in enumerate(entry.exceptions):
                since = _since(org, entry, criterion, row_at, start_count, zone, first_weekday)
                if since is None or not holds(criterion, since, as_of):
                    continue
                if acks is None:
                    acks = read_acknowledgements(org, entry.id)
                taken = taken_by(acks, criterion, since, as_of)
                ladder = rungs(criterion, since)
                found.append(Holding(
                    seat=seat_file, outcome=entry, outcome_index=outcome_index,
                    criterion_index=criterion_index, criterion=criterion,
                    since=since.astimezone(zone), rungs=ladder,
                    climb=climb(ladder, as_of, taken.at if taken else None), acknowledged=taken))
    cache.save()
    return found


def _since(org: Org, outcome: Outcome, criterion: ExceptionCriterion, row_at: RowMaker,
           start_count: int, zone: ZoneInfo, first_weekday: int) -> datetime | None:
    if criterion.when in PERIOD_CONDITION:
        return period_since(criterion, row_at, start_count)
    row = row_at(start_count)  # the row the period conditions use: built once
    introduced = None if row.latest is not None else \
        first_committed(org.root, outcome.id, tip(org.source))
    return stale_since(outcome, row, introduced, zone=zone, first_weekday=first_weekday)


def taken_by(acks: Sequence[Acknowledgement], criterion: ExceptionCriterion, since: datetime,
             as_of: datetime) -> Acknowledgement | None:
    """The first acknowledgement of this episode: its condition, made between the moment the
    episode began and ``as_of``. One made in an earlier episode does not carry over."""
    inside = [ack for ack in acks
              if ack.when == criterion.when and since <= ack.at <= as_of]
    return min(inside, key=lambda ack: ack.at) if inside else None
