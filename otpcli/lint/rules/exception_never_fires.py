from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError
from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.model import Cadence
from otpcli.scorecard.build import outcome_series

#: days in one period of each cadence (the shortest month or quarter: a lower bound)
_PERIOD_DAYS: dict[Cadence, int] = {"daily": 1, "weekly": 7, "monthly": 28, "quarterly": 90}


class ExceptionNeverFires(Rule):
    """An exception criterion that can never trigger.

    ## What it does
    Reports an exception criterion that cannot hold: `for: N` periods of
    `out_of_range` or `missing` on an outcome whose whole life, from its first
    recorded value (or today, before any) to `timeframe.until`, is shorter than
    N periods. (An `out_of_range` criterion on an outcome without a range is
    OTP102's finding, not reported twice.)

    `when: stale` is not reported: an outcome never measured goes stale one
    full period after the commit that added it, whoever may record it, and
    `for` does not apply to staleness.

    ## Why is this bad?
    The criterion reads as a safety net ("a human reviews when this goes
    wrong") but nothing will ever be escalated. Everyone relies on a control
    that does not exist.

    ## Example
    ```yaml
    - id: q4-launch
      timeframe: {cadence: monthly, until: 2026-12-31}
      exceptions:
        - when: out_of_range
          for: 6            # six months, in an outcome that ends in December
          escalate: [{to: bogdan}]
    ```

    ## Use instead
    ```yaml
    - id: q4-launch
      timeframe: {cadence: monthly, until: 2026-12-31}
      exceptions:
        - when: out_of_range
          for: 1
          escalate: [{to: bogdan}]
    ```
    """

    code = "OTP111"
    name = "exception-never-fires"
    severity = "warning"
    reads_measurements = True

    def check(self, context: LintContext) -> Iterator[Violation]:
        zone = ZoneInfo(context.org.config.timezone)
        for seat_file, index, outcome in context.active_outcomes():
            timeframe = outcome.timeframe
            if timeframe is None or timeframe.until is None:
                continue
            start: date | None = None
            for number, criterion in enumerate(outcome.exceptions):
                if criterion.when == "stale" or criterion.for_ <= 1:
                    continue
                if start is None:
                    start = self._first_day(context, outcome.id, zone)
                lifetime = timeframe.until - start + timedelta(days=1)
                periods = lifetime.days // _PERIOD_DAYS[timeframe.cadence]
                if 0 <= periods < criterion.for_:
                    yield Violation(
                        seat_file.file,
                        f"`{outcome.id}` runs from {start} to {timeframe.until}, at most "
                        f"{periods} {timeframe.cadence} period{'s' if periods != 1 else ''}"
                        f", so `for: {criterion.for_}` can never hold; lower `for`",
                        path=("outcomes", index, "exceptions", number, "for"))

    @staticmethod
    def _first_day(context: LintContext, outcome_id: str, zone: ZoneInfo) -> date:
        """The first day a period of the outcome can be judged: its first recorded value's
        (periods before it are not judged), or today when nothing is recorded yet."""
        try:
            series = outcome_series(context.org, context.series_cache(), outcome_id)
        except OtpError:
            return context.today  # an unreadable file is OTP007's
        if not series:
            return context.today
        first = datetime.fromtimestamp(min(at for at, _ in series), zone).date()
        return min(first, context.today)
