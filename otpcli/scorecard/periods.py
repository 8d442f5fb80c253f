"""Scorecard periods: the local calendar period containing a day, the trailing windows of
every cadence, and when data goes stale.

Boundaries are local midnights in the org's time zone (see :mod:`otpcli.org.calendar`), so
a daylight-saving change never moves a period boundary.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from otpcli.org.calendar import add_months, local_midnight, week_start
from otpcli.org.model import Cadence, parse_duration

_PERIOD_LENGTH = {"daily": timedelta(days=1), "weekly": timedelta(days=7),
                  "monthly": timedelta(days=31), "quarterly": timedelta(days=92)}
_GRACE = timedelta(days=1)


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


@lru_cache(maxsize=64)
def windows(
    as_of: datetime, zone: ZoneInfo, first_weekday: int, count: int
) -> dict[str, list[tuple[datetime, datetime, float, float]]]:
    """For each cadence, the ``count`` trailing periods up to ``as_of``: local start and end,
    and the same as timestamps (computed once per scorecard, shared by every row)."""
    today = as_of.astimezone(zone).date()
    found: dict[str, list[tuple[datetime, datetime, float, float]]] = {}
    for cadence in ("daily", "weekly", "monthly", "quarterly"):
        start, end = period_bounds(today, cadence, first_weekday)
        days: list[tuple[date, date]] = []
        for _ in range(count):
            days.append((start, end))
            end, start = start, previous_start(start, cadence)
        moments = [(local_midnight(first, zone), local_midnight(last, zone))
                   for first, last in reversed(days)]
        found[cadence] = [(start, end, start.timestamp(), end.timestamp())
                          for start, end in moments]
    return found


def default_stale_after(cadence: Cadence) -> timedelta:
    """One period of the cadence plus a grace of one day."""
    return _PERIOD_LENGTH[cadence] + _GRACE


@lru_cache(maxsize=256)
def stale_after(text: str | None, cadence: Cadence) -> timedelta:
    return parse_duration(text) if text else default_stale_after(cadence)
