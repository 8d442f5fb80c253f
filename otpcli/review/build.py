"""The agenda of the weekly review: what needs attention on the scorecard, the exceptions,
drift, changes since the last review, and definitions to sharpen.

Everything is computed at one moment (``as_of``); the next review is a week later, and the
last one (``since``) a week earlier unless given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from otpcli.exceptions.check import Check, Holding, check_exceptions, is_active
from otpcli.exceptions.ladder import Rung
from otpcli.history.diff import Change
from otpcli.lint.engine import LintOptions, run_lint
from otpcli.measurements.cache import SeriesCache
from otpcli.org.calendar import weekday_index
from otpcli.org.load import Org, SeatFile
from otpcli.org.model import Cadence, Outcome
from otpcli.review.changes import Changes, changes_since
from otpcli.review.since import Base
from otpcli.scorecard.build import (
    ATTENTION,
    Row,
    Scorecard,
    build_scorecard,
    outcome_row,
    outcome_series,
)

REVIEW_INTERVAL = timedelta(days=7)
#: Closed periods in a quarter (13 weeks), per cadence.
PERIODS_PER_QUARTER: dict[Cadence, int] = {"daily": 91, "weekly": 13, "monthly": 3,
                                           "quarterly": 1}
JUDGED = ("on_track", "off_track", "missing")
#: An outcome's on-track share "falls" when the last quarter is this much below the one before
#: (one bad week in thirteen is noise: 7.7 points).
FALL = 0.10


@dataclass(frozen=True, slots=True)
class Escalation:
    """A rung of an unacknowledged exception that will be reached before the next review."""

    holding: Holding
    rung: Rung


@dataclass(frozen=True, slots=True)
class Uncovered:
    """An outcome off track for ``periods`` closed periods in a row, no exception firing."""

    row: Row
    outcome: Outcome
    periods: int


@dataclass(frozen=True, slots=True)
class Share:
    """On-track share of judged closed periods: the quarter before, and the last quarter."""

    previous: float
    recent: float


@dataclass(frozen=True, slots=True)
class Falling:
    seat: SeatFile
    outcome: Outcome
    share: Share


@dataclass(frozen=True)
class Drift:
    uncovered: tuple[Uncovered, ...] = ()
    silent_agents: tuple[SeatFile, ...] = ()  # every outcome stale or missing
    falling: tuple[Falling, ...] = ()
    org_share: Share | None = None  # the whole org (after --seat and --kind)
    #: range bounds widened since the last review (from the semantic diff)
    loosened: tuple[Change, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.uncovered or self.silent_agents or self.falling or self.loosened)


@dataclass(frozen=True, slots=True)
class Draft:
    seat: SeatFile
    statement: str


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    name: str
    severity: str
    count: int


@dataclass(frozen=True, slots=True)
class Expiring:
    seat: SeatFile
    outcome: Outcome
    until: date


@dataclass(frozen=True)
class Sharpen:
    drafts: tuple[Draft, ...] = ()
    lint: tuple[RuleCount, ...] = ()
    expiring: tuple[Expiring, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.drafts or self.lint or self.expiring)


@dataclass(frozen=True)
class Review:
    org: Org
    as_of: datetime
    base: Base
    scorecard: Scorecard
    check: Check
    escalations: tuple[Escalation, ...]
    drift: Drift
    changes: Changes
    sharpen: Sharpen
    seats: tuple[str, ...] = field(default=())
    kinds: tuple[str, ...] = field(default=())

    @property
    def next_review(self) -> datetime:
        return self.as_of + REVIEW_INTERVAL


def build_review(org: Org, *, as_of: datetime, base: Base, seats: Sequence[str] = (),
                 kinds: Sequence[str] = ()) -> Review:
    """The whole agenda, for the seats and kinds asked for (every active seat by default)."""
    wanted = _seats(org, seats, kinds)
    card = build_scorecard(org, as_of=as_of, seats=wanted, statuses=ATTENTION,
                           attention_first=True)
    check = check_exceptions(org, as_of=as_of, seats=wanted)
    next_review = as_of + REVIEW_INTERVAL
    escalations = tuple(Escalation(holding, rung) for holding in check.unacknowledged
                        for rung in holding.climb.pending if rung.at < next_review)
    changes = changes_since(org, base, ZoneInfo(org.config.timezone))
    loosened = tuple(change for change in changes.loosened if change.seat in wanted)
    return Review(org=org, as_of=as_of, base=base, scorecard=card, check=check,
                  escalations=escalations,
                  drift=replace(drift(org, as_of, wanted, check), loosened=loosened),
                  changes=changes, sharpen=sharpen(org, as_of, wanted), seats=tuple(seats),
                  kinds=tuple(kinds))


def _seats(org: Org, seats: Sequence[str], kinds: Sequence[str]) -> list[str]:
    """Seat ids to review: ``seats`` (all active by default) held by ``kinds``."""
    return [seat_file.id for seat_file in org.chart_order()
            if (not seats or seat_file.id in seats)
            and (not kinds or seat_file.seat.holder.kind in kinds)]


def drift(org: Org, as_of: datetime, seats: Sequence[str], check: Check) -> Drift:
    """Off track without an exception firing, agents gone quiet, on-track share falling."""
    zone = ZoneInfo(org.config.timezone)
    first_weekday = weekday_index(org.config.week_start)
    firing = {holding.outcome.id for holding in check.exceptions
              if holding.criterion.when == "out_of_range"}
    cache = SeriesCache(org.root, org.config.limits.max_measurement_bytes)
    uncovered: list[Uncovered] = []
    falling: list[Falling] = []
    silent: list[SeatFile] = []
    totals = {"previous": [0, 0], "recent": [0, 0]}  # on track, judged
    for seat_id in seats:
        seat_file = org.seats[seat_id]
        statuses: list[str] = []
        for outcome in seat_file.seat.measured_outcomes():
            if not is_active(outcome, as_of, zone):
                continue
            cadence: Cadence = outcome.timeframe.cadence if outcome.timeframe else "weekly"
            quarter = PERIODS_PER_QUARTER[cadence]
            history = outcome_series(org, cache, outcome.id)
            row = outcome_row(seat_file, outcome, history, as_of=as_of, zone=zone,
                              first_weekday=first_weekday, count=2 * quarter + 1)
            statuses.append(row.status)
            closed = [period.status for period in row.periods[:-1]]
            run = _run(closed, "off_track")
            if run >= 2 and outcome.id not in firing:
                uncovered.append(Uncovered(row, outcome, run))
            shares = []
            for name, part in (("previous", closed[:quarter]), ("recent", closed[quarter:])):
                judged = [status for status in part if status in JUDGED]
                totals[name][0] += judged.count("on_track")
                totals[name][1] += len(judged)
                shares.append(judged.count("on_track") / len(judged) if judged else None)
            if shares[0] is not None and shares[1] is not None and \
                    shares[0] - shares[1] >= FALL - 1e-9:
                falling.append(Falling(seat_file, outcome, Share(shares[0], shares[1])))
        if seat_file.seat.is_agent and statuses and all(
                status in ("stale", "missing") for status in statuses):
            silent.append(seat_file)
    cache.save()
    org_share = None
    if totals["previous"][1] and totals["recent"][1]:
        org_share = Share(totals["previous"][0] / totals["previous"][1],
                          totals["recent"][0] / totals["recent"][1])
    return Drift(tuple(uncovered), tuple(silent), tuple(falling), org_share)


def _run(statuses: Sequence[str], status: str) -> int:
    """How many of the newest statuses in a row are ``status``."""
    count = 0
    for found in reversed(statuses):
        if found != status:
            break
        count += 1
    return count


def sharpen(org: Org, as_of: datetime, seats: Sequence[str]) -> Sharpen:
    """Open drafts, lint findings by rule, outcomes whose `until` falls before the next
    review."""
    zone = ZoneInfo(org.config.timezone)
    today = as_of.astimezone(zone).date()
    last_day = (as_of + REVIEW_INTERVAL).astimezone(zone).date()
    drafts: list[Draft] = []
    expiring: list[Expiring] = []
    for seat_id in seats:
        seat_file = org.seats[seat_id]
        for entry in seat_file.seat.outcomes:
            if isinstance(entry, str):
                drafts.append(Draft(seat_file, entry))
                continue
            until = entry.timeframe.until if entry.timeframe else None
            if until is not None and today <= until < last_day:
                expiring.append(Expiring(seat_file, entry, until))
    report = run_lint(org.root, LintOptions(today=today))
    files = {org.seats[seat_id].file for seat_id in seats}
    scoped = len(seats) != len(org.chart_order())
    counts: dict[tuple[str, str, str], int] = {}
    for finding in report.findings:
        if scoped and finding.file not in files:
            continue
        key = (finding.code, finding.name, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    lint = tuple(RuleCount(code, name, severity, count)
                 for (code, name, severity), count in sorted(
                     counts.items(), key=lambda item: (item[0][2] != "error", item[0][0])))
    return Sharpen(tuple(drafts), lint, tuple(expiring))
