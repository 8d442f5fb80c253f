"""Calendar arithmetic in the org's time zone: weeks, months and quarters.

Boundaries are computed on local wall-clock dates and only then given a UTC
offset, so a daylight-saving change never shifts a period boundary.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from otpcli.org.model import WEEKDAYS


def weekday_index(name: str) -> int:
    return WEEKDAYS.index(name)


def week_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def shift_local(moment: datetime, zone: ZoneInfo, *, weeks: int = 0, months: int = 0) -> datetime:
    """Move ``moment`` by whole weeks or months on the local wall clock."""
    local = moment.astimezone(zone).replace(tzinfo=None)
    shifted_day = add_months(local.date(), months) + timedelta(weeks=weeks)
    return datetime.combine(shifted_day, local.time(), tzinfo=zone)
