"""The scorecard against a small org whose every number was worked out by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from otpcli.org.load import require_org
from otpcli.scorecard.build import Row, Scorecard, build_scorecard

OUTCOME = """\
  - id: {id}
    statement: {statement}
    metric: {{name: {id}, unit: count, aggregate: {aggregate}}}
    range: {range}
    timeframe: {{cadence: {cadence}}}
{extra}"""

MEASUREMENTS = {
    # weekly mean, range 10-20
    "wm": [
        ("2026-03-24T09:00:00+00:00", "10", ""),
        ("2026-03-26T09:00:00+00:00", "14", ""),  # week of 23 Mar: mean 12, on track
        ("2026-03-30T00:30:00+01:00", "30", ""),  # Monday 00:30, the day after clocks went forward
        ("2026-04-02T09:00:00+01:00", "0", ""),  # a zero is a value: week of 30 Mar mean 15
        # week of 6 Apr: no report at all -> missing
        ("2026-04-14T10:00:00+01:00", "5", ""),  # current week, partial
    ],
    # daily last, range max 100
    "dl": [
        ("2026-04-12T08:00:00+01:00", "50", ""),
        ("2026-04-12T18:00:00+01:00", "120", ""),  # last of 12 Apr: 120, off track
        ("2026-04-13T20:00:00+01:00", "90", ""),  # out of order in the file on purpose
        ("2026-04-13T08:00:00+01:00", "130", ""),  # last of 13 Apr is 90 (by time), on track
        ("2026-04-14T09:00:00+01:00", "", "source API returned 500"),  # explicit no value
        ("2026-04-15T09:00:00+01:00", "70", ""),  # today, partial
        ("2026-04-15T18:00:00+01:00", "200", ""),  # after the moment we look: not counted
    ],
    # monthly sum, range 100-200
    "ms": [
        ("2026-02-03T09:00:00+00:00", "60", ""),
        ("2026-02-20T09:00:00+00:00", "50", ""),  # February: 110, on track
        ("2026-03-10T09:00:00+00:00", "100", ""),
        ("2026-03-31T23:30:00+01:00", "150", ""),  # March: 250, off track
        ("2026-04-01T00:15:00+01:00", "40", ""),  # 31 Mar 23:15 UTC, but April locally
        ("2026-04-09T09:00:00+01:00", "30", ""),  # April so far: 70, partial
    ],
    # weekly last, stale after 3 days
    "st": [
        ("2026-04-03T09:00:00+01:00", "5", ""),
        ("2026-04-07T09:00:00+01:00", "7", ""),
    ],
}


@pytest.fixture
def org_root(tmp_path: Path) -> Path:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: Hand\ntimezone: Europe/London\nweek_start: monday\n")
    outcomes = "".join([
        OUTCOME.format(id="wm", statement="Weekly mean between 10 and 20", aggregate="mean",
                       range="{min: 10, max: 20}", cadence="weekly", extra=""),
        OUTCOME.format(id="dl", statement="Daily last at most 100", aggregate="last",
                       range="{max: 100}", cadence="daily", extra=""),
        OUTCOME.format(id="ms", statement="Monthly sum between 100 and 200", aggregate="sum",
                       range="{min: 100, max: 200}", cadence="monthly", extra=""),
        OUTCOME.format(id="st", statement="Weekly value of 0 or more", aggregate="last",
                       range="{min: 0}", cadence="weekly", extra="    stale_after: 3d\n"),
    ])
    (root / "seats" / "ada.yaml").write_text(
        "title: Founder\nholder: {name: Ada, kind: human}\noutcomes:\n" + outcomes)
    for outcome, rows in MEASUREMENTS.items():
        lines = ["at,value,source,note"] + [f"{at},{value},test,{note}" for at, value, note in rows]
        (root / "measurements" / f"{outcome}.csv").write_text("\n".join(lines) + "\n")
    return root


def card(root: Path, as_of: str, periods: int) -> Scorecard:
    return build_scorecard(require_org(root), as_of=datetime.fromisoformat(as_of),
                           periods=periods)


def row(scorecard: Scorecard, outcome: str) -> Row:
    return next(r for r in scorecard.rows if r.outcome is not None and r.outcome.id == outcome)


def cells(r: Row) -> list[tuple[str, float | None, str]]:
    return [(p.start.isoformat(), p.value, p.status) for p in r.periods]


NOW = "2026-04-15T12:00:00+01:00"


def test_weekly_mean_with_a_zero_a_monday_after_dst_and_a_week_without_report(
    org_root: Path,
) -> None:
    weekly = row(card(org_root, NOW, 4), "wm")
    assert cells(weekly) == [
        ("2026-03-23T00:00:00+00:00", 12.0, "on_track"),
        ("2026-03-30T00:00:00+01:00", 15.0, "on_track"),
        ("2026-04-06T00:00:00+01:00", None, "missing"),
        ("2026-04-13T00:00:00+01:00", 5.0, "partial"),
    ]
    assert [p.end.isoformat() for p in weekly.periods][:1] == ["2026-03-30T00:00:00+01:00"]
    assert weekly.status == "missing"
    assert weekly.latest is not None and weekly.latest.value == 5.0
    assert weekly.on_track_share == pytest.approx(2 / 3)


def test_daily_last_with_an_explicit_no_value_report(org_root: Path) -> None:
    daily = row(card(org_root, NOW, 4), "dl")
    assert cells(daily) == [
        ("2026-04-12T00:00:00+01:00", 120.0, "off_track"),
        ("2026-04-13T00:00:00+01:00", 90.0, "on_track"),
        ("2026-04-14T00:00:00+01:00", None, "missing"),
        ("2026-04-15T00:00:00+01:00", 70.0, "partial"),
    ]
    assert daily.periods[2].reports == 1
    assert daily.latest is not None and daily.latest.value == 70.0


def test_monthly_sum_by_local_calendar_month(org_root: Path) -> None:
    monthly = row(card(org_root, NOW, 3), "ms")
    assert cells(monthly) == [
        ("2026-02-01T00:00:00+00:00", 110.0, "on_track"),
        ("2026-03-01T00:00:00+00:00", 250.0, "off_track"),
        ("2026-04-01T00:00:00+01:00", 70.0, "partial"),
    ]
    assert monthly.status == "off_track"


def test_a_stale_row_is_flagged_not_shown_as_current(org_root: Path) -> None:
    stale = row(card(org_root, NOW, 3), "st")
    assert stale.status == "stale"
    assert stale.latest is not None and stale.latest.at.isoformat() == "2026-04-07T09:00:00+01:00"


def test_as_of_in_the_past_counts_only_what_was_known_then(org_root: Path) -> None:
    earlier = card(org_root, "2026-04-08T12:00:00+01:00", 4)
    assert cells(row(earlier, "wm")) == [
        ("2026-03-16T00:00:00+00:00", None, "none"),
        ("2026-03-23T00:00:00+00:00", 12.0, "on_track"),
        ("2026-03-30T00:00:00+01:00", 15.0, "on_track"),
        ("2026-04-06T00:00:00+01:00", None, "partial"),
    ]
    assert row(earlier, "wm").status == "on_track"
    stale_then = row(earlier, "st")
    assert stale_then.status == "on_track"
    assert stale_then.latest is not None and stale_then.latest.value == 7.0
    assert row(earlier, "dl").status == "missing"  # no value at all before 8 Apr
    assert [p.status for p in row(earlier, "dl").periods] == ["none", "none", "none", "partial"]


def test_filters_and_attention_order(org_root: Path) -> None:
    org = require_org(org_root)
    as_of = datetime.fromisoformat(NOW)
    attention = build_scorecard(org, as_of=as_of, periods=4, attention_first=True)
    assert [r.status for r in attention.rows] == ["off_track", "stale", "missing", "missing"]
    only_stale = build_scorecard(org, as_of=as_of, periods=4, statuses=["stale"])
    assert [r.outcome.id for r in only_stale.rows if r.outcome] == ["st"]
    agents = build_scorecard(org, as_of=as_of, periods=4, kinds=["agent"])
    assert agents.rows == []


def test_last_is_the_judged_period_never_a_raw_row(org_root: Path) -> None:
    """A sum outcome shows the period's total, comparable with its range; a stale row shows
    its newest period so far, marked partial; trends stop at the last closed period."""
    from otpcli.scorecard.render import closed_periods, row_json, shown

    scorecard = card(org_root, NOW, 3)
    monthly = row(scorecard, "ms")
    assert shown(monthly) == (250.0, False)  # March's total, not the 30 recorded in April
    assert row_json(monthly)["value"] == 250.0
    assert [p.status for p in closed_periods(monthly)] == ["on_track", "off_track"]
    weekly = row(scorecard, "wm")
    assert shown(weekly) == (15.0, False)  # the week's mean, not the last row (0)
    stale = row(scorecard, "st")
    assert stale.status == "stale" and shown(stale) == (7.0, False)
    (org_root / "seats" / "bo.yaml").write_text(
        "title: Ops\nholder: {name: Bo, kind: human}\noutcomes:\n" + OUTCOME.format(
            id="sp", statement="Monthly spend between 100 and 200", aggregate="sum",
            range="{min: 100, max: 200}", cadence="monthly", extra="    stale_after: 2d\n"))
    (org_root / "measurements" / "sp.csv").write_text(
        "at,value,source,note\n2026-03-20T09:00:00+00:00,150,t,\n"
        "2026-04-02T09:00:00+01:00,40,t,\n2026-04-09T09:00:00+01:00,30,t,\n")
    gone_quiet = row(card(org_root, NOW, 3), "sp")
    assert gone_quiet.status == "stale"
    assert shown(gone_quiet) == (70.0, True)  # April so far, marked partial, not 30
    assert row_json(gone_quiet)["value_partial"] is True
