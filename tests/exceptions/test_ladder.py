from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from otpcli.exceptions.ladder import Rung, climb, rungs
from otpcli.org.model import ExceptionCriterion

# the clocks go back in London on 25 October 2026
SINCE = datetime(2026, 10, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_rungs_are_reached_after_elapsed_time_across_a_daylight_saving_change() -> None:
    criterion = ExceptionCriterion.model_validate({"when": "stale", "escalate": [
        {"to": "a"}, {"to": "b", "after": "90m"}, {"to": "c", "after": "1d"},
        {"to": "d", "after": "1w"}]})
    assert [(rung.to, rung.at.isoformat()) for rung in rungs(criterion, SINCE)] == [
        ("a", "2026-10-24T12:00:00+01:00"),
        ("b", "2026-10-24T13:30:00+01:00"),
        ("c", "2026-10-25T11:00:00+00:00"),  # 24 hours later is 11:00 GMT, not noon
        ("d", "2026-10-31T11:00:00+00:00"),
    ]


def test_the_next_rung_is_the_soonest_one_not_yet_reached() -> None:
    ladder = (Rung("a", at("2026-01-01T00:00:00+00:00")),
              Rung("b", at("2026-01-04T00:00:00+00:00")),
              Rung("c", at("2026-01-02T00:00:00+00:00")))
    early = climb(ladder, at("2026-01-01T12:00:00+00:00"))
    assert early.escalated_to == ("a",)
    assert early.next == ladder[2]
    assert early.pending == (ladder[2], ladder[1])
    later = climb(ladder, at("2026-01-03T00:00:00+00:00"))
    assert later.escalated_to == ("a", "c")  # in ladder order
    assert later.next == ladder[1]
    top = climb(ladder, at("2026-01-05T00:00:00+00:00"))
    assert (top.escalated_to, top.next, top.pending) == (("a", "b", "c"), None, ())


def test_an_acknowledgement_freezes_the_ladder_at_its_moment() -> None:
    ladder = (Rung("a", at("2026-01-01T00:00:00+00:00")),
              Rung("b", at("2026-01-02T00:00:00+00:00")))
    taken = climb(ladder, at("2026-01-09T00:00:00+00:00"), at("2026-01-01T06:00:00+00:00"))
    assert (taken.escalated_to, taken.next, taken.pending) == (("a",), None, ())
    # seen before the acknowledgement was made, the ladder still climbs
    before = climb(ladder, at("2026-01-01T05:00:00+00:00"), at("2026-01-01T06:00:00+00:00"))
    assert before.next == ladder[1]


def test_a_seat_named_twice_is_told_once() -> None:
    ladder = (Rung("a", at("2026-01-01T00:00:00+00:00")),
              Rung("a", at("2026-01-02T00:00:00+00:00")))
    assert climb(ladder, at("2026-01-03T00:00:00+00:00")).escalated_to == ("a",)
