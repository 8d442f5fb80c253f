from __future__ import annotations

from otpcli.lint.rules.outcome_missing_metric import OutcomeMissingMetric
from otpcli.org.model import Outcome


class OutcomeMissingReviewConditions(OutcomeMissingMetric):
    """An outcome says nothing about when a human steps in.

    ## What it does
    Reports an outcome mapping without `exceptions`: no condition under which
    execution stops and a human reviews, and nobody to escalate to.

    ## Why is this bad?
    Everyone should know in advance when a human must step in. Without
    exception criteria an agent that drifts out of range keeps going, and
    the first person to notice is a client.

    ## Example
    ```yaml
    - id: kpi-accuracy
      statement: Pushed KPI values match the source at least 99.5% of the time
      metric: {name: KPI values matching the source, unit: percent}
      range: {min: 99.5}
      timeframe: {cadence: weekly}
    ```

    ## Use instead
    ```yaml
    - id: kpi-accuracy
      statement: Pushed KPI values match the source at least 99.5% of the time
      metric: {name: KPI values matching the source, unit: percent}
      range: {min: 99.5}
      timeframe: {cadence: weekly}
      exceptions:
        - when: missing
          escalate:
            - to: janine
            - to: bogdan
              after: 4h
    ```
    """

    code = "OTP104"
    name = "outcome-missing-review-conditions"
    severity = "warning"
    key = "exception criteria"
    hint = ("nobody said when a human steps in: add `exceptions:` with `when` "
            "(out_of_range, stale or missing) and an `escalate` ladder")

    def missing(self, outcome: Outcome) -> bool:
        return not outcome.exceptions
