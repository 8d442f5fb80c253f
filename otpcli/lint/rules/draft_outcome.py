from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.lint.wording import vague_terms


class DraftOutcome(Rule):
    """An outcome is still a draft sentence.

    ## What it does
    Reports an outcome written as a bare sentence (`- Improve customer
    satisfaction`) instead of a mapping with an id, a metric, a range, a
    timeframe and exception criteria. The schema admits drafts so a team can
    commit and discuss them; lint keeps them from being mistaken for outcomes.

    ## Why is this bad?
    A sentence is a direction, not an outcome: nobody can record a value
    against it, the scorecard cannot show it, and no human is ever told to
    step in. "Improve customer satisfaction" has no metric, no acceptable
    range and no timeframe.

    ## Example
    ```yaml
    outcomes:
      - Improve customer satisfaction
    ```

    ## Use instead
    ```yaml
    outcomes:
      - id: csat
        statement: Keep CSAT at 90% or above every month
        metric: {name: Customer satisfaction score, unit: percent}
        range: {min: 90, max: 100}
        timeframe: {cadence: monthly}
        exceptions:
          - when: out_of_range
            escalate: [{to: bogdan}]
    ```
    """

    code = "OTP100"
    name = "draft-outcome"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            for index, entry in enumerate(seat_file.seat.outcomes):
                if isinstance(entry, str):
                    terms = vague_terms(entry)
                    why = (f"a direction, not a result ({', '.join(repr(t) for t in terms[:2])} "
                           "with no number)") if terms else "not yet an outcome"
                    yield Violation(
                        seat_file.file,
                        f"outcome `{entry}` is a draft, {why}: write it as a mapping with `id`, "
                        "`statement`, `metric`, `range`, `timeframe` and `exceptions`",
                        path=("outcomes", index),
                    )
