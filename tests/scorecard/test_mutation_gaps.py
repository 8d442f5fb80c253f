"""Tests for conditions a mutation check found unguarded (issue 9 section 4): each fails when
the condition it names is broken."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from otpcli.org.load import require_org
from otpcli.org.model import Range
from otpcli.scorecard.build import Row, build_scorecard, combine
from otpcli.scorecard.periods import default_stale_after, period_bounds

LONDON = ZoneInfo("Europe/London")


def test_range_bounds_are_inclusive() -> None:
    bounds = Range(min=90, max=100)
    assert bounds.contains(90) and bounds.contains(100)
    assert not bounds.contains(89.999) and not bounds.contains(100.001)
    assert Range(min=None, max=3).contains(3) and Range(min=0, max=None).contains(0)


@pytest.mark.parametrize(("cadence", "days"), [("daily", 2), ("weekly", 8), ("monthly", 32),
                                               ("quarterly", 93)])
def test_default_stale_after_is_one_period_and_a_day_of_grace(cadence: str, days: int) -> None:
    assert default_stale_after(cadence) == timedelta(days=days)  # type: ignore[arg-type]


@pytest.mark.parametrize(("first_weekday", "start"), [(0, date(2026, 11, 16)),
                                                      (6, date(2026, 11, 22)),
                                                      (2, date(2026, 11, 18))])
def test_week_start_other_than_monday(first_weekday: int, start: date) -> None:
    assert period_bounds(date(2026, 11, 22), "weekly", first_weekday) == (
        start, start + timedelta(days=7))


@pytest.mark.parametrize(("day", "bounds"), [
    (date(2026, 2, 14), (date(2026, 1, 1), date(2026, 4, 1))),
    (date(2026, 4, 1), (date(2026, 4, 1), date(2026, 7, 1))),
    (date(2026, 12, 31), (date(2026, 10, 1), date(2027, 1, 1))),
])
def test_quarterly_periods(day: date, bounds: tuple[date, date]) -> None:
    assert period_bounds(day, "quarterly", 0) == bounds


@pytest.mark.parametrize(("aggregate", "value"), [("max", 9.0), ("min", 1.0), ("sum", 15.0),
                                                  ("mean", 5.0), ("last", 5.0)])
def test_every_aggregate(aggregate: str, value: float) -> None:
    assert combine([1.0, 9.0, 5.0], aggregate) == value


def _org(tmp_path: Path, stale_after: str, rows: list[tuple[str, str]],
         week_start: str = "monday") -> Path:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text(f"name: T\ntimezone: Europe/London\nweek_start: {week_start}\n")
    (root / "seats" / "ada.yaml").write_text(
        "title: Founder\nholder: {name: Ada, kind: human}\noutcomes:\n"
        "  - id: sla\n    statement: Keep replies under 60 minutes every week\n"
        "    metric: {name: Reply time, unit: minutes, aggregate: max}\n"
        "    range: {max: 60}\n    timeframe: {cadence: weekly}\n"
        + (f"    stale_after: {stale_after}\n" if stale_after else ""))
    (root / "measurements" / "sla.csv").write_text(
        "at,value,source,note\n" + "".join(f"{at},{value},t,\n" for at, value in rows))
    return root


def _row(root: Path, as_of: datetime) -> Row:
    return build_scorecard(require_org(root), as_of=as_of).rows[0]


def test_the_grace_day_keeps_a_week_old_value_fresh(tmp_path: Path) -> None:
    root = _org(tmp_path, "", [("2026-11-09T09:00:00+00:00", "30")])
    assert _row(root, datetime(2026, 11, 17, 8, 59, tzinfo=LONDON)).status != "stale"
    assert _row(root, datetime(2026, 11, 17, 9, 1, tzinfo=LONDON)).status == "stale"


def test_an_explicit_no_value_report_is_not_fresh_data(tmp_path: Path) -> None:
    root = _org(tmp_path, "3d", [("2026-11-09T09:00:00+00:00", "30"),
                                 ("2026-11-16T09:00:00+00:00", "")])
    row = _row(root, datetime(2026, 11, 16, 12, 0, tzinfo=LONDON))
    assert row.status == "stale"  # the newest *value* is a week old
    assert row.latest is not None and row.latest.value == 30.0


def test_max_aggregate_judges_the_worst_of_the_week(tmp_path: Path) -> None:
    root = _org(tmp_path, "", [("2026-11-10T09:00:00+00:00", "30"),
                               ("2026-11-11T09:00:00+00:00", "75"),
                               ("2026-11-12T09:00:00+00:00", "20")])
    row = _row(root, datetime(2026, 11, 17, 8, 0, tzinfo=LONDON))
    assert row.periods[-2].value == 75.0 and row.periods[-2].status == "off_track"


def test_a_sunday_week_start_moves_the_periods(tmp_path: Path) -> None:
    root = _org(tmp_path, "", [("2026-11-15T09:00:00+00:00", "75")], week_start="sunday")
    row = _row(root, datetime(2026, 11, 17, 8, 0, tzinfo=LONDON))
    assert row.periods[-1].start.date() == date(2026, 11, 15)  # a Sunday
    assert row.periods[-1].value == 75.0
