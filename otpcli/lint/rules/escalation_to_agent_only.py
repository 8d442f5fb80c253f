from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class EscalationToAgentOnly(Rule):
    """An escalation ladder whose every rung is an agent seat.

    ## What it does
    Reports an exception criterion whose `escalate` ladder names only seats
    held by agents: when the exception fires, no human is ever told.

    ## Why is this bad?
    An exception criterion says when execution stops and a human reviews. A
    ladder of agents passes the problem from agent to agent; the people who
    answer for the outcome learn about it at the weekly review, if at all.

    ## Example
    ```yaml
    exceptions:
      - when: out_of_range
        escalate:
          - to: tally        # an agent
          - to: radar        # an agent
            after: 24h
    ```

    ## Use instead
    ```yaml
    exceptions:
      - when: out_of_range
        escalate:
          - to: tally
          - to: janine       # the accountable human
            after: 24h
    ```
    """

    code = "OTP112"
    name = "escalation-to-agent-only"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        seats = context.org.seats
        for seat_file, index, outcome, number, criterion in context.criteria():
            rungs = [rung.to for rung in criterion.escalate]
            if not rungs or any(rung not in seats for rung in rungs):
                continue  # a dangling rung is OTP004's
            if all(seats[rung].seat.is_agent
                   and not seats[rung].invalid_at("holder", "kind")  # not guessed
                   for rung in rungs):
                yield Violation(
                    seat_file.file,
                    f"the `{criterion.when}` ladder of `{outcome.id}` reaches only "
                    f"agents ({', '.join(rungs)}): no human is ever told; add a rung "
                    "for the accountable human",
                    path=("outcomes", index, "exceptions", number, "escalate"))
