"""When the current episode of an exception began: the moment its condition started to hold
without a break up to the moment of checking.

The periods and their statuses are the scorecard's own (:func:`otpcli.scorecard.build.
outcome_row`), so an exception fires exactly when the scorecard shows what it describes.
An episode that ends and later holds again is a new episode with a new start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from otpcli.measurements.store import Series
from otpcli.org.calendar import local_midnight
from otpcli.org.load import SeatFile
from otpcli.org.model import Cadence, ExceptionCriterion, Outcome
from otpcli.scorecard.build import Period, PeriodStatus, Row, outcome_row
from otpcli.scorecard.periods import period_bounds, stale_after

#: The scorecard period status each period-based condition counts.
PERIOD_CONDITION: dict[str, PeriodStatus] = {"out_of_range": "off_track", "missing": "missing"}
#: How far back a run of bad periods is followed (5.6 years of daily periods); a longer run
#: is dated from the oldest period in that window.
MAX_PERIODS = 2048

RowMaker = Callable[[int], Row]


def cadence_of(outcome: Outcome) -> Cadence:
    """The outcome's cadence, as the scorecard reads it (weekly when it has none)."""
    return outcome.timeframe.cadence if outcome.timeframe else "weekly"


def row_maker(seat_file: SeatFile, outcome: Outcome, history: Series, *, as_of: datetime,
              zone: ZoneInfo, first_weekday: int) -> RowMaker:
    """The outcome's scorecard row at ``as_of`` for any number of trailing periods."""
    rows: dict[int, Row] = {}

    def make(count: int) -> Row:
        if count not in rows:
            rows[count] = outcome_row(seat_file, outcome, history, as_of=as_of, zone=zone,
                                      first_weekday=first_weekday, count=count)
        return rows[count]

    return make


def run_since(closed: Sequence[Period], status: PeriodStatus, needed: int) -> datetime | None:
    """When a run of ``needed`` consecutive closed periods with ``status`` reaching up to the
    newest closed period began to hold: the end of the ``needed``-th period of the run."""
    run = 0
    for period in reversed(closed):
        if period.status != status:
            break
        run += 1
    if run < needed:
        return None
    return closed[len(closed) - run + needed - 1].end


def period_since(criterion: ExceptionCriterion, row_at: RowMaker, start_count: int
                 ) -> datetime | None:
    """``out_of_range`` / ``missing`` with ``for: N``: the newest N closed periods all have the
    status; the episode began when the N-th period of the unbroken run closed."""
    status = PERIOD_CONDITION[criterion.when]
    count = max(start_count, criterion.for_ + 1)
    while True:
        closed = row_at(count).periods[:-1]
        since = run_since(closed, status, criterion.for_)
        whole_window = since is not None and all(p.status == status for p in closed)
        if not whole_window or count >= MAX_PERIODS:
            return since
        count = min(count * 2, MAX_PERIODS)  # the run may reach further back: look further


def stale_since(outcome: Outcome, row: Row, introduced: datetime | None, *, zone: ZoneInfo,
                first_weekday: int) -> datetime | None:
    """``stale``: the newest value plus ``stale_after``. An outcome never measured is stale
    from the end of the first full period after the commit that added it (``introduced``;
    ``None`` when it is not committed yet, and so not stale yet)."""
    cadence = cadence_of(outcome)
    if row.latest is not None:
        return elapsed(row.latest.at, stale_after(outcome.stale_after, cadence))
    if introduced is None:
        return None
    _, following = period_bounds(introduced.astimezone(zone).date(), cadence, first_weekday)
    _, end = period_bounds(following, cadence, first_weekday)
    return local_midnight(end, zone)


def holds(criterion: ExceptionCriterion, since: datetime | None, as_of: datetime) -> bool:
    """Whether an episode that began at ``since`` holds at ``as_of``. A period closes at its
    end; data goes stale only once strictly older than ``stale_after``, as on the scorecard."""
    if since is None:
        return False
    if criterion.when == "stale":
        return as_of > since
    return as_of >= since


def elapsed(since: datetime, after: timedelta) -> datetime:
    """``after`` of elapsed time from ``since`` (a daylight-saving change does not stretch
    it: 24h is 24 hours, whatever the clocks do)."""
    return datetime.fromtimestamp(since.timestamp() + after.total_seconds(), since.tzinfo)
