from __future__ import annotations

from otpcli.lint.rules.outcome_missing_metric import OutcomeMissingMetric
from otpcli.org.model import Outcome


class OutcomeMissingRange(OutcomeMissingMetric):
    """An outcome has no acceptable range.

    ## What it does
    Reports an outcome mapping without `range` (`min`, `max` or both).

    ## Why is this bad?
    The range is what makes a number good or bad. Without it every value is
    neither on track nor off track, and no exception can ever fire.

    ## Example
    ```yaml
    - id: gross-margin
      statement: Keep gross margin healthy
      metric: {name: Gross margin, unit: percent}
      timeframe: {cadence: weekly}
    ```

    ## Use instead
    ```yaml
    - id: gross-margin
      statement: Keep gross margin between 38% and 60% every week
      metric: {name: Gross margin, unit: percent}
      range: {min: 38, max: 60}
      timeframe: {cadence: weekly}
    ```
    """

    code = "OTP102"
    name = "outcome-missing-range"
    severity = "error"
    key = "range"
    hint = "add `range: {min: ..., max: ...}` (either bound may be left out)"

    def missing(self, outcome: Outcome) -> bool:
        return outcome.range is None
