"""Compute the scorecard: periods, their values and statuses, and each row's status.

Everything here is pure computation on loaded models and measurements, so it
is tested without the command line. Periods are local calendar periods in the
org's time zone (see :mod:`otpcli.periods`); a measurement belongs to the
period containing its ``at``; the current period is partial and not judged.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Literal
from zoneinfo import ZoneInfo

from otpcli.measurements import Point, Series, read_series
from otpcli.model import Cadence, Outcome, Seat, parse_duration
from otpcli.periods import add_months, local_midnight, week_start, weekday_index
from otpcli.repo import MEASUREMENTS_DIR, Org, SeatFile, collector_paused

PeriodStatus = Literal["on_track", "off_track", "missing", "partial", "none", "unknown"]
RowStatus = Literal["on_track", "off_track", "missing", "stale", "pending", "unknown", "draft",
                    "no_outcome"]
ATTENTION: tuple[RowStatus, ...] = ("off_track", "stale", "missing")
ROW_STATUSES: tuple[RowStatus, ...] = ("on_track", "off_track", "missing", "stale", "pending",
                                       "unknown", "draft", "no_outcome")
_PERIOD_LENGTH = {"daily": timedelta(days=1), "weekly": timedelta(days=7),
                  "monthly": timedelta(days=31), "quarterly": timedelta(days=92)}
_GRACE = timedelta(days=1)
_BY_TIME = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime  # local, inclusive
    end: datetime  # local, exclusive
    value: float | None
    status: PeriodStatus
    reports: int = 0  # rows in the period, explicit no-value reports included

    @property
    def partial(self) -> bool:
        return self.status == "partial"


@dataclass(frozen=True, slots=True)
class Row:
    seat: SeatFile
    outcome: Outcome | None
    statement: str
    status: RowStatus
    periods: tuple[Period, ...] = ()
    latest: Point | None = None
    stale_after: timedelta | None = None

    @property
    def on_track_share(self) -> float | None:
        judged = [p for p in self.periods if p.status in ("on_track", "off_track", "missing")]
        if not judged:
            return None
        return sum(1 for p in judged if p.status == "on_track") / len(judged)

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION


@dataclass
class Scorecard:
    org: Org
    as_of: datetime
    periods: int
    rows: list[Row] = field(default_factory=list)


def period_bounds(day: date, cadence: Cadence, first_weekday: int) -> tuple[date, date]:
    """The local calendar period containing ``day``: [start, end)."""
    if cadence == "daily":
        return day, day + timedelta(days=1)
    if cadence == "weekly":
        start = week_start(day, first_weekday)
        return start, start + timedelta(days=7)
    if cadence == "monthly":
        start = day.replace(day=1)
        return start, add_months(start, 1)
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return start, add_months(start, 3)


def previous_start(start: date, cadence: Cadence) -> date:
    if cadence == "daily":
        return start - timedelta(days=1)
    if cadence == "weekly":
        return start - timedelta(days=7)
    return add_months(start, -1 if cadence == "monthly" else -3)


def combine(values: Sequence[float], aggregate: str) -> float:
    """Values in time order combined by the metric's aggregate."""
    if aggregate == "last":
        return values[-1]
    if aggregate == "sum":
        return sum(values)
    if aggregate == "mean":
        return sum(values) / len(values)
    if aggregate == "min":
        return min(values)
    return max(values)


@lru_cache(maxsize=64)
def windows(
    as_of: datetime, zone: ZoneInfo, first_weekday: int, count: int
) -> dict[str, list[tuple[datetime, datetime]]]:
    """For each cadence, the ``count`` trailing periods up to ``as_of`` as local datetimes
    (computed once per scorecard, shared by every row)."""
    today = as_of.astimezone(zone).date()
    found: dict[str, list[tuple[datetime, datetime]]] = {}
    for cadence in ("daily", "weekly", "monthly", "quarterly"):
        start, end = period_bounds(today, cadence, first_weekday)
        days: list[tuple[date, date]] = []
        for _ in range(count):
            days.append((start, end))
            end, start = start, previous_start(start, cadence)
        found[cadence] = [(local_midnight(first, zone), local_midnight(last, zone))
                          for first, last in reversed(days)]
    return found


def default_stale_after(cadence: Cadence) -> timedelta:
    """One period of the cadence plus a grace of one day."""
    return _PERIOD_LENGTH[cadence] + _GRACE


