from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.model import Outcome
from otpcli.org.yamlfile import PathKey

_BOUNDS = {"percent": (0.0, 100.0), "boolean": (0.0, 1.0)}
_NOT_NEGATIVE = ("count", "minutes", "hours", "days", "ratio")


class InvalidRange(Rule):
    """An outcome's range can never be met, or admits impossible values.

    ## What it does
    Reports a range whose `min` is above its `max`, an empty range (neither
    bound), a percent bound outside 0-100, a boolean bound outside 0-1, and
    a negative bound on a count, duration or ratio.

    ## Why is this bad?
    With `min: 90, max: 80` every value is off track, so the outcome always
    escalates and people learn to ignore it. A bound of 120% or -3 days is a
    typo (often a fraction written as a percent) that silently changes what
    counts as on track.

    ## Example
    ```yaml
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 0.9, max: 1}
    ```

    ## Use instead
    ```yaml
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 90, max: 100}
    ```
    """

    code = "OTP107"
    name = "invalid-range"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file, index, outcome in context.active_outcomes():
            for message, path in self._problems(outcome, ("outcomes", index, "range")):
                yield Violation(seat_file.file, message, path=path)

    def _problems(self, outcome: Outcome, path: PathKey) -> Iterator[tuple[str, PathKey]]:
        bounds = outcome.range
        if bounds is None:
            return
        if bounds.min is None and bounds.max is None:
            yield (f"range of `{outcome.id}` is empty; give `min`, `max` or both", path)
            return
        if bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
            yield (f"range of `{outcome.id}` has min {bounds.min:g} above max {bounds.max:g}, so "
                   "no value is ever on track; swap them", path)
        unit = outcome.metric.unit if outcome.metric is not None else None
        for key in ("min", "max"):
            value = getattr(bounds, key)
            if value is None or unit is None:
                continue
            if unit in _BOUNDS:
                low, high = _BOUNDS[unit]
                if not low <= value <= high:
                    hint = " (write percentages as 0-100, not fractions)" if unit == "percent" \
                        else ""
                    yield (f"range {key} {value:g} of `{outcome.id}` is outside {low:g}-{high:g} "
                           f"for unit {unit}{hint}", (*path, key))
            elif unit in _NOT_NEGATIVE and value < 0:
                yield (f"range {key} {value:g} of `{outcome.id}` is negative, which a {unit} "
                       "value never is; use 0 or more", (*path, key))
