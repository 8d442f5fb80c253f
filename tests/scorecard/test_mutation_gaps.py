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
from otpcli.scorecard.periods import default_stale_after, period_bounds, previous_start

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


# Found by mutmut over scorecard/build.py (conditions it could break with no test failing).

def _org_with(tmp_path: Path, outcome: str, rows: list[tuple[str, str]]) -> Path:
    """One seat with one outcome given as YAML lines (indented under `outcomes:`)."""
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: T\ntimezone: Europe/London\nweek_start: monday\n")
    (root / "seats" / "ada.yaml").write_text(
        "title: Founder\nholder: {name: Ada, kind: human}\noutcomes:\n  - id: sla\n"
        "    statement: Keep replies under 60 minutes every week\n" + outcome)
    (root / "measurements" / "sla.csv").write_text(
        "at,value,source,note\n" + "".join(f"{at},{value},t,\n" for at, value in rows))
    return root


WEEKLY_LAST = ("    metric: {name: Reply time, unit: minutes, aggregate: last}\n"
               "    range: {max: 60}\n    timeframe: {cadence: weekly}\n")
THURSDAY = datetime(2026, 11, 19, 12, tzinfo=LONDON)


def test_rows_at_one_moment_keep_file_order(tmp_path: Path) -> None:
    """Two values at the same moment: the later line of the file is the last value."""
    root = _org_with(tmp_path, WEEKLY_LAST, [("2026-11-10T09:00:00+00:00", "70"),
                                             ("2026-11-10T09:00:00+00:00", "30")])
    row = _row(root, THURSDAY)
    assert row.latest is not None and row.latest.value == 30
    assert row.periods[-2].value == 30 and row.periods[-2].status == "on_track"


def test_an_outcome_with_no_metric_timeframe_or_range_is_weekly_last_and_unjudged(
        tmp_path: Path) -> None:
    root = _org_with(tmp_path, "", [("2026-11-10T09:00:00+00:00", "70"),
                                    ("2026-11-12T09:00:00+00:00", "30")])
    row = _row(root, THURSDAY)
    week = row.periods[-2]
    assert (week.start.date(), week.end.date()) == (date(2026, 11, 9), date(2026, 11, 16))
    assert week.value == 30 and week.status == "unknown"  # the last value, nothing to judge
    assert row.status == "unknown" and row.on_track_share is None


def test_a_range_without_bounds_judges_nothing(tmp_path: Path) -> None:
    root = _org_with(tmp_path, WEEKLY_LAST.replace("{max: 60}", "{}"),
                     [("2026-11-10T09:00:00+00:00", "70")])
    assert _row(root, THURSDAY).periods[-2].status == "unknown"


def test_a_value_at_a_period_end_belongs_to_the_next_period(tmp_path: Path) -> None:
    """Monday 00:00 ends one week and starts the next; the first measurement there makes
    the week before it "before the first measurement", not missing."""
    root = _org_with(tmp_path, WEEKLY_LAST, [("2026-11-09T00:00:00+00:00", "30")])
    row = _row(root, THURSDAY)
    before, week = row.periods[-3], row.periods[-2]
    assert (before.status, before.value, before.reports) == ("none", None, 0)
    assert (week.status, week.value, week.reports) == ("on_track", 30, 1)


def test_pending_until_the_first_period_with_a_value_closes(tmp_path: Path) -> None:
    root = _org_with(tmp_path, WEEKLY_LAST, [("2026-11-17T09:00:00+00:00", "30")])
    row = _row(root, THURSDAY)
    assert all(period.status == "none" for period in row.periods[:-1])
    assert row.status == "pending" and row.on_track_share is None


def test_the_share_on_track_counts_off_track_and_missing_periods(tmp_path: Path) -> None:
    root = _org_with(tmp_path, WEEKLY_LAST, [("2026-10-27T09:00:00+00:00", "30"),
                                             ("2026-11-03T09:00:00+00:00", "90"),
                                             ("2026-11-17T09:00:00+00:00", "30")])
    row = _row(root, THURSDAY)
    closed = [p.status for p in row.periods[:-1] if p.status != "none"]
    assert closed == ["on_track", "off_track", "missing"]
    assert row.status == "missing" and row.on_track_share == pytest.approx(1 / 3)


