"""Compute the scorecard: periods, their values and statuses, and each row's status.

Everything here is pure computation on loaded models and measurements, so it
is tested without the command line. Periods are local calendar periods in the
org's time zone (see :mod:`otpcli.org.calendar`); a measurement belongs to the
period containing its ``at``; the current period is partial and not judged.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError, plural
from otpcli.measurements.cache import SeriesCache
from otpcli.measurements.store import Point, Series, parse_series
from otpcli.org.calendar import weekday_index
from otpcli.org.load import MEASUREMENTS_DIR, Org, SeatFile, collector_paused
from otpcli.org.model import Cadence, Outcome, Seat
from otpcli.org.source import GitSource
from otpcli.scorecard.periods import stale_after, windows

PeriodStatus = Literal["on_track", "off_track", "missing", "partial", "none", "unknown"]
RowStatus = Literal["on_track", "off_track", "missing", "stale", "pending", "unknown", "draft",
                    "no_outcome", "error"]
ATTENTION: tuple[RowStatus, ...] = ("error", "off_track", "stale", "missing")
ROW_STATUSES: tuple[RowStatus, ...] = ("on_track", "off_track", "missing", "stale", "pending",
                                       "unknown", "draft", "no_outcome", "error")
_BY_TIME = itemgetter(0)


class Period(NamedTuple):
    """One cell of a row (a tuple: tens of thousands are made for a large org)."""

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

    on_track_share: float | None = None  # of the judged closed periods in view
    #: why the row could not be judged (status ``error``): "file:line:column: what is wrong"
    error: str | None = None

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION


@dataclass
class Scorecard:
    org: Org
    as_of: datetime
    periods: int
    rows: list[Row] = field(default_factory=list)


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
    """One scorecard row: ``count`` trailing periods (the last one is the open period).

    Times are compared as POSIX timestamps: comparing aware datetimes asks the
    time zone for an offset on every comparison, and a large org makes millions.
    """
    now = as_of.timestamp()
    rows = sorted(history, key=_BY_TIME)  # stable: rows at one moment keep file order
    del rows[bisect_right(rows, now, key=_BY_TIME):]  # what was known at as_of
    cadence: Cadence = outcome.timeframe.cadence if outcome.timeframe else "weekly"
    aggregate = outcome.metric.aggregate if outcome.metric else "last"
    newest = next((point for point in reversed(rows) if point[1] is not None), None)
    first_report = rows[0][0] if rows else None
    bounds = windows(as_of, zone, first_weekday, count)[cadence]
    judge = outcome.range.contains if outcome.range is not None and (
        outcome.range.min is not None or outcome.range.max is not None) else None

    cursor = bisect_left(rows, bounds[0][2], key=_BY_TIME)
    total = len(rows)
    last = len(bounds) - 1
    periods: list[Period] = []
    for index, (period_start, period_end, _, end) in enumerate(bounds):
        first = cursor
        while cursor < total and rows[cursor][0] < end:
            cursor += 1
        values = [value for _, value in rows[first:cursor] if value is not None]
        combined = combine(values, aggregate) if values else None
        if combined is not None and not math.isfinite(combined):
            raise OtpError(f"{outcome.id}: the {aggregate} of the period from "
                           f"{period_start:%Y-%m-%d} is beyond what otp can count; check "
                           "those values")
        status: PeriodStatus
        if index == last:
            status = "partial"
        elif first_report is None or end <= first_report:
            status = "none"
        elif combined is None:
            status = "missing"
        elif judge is None:
            status = "unknown"
        else:
            status = "on_track" if judge(combined) else "off_track"
        periods.append(Period(period_start, period_end, combined, status, cursor - first))

    stale_seconds = stale_after(outcome.stale_after, cadence).total_seconds()
    row_status: RowStatus
    closed = [p.status for p in periods[:-1] if p.status != "none"]
    if newest is None:
        row_status = "missing"
    elif now - newest[0] > stale_seconds:
        row_status = "stale"
    elif not closed:
        row_status = "pending"
    else:
        row_status = closed[-1] if closed[-1] in ("on_track", "off_track", "missing") \
            else "unknown"
    judged = [status for status in closed if status in ("on_track", "off_track", "missing")]
    share = judged.count("on_track") / len(judged) if judged else None
    latest = Point(datetime.fromtimestamp(newest[0], zone), newest[1]) if newest else None
    return Row(seat=seat_file, outcome=outcome, statement=outcome.statement, status=row_status,
               periods=tuple(periods), latest=latest, on_track_share=share)


def error_text(error: OtpError) -> str:
    """One line for a measurement file that cannot be read: its first problem, and how many
    more there are."""
    if not error.problems:
        return error.message
    more = len(error.problems) - 1
    return error.problems[0].render() + (f" (and {plural(more, 'more bad row')})" if more
                                         else "")


def outcome_series(org: Org, cache: SeriesCache, outcome_id: str) -> Series:
    """An outcome's measurements, from wherever the org was read (the work tree, or a git
    revision: ``otp --rev``)."""
    file = f"{MEASUREMENTS_DIR}/{outcome_id}.csv"
    if not isinstance(org.source, GitSource):
        return cache.series(file)
    blob = org.source.blob_id(file)
    if blob is None:
        try:  # not in the revision, or not a regular file: reading says which
            return parse_series(org.read(file), file)
        except FileNotFoundError:
            return []
    return cache.blob_series(blob, lambda: org.read(file), file)


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
    cache = SeriesCache(org.root, org.config.limits.max_measurement_bytes)
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
            try:
                history = outcome_series(org, cache, entry.id)
                seat_rows.append(outcome_row(seat_file, entry, history, as_of=as_of,
                                             zone=zone, first_weekday=first_weekday,
                                             count=count))
            except OtpError as error:  # this outcome's file; every other row still renders
                seat_rows.append(Row(seat=seat_file, outcome=entry, statement=entry.statement,
                                     status="error", error=error_text(error)))
        if not seat_rows:
            seat_rows.append(Row(seat=seat_file, outcome=None, statement="", status="no_outcome"))
        scorecard.rows.extend(row for row in seat_rows if not statuses or row.status in statuses)
    cache.save()
    if attention_first:
        rank = {status: position for position, status in enumerate(ATTENTION)}
        scorecard.rows.sort(key=lambda row: rank.get(row.status, len(ATTENTION)))
    return scorecard
