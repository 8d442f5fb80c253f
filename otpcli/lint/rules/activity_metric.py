from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.lint.wording import read_metric


class ActivityMetric(Rule):
    """A metric counts activity, not a business result.

    ## What it does
    Reads each outcome's `metric.name` by how it is built. It counts activity
    when an action participle is applied to countable work items with no
    result qualifier on them ("Quotes issued", "Leads enriched", "Check-ins
    logged by the coaching agent"). A qualifier on the head makes it a result
    ("resolved on first contact", "accepted without edits", "that renewed",
    "within SLA", "before market open"); a result word elsewhere ("retention
    emails sent") does not. Technical measures used as a seat's metric
    (latency, tokens, tool calls or steps per task, uptime) and effort per
    person or per unit of time ("dials per SDR", "commits per day") are
    activity too. The message quotes the words that decided it.

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
        for seat_file, index, outcome in context.active_outcomes():
            if outcome.metric is None:
                continue
            reading = read_metric(outcome.metric.name)
            if reading is not None:
                yield Violation(
                    seat_file.file,
                    f"metric `{outcome.metric.name}` of `{outcome.id}` counts activity: "
                    f"{reading.describe()}; measure what the activity is for (on time, "
                    "accepted, resolved, revenue, retained)",
                    path=("outcomes", index, "metric", "name"),
                )
