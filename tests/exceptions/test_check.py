"""Exceptions on the hand org (see conftest.py): every expected moment was worked out by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from otpcli.exceptions.check import check_exceptions
from otpcli.exceptions.render import holding_json
from otpcli.org.load import require_org

from .hand import write_acks


def holding(root: Path, outcome: str, moment: str) -> dict[str, Any] | None:
    """The exception of ``outcome`` holding at ``moment`` as `otp check --format json` shows
    it, or None."""
    check = check_exceptions(require_org(root), as_of=datetime.fromisoformat(moment))
    found = [holding_json(check, h) for h in check.exceptions if h.outcome.id == outcome]
    assert len(found) <= 1
    return found[0] if found else None


def ladder(found: dict[str, Any] | None) -> tuple[str, list[str], dict[str, str] | None]:
    assert found is not None
    return found["since"], found["escalated_to"], found["next"]


# sla: daily, for: 1, ladder cy at once / ada after 24h / di after 72h.
SLA_EPISODE_1 = "2026-03-25T00:00:00+00:00"
SLA_EPISODE_2 = "2026-03-28T00:00:00+00:00"


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-03-24T23:59:00+00:00", None),  # 23 Mar was on track; 24 Mar still open
    ("2026-03-25T00:00:00+00:00", (SLA_EPISODE_1, ["cy"],
                                   {"to": "ada", "at": "2026-03-26T00:00:00+00:00"})),
    ("2026-03-25T23:59:00+00:00", (SLA_EPISODE_1, ["cy"],
                                   {"to": "ada", "at": "2026-03-26T00:00:00+00:00"})),
    ("2026-03-26T00:00:00+00:00", (SLA_EPISODE_1, ["cy", "ada"],
                                   {"to": "di", "at": "2026-03-28T00:00:00+00:00"})),
    ("2026-03-26T12:00:00+00:00", (SLA_EPISODE_1, ["cy", "ada"],
                                   {"to": "di", "at": "2026-03-28T00:00:00+00:00"})),
    ("2026-03-27T00:00:00+00:00", None),  # 26 Mar was on track: the episode ended
    ("2026-03-27T23:59:00+00:00", None),
    # it holds again: a new episode, a new since, a fresh ladder
    ("2026-03-28T00:00:00+00:00", (SLA_EPISODE_2, ["cy"],
                                   {"to": "ada", "at": "2026-03-29T00:00:00+00:00"})),
    ("2026-03-28T23:59:00+00:00", (SLA_EPISODE_2, ["cy"],
                                   {"to": "ada", "at": "2026-03-29T00:00:00+00:00"})),
    # 72h after 28 Mar 00:00 GMT, across the spring change, is 31 Mar 01:00 BST (not midnight)
    ("2026-03-29T00:00:00+00:00", (SLA_EPISODE_2, ["cy", "ada"],
                                   {"to": "di", "at": "2026-03-31T01:00:00+01:00"})),
    ("2026-03-31T00:59:00+01:00", (SLA_EPISODE_2, ["cy", "ada"],
                                   {"to": "di", "at": "2026-03-31T01:00:00+01:00"})),
    ("2026-03-31T01:00:00+01:00", (SLA_EPISODE_2, ["cy", "ada", "di"], None)),
    ("2026-04-01T12:00:00+01:00", (SLA_EPISODE_2, ["cy", "ada", "di"], None)),
])
def test_a_for_1_ladder_climbs_rung_by_rung_and_restarts_with_a_new_episode(
    hand_org: Path, moment: str, expected: tuple[str, list[str], dict[str, str] | None] | None
) -> None:
    found = holding(hand_org, "sla", moment)
    assert (ladder(found) if found else None) == expected


def test_the_json_of_one_exception_has_the_documented_keys(hand_org: Path) -> None:
    assert holding(hand_org, "sla", "2026-03-26T00:00:00+00:00") == {
        "seat": "bo", "outcome": "sla", "when": "out_of_range", "for": 1,
        "since": SLA_EPISODE_1, "escalated_to": ["cy", "ada"],
        "next": {"to": "di", "at": "2026-03-28T00:00:00+00:00"}, "acknowledged": None,
    }


@pytest.mark.parametrize(("moment", "since"), [
    ("2026-03-16T12:00:00+00:00", None),  # 2 and 9 Mar off, but only two in a row
    ("2026-04-12T23:59:00+01:00", None),  # 23 and 30 Mar off: two
    ("2026-04-13T00:00:00+01:00", "2026-04-13T00:00:00+01:00"),  # the third closes
    ("2026-04-21T12:00:00+01:00", "2026-04-13T00:00:00+01:00"),  # a fourth: same episode
])
def test_for_3_holds_once_three_closed_periods_in_a_row_are_off_track(
    hand_org: Path, moment: str, since: str | None
) -> None:
    found = holding(hand_org, "weekly-3", moment)
    assert (found["since"] if found else None) == since


@pytest.mark.parametrize(("moment", "since"), [
    ("2026-04-02T23:59:00+01:00", None),
    ("2026-04-03T00:00:00+01:00", "2026-04-03T00:00:00+01:00"),  # the explicit no-value day
    ("2026-04-04T00:00:00+01:00", None),  # 3 Apr had a value
    ("2026-04-05T12:00:00+01:00", "2026-04-05T00:00:00+01:00"),  # 4 Apr: no report at all
    ("2026-04-06T12:00:00+01:00", "2026-04-05T00:00:00+01:00"),  # 5 Apr too: same episode
    ("2026-04-07T00:00:00+01:00", None),
])
def test_missing_counts_explicit_no_value_reports_and_days_without_a_report(
    hand_org: Path, moment: str, since: str | None
) -> None:
    found = holding(hand_org, "feed", moment)
    assert (found["since"] if found else None) == since


@pytest.mark.parametrize(("moment", "since"), [
    ("2026-03-29T13:00:00+01:00", None),  # exactly 48h old: not yet older than stale_after
    # 48 hours after Fri 27 Mar 12:00 GMT, across the spring change
    ("2026-03-29T13:01:00+01:00", "2026-03-29T13:00:00+01:00"),
    ("2026-03-31T08:59:00+01:00", "2026-03-29T13:00:00+01:00"),
    ("2026-03-31T09:00:00+01:00", None),  # a fresh value ends the episode
    ("2026-04-02T09:01:00+01:00", "2026-04-02T09:00:00+01:00"),  # and a new one begins
])
def test_stale_holds_from_the_newest_value_plus_stale_after(
    hand_org: Path, moment: str, since: str | None
) -> None:
    found = holding(hand_org, "pulse", moment)
    assert (found["since"] if found else None) == since


@pytest.mark.parametrize(("moment", "since"), [
    ("2026-03-04T12:00:00+00:00", None),  # before the commit that added it
    ("2026-03-15T23:59:00+00:00", None),  # committed Wed 4 Mar; 9-16 Mar is its first week
    ("2026-03-16T00:01:00+00:00", "2026-03-16T00:00:00+00:00"),
    ("2026-04-20T09:00:00+01:00", "2026-03-16T00:00:00+00:00"),
])
def test_an_outcome_never_measured_is_stale_after_its_first_full_period(
    hand_org: Path, moment: str, since: str | None
) -> None:
    found = holding(hand_org, "never", moment)
    assert (found["since"] if found else None) == since
    assert found is None or found["escalated_to"] == ["ada"]


def test_an_outcome_not_yet_committed_is_not_stale_yet(hand_org: Path) -> None:
    bo = hand_org / "seats" / "bo.yaml"
    bo.write_text(bo.read_text().replace("id: never", "id: brand-new"))
    assert holding(hand_org, "brand-new", "2026-04-20T09:00:00+01:00") is None


def test_an_acknowledgement_stops_the_climb(hand_org: Path) -> None:
    write_acks(hand_org, "sla", [("2026-03-25T09:00:00+00:00", "cy", "out_of_range",
                                  "Restarted the queue worker")])
    before = holding(hand_org, "sla", "2026-03-25T08:00:00+00:00")
    assert before is not None and before["acknowledged"] is None
    after = holding(hand_org, "sla", "2026-03-26T12:00:00+00:00")
    assert after == {
        "seat": "bo", "outcome": "sla", "when": "out_of_range", "for": 1,
        "since": SLA_EPISODE_1, "escalated_to": ["cy"], "next": None,
        "acknowledged": {"by": "cy", "at": "2026-03-25T09:00:00+00:00",
                         "note": "Restarted the queue worker"},
    }


def test_an_acknowledgement_does_not_carry_over_to_the_next_episode(hand_org: Path) -> None:
    write_acks(hand_org, "sla", [
        ("2026-03-25T09:00:00+00:00", "cy", "out_of_range", "episode 1"),
        ("2026-03-27T10:00:00+00:00", "cy", "out_of_range", "after episode 1 ended"),
    ])
    assert holding(hand_org, "sla", "2026-03-27T10:30:00+00:00") is None
    again = holding(hand_org, "sla", "2026-03-29T00:00:00+00:00")
    assert again is not None
    assert again["acknowledged"] is None
    assert again["escalated_to"] == ["cy", "ada"]


def test_rungs_due_after_an_acknowledgement_are_never_reached(hand_org: Path) -> None:
    write_acks(hand_org, "sla", [
        ("2026-03-30T08:00:00+01:00", "ada", "out_of_range", "Moved two agents onto it"),
        ("2026-03-30T09:00:00+01:00", "di", "out_of_range", "a second, later acknowledgement"),
    ])
    found = holding(hand_org, "sla", "2026-04-01T12:00:00+01:00")
    assert found is not None
    assert found["escalated_to"] == ["cy", "ada"]  # di's rung (31 Mar 01:00) never came
    assert found["next"] is None
    assert found["acknowledged"] == {"by": "ada", "at": "2026-03-30T08:00:00+01:00",
                                     "note": "Moved two agents onto it"}


def test_a_rung_due_at_the_moment_of_the_acknowledgement_was_reached(hand_org: Path) -> None:
    write_acks(hand_org, "sla", [("2026-03-29T00:00:00+00:00", "cy", "out_of_range", "")])
    found = holding(hand_org, "sla", "2026-04-01T12:00:00+01:00")
    assert found is not None and found["escalated_to"] == ["cy", "ada"]


def test_an_acknowledgement_of_another_condition_or_later_than_the_check_does_not_count(
    hand_org: Path
) -> None:
    write_acks(hand_org, "sla", [("2026-03-25T09:00:00+00:00", "cy", "stale", "wrong one"),
                                 ("2026-03-25T11:00:00+00:00", "cy", "out_of_range", "later")])
    found = holding(hand_org, "sla", "2026-03-25T10:00:00+00:00")
    assert found is not None and found["acknowledged"] is None


def test_an_outcome_past_its_until_date_is_not_checked(hand_org: Path) -> None:
    bo = hand_org / "seats" / "bo.yaml"
    bo.write_text(bo.read_text().replace("timeframe: {cadence: daily}\n    exceptions:\n"
                                         "      - when: out_of_range",
                                         "timeframe: {cadence: daily, until: 2026-03-30}\n"
                                         "    exceptions:\n      - when: out_of_range", 1))
    assert holding(hand_org, "sla", "2026-03-30T23:59:00+01:00") is not None
    assert holding(hand_org, "sla", "2026-03-31T00:00:00+01:00") is None


def test_filters_by_seat_and_by_desk(hand_org: Path) -> None:
    org = require_org(hand_org)
    moment = datetime.fromisoformat("2026-03-29T00:00:00+00:00")
    everything = {h.outcome.id for h in check_exceptions(org, as_of=moment).exceptions}
    assert everything == {"sla", "never"}
    on_di = check_exceptions(org, as_of=moment, escalated_to=["di"]).exceptions
    assert on_di == ()
    on_ada = {h.outcome.id for h in check_exceptions(org, as_of=moment,
                                                     escalated_to=["ada"]).exceptions}
    assert on_ada == {"sla", "never"}
    assert check_exceptions(org, as_of=moment, seats=["cy"]).exceptions == ()


def test_a_run_longer_than_the_scorecard_window_is_followed_back(hand_org: Path) -> None:
    config = hand_org / "otp.yaml"
    config.write_text(config.read_text() + "scorecard:\n  periods: 3\n")
    found = holding(hand_org, "sla", "2026-04-01T12:00:00+01:00")  # off 27 to 31 March
    assert found is not None and found["since"] == SLA_EPISODE_2
