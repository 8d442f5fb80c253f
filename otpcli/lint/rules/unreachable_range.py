from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError
from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.calendar import weekday_index
from otpcli.org.model import Outcome
from otpcli.scorecard.build import outcome_row, outcome_series

#: How many trailing periods are looked at, and how many of them must have been judged.
WINDOW = 13
JUDGED_AT_LEAST = 8
_NOT_NEGATIVE = ("count", "minutes", "hours", "days", "ratio")


class UnreachableRange(Rule):
    """An outcome's range cannot steer anything: nothing ever meets it, or nothing can fail it.

    ## What it does
    Reports a range that no recorded value met in any of the last 13 periods
    (when at least 8 of them were judged), and a range so wide that no value
    can fall outside it: a percentage from 0 to 100, a boolean from 0 to 1, a
    count or duration with no upper bound and a lower bound of 0 or less.

    ## Why is this bad?
    A range is the line between "fine" and "act". One that is never met makes
    the outcome permanently off track, so people stop looking at it; one that
    is never missed never asks anyone to act. Either way the outcome no longer
    steers the seat that holds it.

    ## Example
    ```yaml
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 0, max: 100}
    ```

    ## Use instead
    ```yaml
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 90}
    ```
    """

    code = "OTP110"
    name = "unreachable-range"
    severity = "warning"
    reads_measurements = True

    def check(self, context: LintContext) -> Iterator[Violation]:
        org = context.org
        zone = ZoneInfo(org.config.timezone)
        as_of = datetime.combine(context.today + timedelta(days=1), time(0), tzinfo=zone) - \
            timedelta(microseconds=1)
        cache = context.series_cache()
        for seat_file, index, outcome in context.active_outcomes():
            if outcome.range is None or outcome.metric is None:
                continue
            path = ("outcomes", index, "range")
            wide = _never_fails(outcome)
            if wide:
                yield Violation(seat_file.file, f"the range of `{outcome.id}` {wide}, so "
                                "it is never off track; set the bound that matters",
                                path=path)
                continue
            try:
                history = outcome_series(org, cache, outcome.id)
            except OtpError:
                continue  # an unreadable file is OTP007's
            row = outcome_row(seat_file, outcome, history, as_of=as_of, zone=zone,
                              first_weekday=weekday_index(org.config.week_start),
                              count=WINDOW + 1)
            statuses = [period.status for period in row.periods[:-1]]
            judged = [status for status in statuses if status in ("on_track", "off_track")]
            if len(judged) >= JUDGED_AT_LEAST and "on_track" not in judged:
                yield Violation(seat_file.file, f"no value of `{outcome.id}` met its range "
                                f"in the last {len(judged)} judged periods; set a range the "
                                "seat can reach, and a plan to get there", path=path)


def _never_fails(outcome: Outcome) -> str | None:
    """Why no value of the outcome's unit can be off track, or ``None``."""
    assert outcome.range is not None and outcome.metric is not None
    low, high, unit = outcome.range.min, outcome.range.max, outcome.metric.unit
    if unit == "percent" and (low is None or low <= 0) and (high is None or high >= 100):
        return "accepts every percentage from 0 to 100"
    if unit == "boolean" and (low is None or low <= 0) and (high is None or high >= 1):
        return "accepts both yes and no"
    if unit in _NOT_NEGATIVE and high is None and low is not None and low <= 0:
        return f"accepts every {unit} value (0 or more, no upper bound)"
    return None
