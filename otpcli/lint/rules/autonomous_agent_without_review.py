from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation

AUTONOMY_NEEDING_REVIEW = 5


class AutonomousAgentWithoutReview(Rule):
    """A highly autonomous agent has no condition for human review.

    ## What it does
    Reports an active agent seat with `autonomy` of 5 or more that has
    neither `human_review` conditions nor exception criteria on any outcome.

    ## Why is this bad?
    The more an agent does on its own, the more it matters that everyone
    knows in advance when a human must step in. At autonomy 5 and above an
    agent acts without asking; with no review conditions it never stops.

    ## Example
    ```yaml
    holder: {name: Radar, kind: agent}
    autonomy: 6
    ```

    ## Use instead
    ```yaml
    holder: {name: Radar, kind: agent}
    autonomy: 6
    human_review:
      - any message addressed to a client
    ```
    """

    code = "OTP204"
    name = "autonomous-agent-without-review"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            seat = seat_file.seat
            if not seat.is_agent or (seat.autonomy or 0) < AUTONOMY_NEEDING_REVIEW:
                continue
            if seat.human_review or any(o.exceptions for _, o in context.outcomes(seat_file)):
                continue
            yield Violation(seat_file.file, f"agent seat `{seat_file.id}` has autonomy "
                            f"{seat.autonomy} but no `human_review` conditions and no exception "
                            "criteria; say when a human must approve or step in",
                            path=("autonomy",))
