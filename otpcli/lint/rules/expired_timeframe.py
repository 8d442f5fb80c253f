from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class ExpiredTimeframe(Rule):
    """An active outcome's timeframe has ended.

    ## What it does
    Reports an outcome on an active seat whose `timeframe.until` date is in
    the past.

    ## Why is this bad?
    The seat is still measured against a goal that no longer applies, or
    the goal still applies and its end date is wrong. Either way the
    scorecard is no longer the truth.

    ## Example
    ```yaml
    timeframe: {cadence: weekly, until: 2025-06-30}
    ```

    ## Use instead
    ```yaml
    timeframe: {cadence: weekly, until: 2026-12-31}
    ```
    """

    code = "OTP108"
    name = "expired-timeframe"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file, index, outcome in context.active_outcomes():
            until = outcome.timeframe.until if outcome.timeframe is not None else None
            if until is not None and until < context.today:
                yield Violation(
                    seat_file.file,
                    f"timeframe of `{outcome.id}` ended on {until.isoformat()}; extend "
                    "`until`, remove it, or move the outcome off the seat",
                    path=("outcomes", index, "timeframe", "until"),
                )
