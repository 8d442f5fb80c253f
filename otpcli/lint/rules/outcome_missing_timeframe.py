from __future__ import annotations

from otpcli.lint.rules.outcome_missing_metric import OutcomeMissingMetric
from otpcli.org.model import Outcome


class OutcomeMissingTimeframe(OutcomeMissingMetric):
    """An outcome has no timeframe.

    ## What it does
    Reports an outcome mapping without `timeframe` (the cadence at which it
    is judged: daily, weekly, monthly or quarterly).

    ## Why is this bad?
    "Book $420,000 of revenue" means nothing without "every month". Without a
    cadence otp cannot tell which values belong together, when a period
    closes, or when data has gone stale.

    ## Example
    ```yaml
    - id: monthly-revenue
      statement: Book at least $420,000 of revenue
      metric: {name: Recognised revenue, unit: USD}
      range: {min: 420000}
    ```

    ## Use instead
    ```yaml
    - id: monthly-revenue
      statement: Book at least $420,000 of revenue every month
      metric: {name: Recognised revenue, unit: USD}
      range: {min: 420000}
      timeframe: {cadence: monthly}
    ```
    """

    code = "OTP103"
    name = "outcome-missing-timeframe"
    severity = "error"
    key = "timeframe"
    hint = "add `timeframe: {cadence: weekly}` (daily, weekly, monthly or quarterly)"

    def missing(self, outcome: Outcome) -> bool:
        return outcome.timeframe is None
