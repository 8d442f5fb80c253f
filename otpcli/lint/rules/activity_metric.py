from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.lint.wording import activity_evidence


class ActivityMetric(Rule):
    """A metric counts activity, not a business result.

    ## What it does
    Reads each outcome's `metric.name` for counts of effort — messages sent,
    channels scanned, queries run per hour, tokens consumed, tasks completed,
    hours logged, uptime — that are not tied to a result (on time, accuracy,
    revenue, retention, resolved, converted, ...).

    ## Why is this bad?
    An agent measured on activity looks busy while the business does not
    move: it can send more briefing messages without anyone being better
    briefed. Measure what the activity is for.

    ## Example
    ```yaml
    metric:
      name: Briefing messages sent
      unit: count
    ```

    ## Use instead
    ```yaml
    metric:
      name: Weekdays with the briefing delivered before 8 AM
      unit: percent
    ```
    """

    code = "OTP106"
    name = "activity-metric"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            for index, outcome in context.outcomes(seat_file):
                if outcome.metric is None:
                    continue
                reading = activity_evidence(outcome.metric.name)
                if reading is not None:
                    yield Violation(
                        seat_file.file,
                        f"metric `{outcome.metric.name}` of `{outcome.id}` counts activity "
                        f"({reading.describe()}), not a business result; measure what the "
                        "activity is for (on time, accurate, resolved, revenue, retained)",
                        path=("outcomes", index, "metric", "name"),
                    )
