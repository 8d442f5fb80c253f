from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class SeatWithoutOutcome(Rule):
    """An active seat is not on the scorecard.

    ## What it does
    Reports an active seat, human or agent, with no outcome mapping (drafts
    do not count: they cannot be measured).

    ## Why is this bad?
    Every seat is measured on business outcomes. A seat with none is
    measured on nothing, so nobody can tell whether it should exist — the
    question a retirement review has to answer.

    ## Example
    ```yaml
    title: Inbox Manager
    holder: {name: Pepper, kind: agent}
    ```

    ## Use instead
    ```yaml
    title: Inbox Manager
    holder: {name: Pepper, kind: agent}
    outcomes:
      - id: urgent-email-routing-time
        statement: Urgent client email reaches its owner within 2 hours
        metric: {name: Median minutes to the owning seat, unit: minutes}
        range: {max: 120}
        timeframe: {cadence: weekly}
    ```
    """

    code = "OTP201"
    name = "seat-without-outcome"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            if not seat_file.seat.measured_outcomes():
                key = "outcomes" if seat_file.gives("outcomes") else "title"
                yield Violation(seat_file.file, f"seat `{seat_file.id}` has no outcome, so it "
                                "is not on the scorecard; add one with a metric, range and "
                                "timeframe", path=(key,), on_key=True)
