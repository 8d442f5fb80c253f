"""Compute the scorecard: periods, their values and statuses, and each row's status.

Everything here is pure computation on loaded models and measurements, so it
is tested without the command line. Periods are local calendar periods in the
org's time zone (see :mod:`otpcli.periods`); a measurement belongs to the
period containing its ``at``; the current period is partial and not judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from otpcli.measurements import Measurement, read_measurements
from otpcli.model import Cadence, Outcome, Seat, parse_duration
from otpcli.periods import add_months, local_midnight, week_start, weekday_index
from otpcli.repo import MEASUREMENTS_DIR, Org, SeatFile

PeriodStatus = Literal["on_track", "off_track", "missing", "partial", "none", "unknown"]
RowStatus = Literal["on_track", "off_track", "missing", "stale", "pending", "unknown", "draft",
                    "no_outcome"]
ATTENTION: tuple[RowStatus, ...] = ("off_track", "stale", "missing")
ROW_STATUSES: tuple[RowStatus, ...] = ("on_track", "off_track", "missing", "stale", "pending",
                                       "unknown", "draft", "no_outcome")
_PERIOD_LENGTH = {"daily": timedelta(days=1), "weekly": timedelta(days=7),
                  "monthly": timedelta(days=31), "quarterly": timedelta(days=92)}
_GRACE = timedelta(days=1)


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
    latest: Measurement | None = None
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


def default_stale_after(cadence: Cadence) -> timedelta:
    """One period of the cadence plus a grace of one day."""
    return _PERIOD_LENGTH[cadence] + _GRACE


def outcome_row(
    seat_file: SeatFile,
    outcome: Outcome,
    history: Iterable[Measurement],
    *,
    as_of: datetime,
    zone: ZoneInfo,
    first_weekday: int,
    count: int,
) -> Row:
    """One scorecard row: ``count`` trailing periods (the last one is the open period)."""
    rows = sorted((m for m in history if m.at <= as_of), key=lambda m: m.at)
    cadence: Cadence = outcome.timeframe.cadence if outcome.timeframe else "weekly"
    aggregate = outcome.metric.aggregate if outcome.metric else "last"
    with_values = [m for m in rows if m.value is not None]
    latest = with_values[-1] if with_values else None
    first_report = rows[0].at if rows else None

    today = as_of.astimezone(zone).date()
    start, end = period_bounds(today, cadence, first_weekday)
    bounds: list[tuple[date, date]] = []
    for _ in range(count):
        bounds.append((start, end))
        end, start = start, previous_start(start, cadence)
    bounds.reverse()

    window_start = local_midnight(bounds[0][0], zone)
    in_window = [m for m in rows if m.at >= window_start]
    periods: list[Period] = []
    cursor = 0
    for index, (day_start, day_end) in enumerate(bounds):
        period_start, period_end = local_midnight(day_start, zone), local_midnight(day_end, zone)
        inside: list[Measurement] = []
        while cursor < len(in_window) and in_window[cursor].at < period_end:
            if in_window[cursor].at >= period_start:
                inside.append(in_window[cursor])
            cursor += 1
        values = [m.value for m in inside if m.value is not None]
        value = combine(values, aggregate) if values else None
        is_open = index == len(bounds) - 1
        status: PeriodStatus
        if is_open:
            status = "partial"
        elif first_report is None or period_end <= first_report:
            status = "none"
        elif value is None:
            status = "missing"
        elif outcome.range is None or (outcome.range.min is None and outcome.range.max is None):
            status = "unknown"
        else:
            status = "on_track" if outcome.range.contains(value) else "off_track"
        periods.append(Period(period_start, period_end, value, status, len(inside)))

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
            history = read_measurements(org.measurements_file(entry.id),
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
