from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.model import Cadence

#: days in one period of each cadence (the shortest month or quarter: a lower bound)
_PERIOD_DAYS: dict[Cadence, int] = {"daily": 1, "weekly": 7, "monthly": 28, "quarterly": 90}


class ExceptionNeverFires(Rule):
    """An exception criterion that can never trigger.

    ## What it does
    Reports an exception criterion that cannot hold: `for: N` periods on an
    outcome whose `timeframe.until` ends before N more periods can pass.
    (An `out_of_range` criterion on an outcome without a range is OTP102's
    finding, not reported twice.)

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

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            for index, outcome in context.outcomes(seat_file):
                for number, criterion in enumerate(outcome.exceptions):
                    path = ("outcomes", index, "exceptions", number)
                    timeframe = outcome.timeframe
                    if timeframe is None or timeframe.until is None or criterion.for_ <= 1:
                        continue
                    left = timeframe.until - context.today + timedelta(days=1)
                    periods = left.days // _PERIOD_DAYS[timeframe.cadence]
                    if 0 <= periods < criterion.for_:
                        yield Violation(
                            seat_file.file,
                            f"`{outcome.id}` ends on {timeframe.until}, at most {periods} "
                            f"{timeframe.cadence} period{'s' if periods != 1 else ''} from "
                            f"now, so `for: {criterion.for_}` can never hold; lower `for`",
                            path=(*path, "for"))