def test_stale_only_after_the_whole_stale_after(tmp_path: Path) -> None:
    root = _org_with(tmp_path, WEEKLY_LAST + "    stale_after: 2d\n",
                     [("2026-11-17T12:00:00+00:00", "30")])
    assert _row(root, datetime(2026, 11, 19, 12, tzinfo=LONDON)).status != "stale"
    assert _row(root, datetime(2026, 11, 19, 12, 0, 1, tzinfo=LONDON)).status == "stale"


def test_a_sum_beyond_what_floats_hold_names_the_period(tmp_path: Path) -> None:
    root = _org_with(tmp_path, WEEKLY_LAST.replace("last", "sum"),
                     [("2026-11-10T09:00:00+00:00", "1e308"),
                      ("2026-11-11T09:00:00+00:00", "1e308")])
    row = _row(root, THURSDAY)
    assert row.status == "error" and row.error is not None
    assert "sla: the sum of the period from 2026-11-09 is beyond what otp can count" \
        in row.error


# `windows` is memoised, so a mutation tool maps period_bounds and previous_start only to the
# first test that computed a window; these test them directly.

@pytest.mark.parametrize(("cadence", "day", "bounds"), [
    ("daily", date(2026, 12, 31), (date(2026, 12, 31), date(2027, 1, 1))),
    ("weekly", date(2026, 12, 31), (date(2026, 12, 28), date(2027, 1, 4))),
    ("monthly", date(2026, 12, 31), (date(2026, 12, 1), date(2027, 1, 1))),
    ("monthly", date(2028, 2, 29), (date(2028, 2, 1), date(2028, 3, 1))),
    ("quarterly", date(2026, 11, 23), (date(2026, 10, 1), date(2027, 1, 1))),
])
def test_period_bounds_of_every_cadence(cadence: str, day: date,
                                        bounds: tuple[date, date]) -> None:
    assert period_bounds(day, cadence, 0) == bounds  # type: ignore[arg-type]


@pytest.mark.parametrize(("cadence", "start", "previous"), [
    ("daily", date(2027, 1, 1), date(2026, 12, 31)),
    ("weekly", date(2027, 1, 4), date(2026, 12, 28)),
    ("monthly", date(2027, 1, 1), date(2026, 12, 1)),
    ("monthly", date(2028, 3, 1), date(2028, 2, 1)),
    ("quarterly", date(2027, 1, 1), date(2026, 10, 1)),
])
def test_the_period_before_of_every_cadence(cadence: str, start: date, previous: date) -> None:
    assert previous_start(start, cadence) == previous  # type: ignore[arg-type]


def test_rows_of_drafts_errors_and_seats_without_outcomes(tmp_path: Path) -> None:
    """A draft keeps its sentence and does not end the seat's rows; a file that cannot be
    read gives an error row with the statement; a seat without outcomes gets one empty
    row; rows stay in chart order unless attention comes first."""
    history = [(f"2026-10-{day:02d}T09:00:00+00:00", "30") for day in range(1, 32)]
    root = _org_with(tmp_path, WEEKLY_LAST, history)  # 31 rows: over 1,000 bytes
    seat = root / "seats" / "ada.yaml"
    seat.write_text(seat.read_text().replace(
        "outcomes:\n", "outcomes:\n  - Answer every customer the same day\n"))
    (root / "seats" / "bo.yaml").write_text(
        "title: Analyst\nholder: {name: Bo, kind: human}\nreports_to: ada\n")
    (root / "otp.yaml").write_text((root / "otp.yaml").read_text()
                                   + "limits: {max_measurement_bytes: 1000}\n")
    card = build_scorecard(require_org(root), as_of=THURSDAY)
    assert [(row.seat.id, row.status, row.statement) for row in card.rows] == [
        ("ada", "draft", "Answer every customer the same day"),
        ("ada", "error", "Keep replies under 60 minutes every week"),  # over the limit
        ("bo", "no_outcome", ""),
    ]
    assert card.rows[1].error is not None and "max_measurement_bytes" in card.rows[1].error
