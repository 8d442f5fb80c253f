from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from otpcli.lint.rules.base import LintContext, Rule, Severity, Violation
from otpcli.org.model import Outcome


class OutcomeMissingMetric(Rule):
    """An outcome has no metric.

    ## What it does
    Reports an outcome mapping without `metric` (what is measured, in which
    unit, and how values in a period combine).

    ## Why is this bad?
    Without a metric nobody knows what number to record, so the outcome can
    never be on track or off track: it is a hope, not an outcome.

    ## Example
    ```yaml
    - id: refund-time
      statement: Cut refund time to under 3 days
      range: {max: 3}
      timeframe: {cadence: weekly}
    ```

    ## Use instead
    ```yaml
    - id: refund-time
      statement: Cut refund time to under 3 days
      metric: {name: Median refund time, unit: days, aggregate: mean}
      range: {max: 3}
      timeframe: {cadence: weekly}
    ```
    """

    code = "OTP101"
    name = "outcome-missing-metric"
    severity: ClassVar[Severity] = "error"
    key = "metric"
    hint = "add `metric: {name: ..., unit: ..., aggregate: ...}`"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file, index, outcome in context.active_outcomes():
            if self.missing(outcome):
                yield Violation(seat_file.file, f"outcome `{outcome.id}` has no {self.key}; "
                                f"{self.hint}", path=("outcomes", index))

    def missing(self, outcome: Outcome) -> bool:
        return outcome.metric is None