def outcome_row(
    seat_file: SeatFile,
    outcome: Outcome,
    history: Series,
    *,
    as_of: datetime,
    zone: ZoneInfo,
    first_weekday: int,
    count: int,
) -> Row:
    """One scorecard row: ``count`` trailing periods (the last one is the open period)."""
    rows = sorted(history, key=_BY_TIME)  # stable: rows at one moment keep file order
    del rows[bisect_right(rows, as_of, key=_BY_TIME):]  # what was known at as_of
    cadence: Cadence = outcome.timeframe.cadence if outcome.timeframe else "weekly"
    aggregate = outcome.metric.aggregate if outcome.metric else "last"
    latest = next((Point(at, value) for at, value in reversed(rows) if value is not None), None)
    first_report = rows[0][0] if rows else None

    bounds = windows(as_of, zone, first_weekday, count)[cadence]
    cursor = bisect_left(rows, bounds[0][0], key=_BY_TIME)
    periods: list[Period] = []
    for index, (period_start, period_end) in enumerate(bounds):
        reports = 0
        values: list[float] = []
        while cursor < len(rows) and rows[cursor][0] < period_end:
            reports += 1
            value = rows[cursor][1]
            if value is not None:
                values.append(value)
            cursor += 1
        combined = combine(values, aggregate) if values else None
        status: PeriodStatus
        if index == len(bounds) - 1:
            status = "partial"
        elif first_report is None or period_end <= first_report:
            status = "none"
        elif combined is None:
            status = "missing"
        elif outcome.range is None or (outcome.range.min is None and outcome.range.max is None):
            status = "unknown"
        else:
            status = "on_track" if outcome.range.contains(combined) else "off_track"
        periods.append(Period(period_start, period_end, combined, status, reports))

    stale_after = parse_duration(outcome.stale_after) if outcome.stale_after \
        else default_stale_after(cadence)
    row_status: RowStatus
    closed = [p for p in periods[:-1] if p.status != "none"]
    if latest is None:
        row_status = "missing"
    elif as_of - latest.at > stale_after:
        row_status = "stale"
    elif not closed:
        row_status = "pending"
    else:
        newest = closed[-1].status
        row_status = newest if newest in ("on_track", "off_track", "missing") else "unknown"
    return Row(seat=seat_file, outcome=outcome, statement=outcome.statement, status=row_status,
               periods=tuple(periods), latest=latest, stale_after=stale_after)


def build_scorecard(
    org: Org,
    *,
    as_of: datetime,
    periods: int | None = None,
    seats: Sequence[str] = (),
    kinds: Sequence[str] = (),
    statuses: Sequence[str] = (),
    attention_first: bool = False,
) -> Scorecard:
    """Every active seat in org-chart order with its outcome rows, filtered and ordered."""
    with collector_paused():
        return _build(org, as_of, periods, seats, kinds, statuses, attention_first)


def _build(
    org: Org, as_of: datetime, periods: int | None, seats: Sequence[str], kinds: Sequence[str],
    statuses: Sequence[str], attention_first: bool,
) -> Scorecard:
    zone = ZoneInfo(org.config.timezone)
    first_weekday = weekday_index(org.config.week_start)
    count = periods or org.config.scorecard.periods
    scorecard = Scorecard(org=org, as_of=as_of, periods=count)
    wanted_seats = set(seats)
    for seat_file in org.chart_order():
        seat: Seat = seat_file.seat
        if wanted_seats and seat_file.id not in wanted_seats:
            continue
        if kinds and seat.holder.kind not in kinds:
            continue
        seat_rows: list[Row] = []
        for entry in seat.outcomes:
            if isinstance(entry, str):
                seat_rows.append(Row(seat=seat_file, outcome=None, statement=entry,
                                     status="draft"))
                continue
            history = read_series(org.measurements_path(entry.id),
                                  f"{MEASUREMENTS_DIR}/{entry.id}.csv")
            seat_rows.append(outcome_row(seat_file, entry, history, as_of=as_of, zone=zone,
                                         first_weekday=first_weekday, count=count))
        if not seat_rows:
            seat_rows.append(Row(seat=seat_file, outcome=None, statement="", status="no_outcome"))
        scorecard.rows.extend(row for row in seat_rows if not statuses or row.status in statuses)
    if attention_first:
        rank = {status: position for position, status in enumerate(ATTENTION)}
        scorecard.rows.sort(key=lambda row: rank.get(row.status, len(ATTENTION)))
    return scorecard
