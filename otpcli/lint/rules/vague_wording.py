from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.lint.wording import vague_terms


class VagueWording(Rule):
    """An outcome statement states a direction, not a result.

    ## What it does
    Reads each outcome's `statement` for a direction or an unmeasurable word
    (improve, grow, better, more, world-class, as needed, asap, ...) that no
    number, quantity or deadline holds to account, and for bare noun phrases
    ("customer happiness") that name no result. "Cut refund time to under 3
    days" names its number and passes; "anomalies flagged before market
    open" has its deadline and passes.

    ## Why is this bad?
    The statement is what people read on the scorecard. "Improve customer
    satisfaction" cannot be met or missed: it invites activity instead of a
    result, and two readers will disagree about whether it was achieved.

    ## Example
    ```yaml
    - id: csat
      statement: Improve customer satisfaction
    ```

    ## Use instead
    ```yaml
    - id: csat
      statement: Keep CSAT at 90% or above every month
    ```
    """

    code = "OTP105"
    name = "vague-wording"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            for index, outcome in context.outcomes(seat_file):
                terms = vague_terms(outcome.statement)
                if terms:
                    words = ", ".join(f"'{term}'" for term in dict.fromkeys(terms))
                    yield Violation(
                        seat_file.file,
                        f"statement of `{outcome.id}` is vague ({words} with no number to hold "
                        "it to); state the result and its number, e.g. 'Keep CSAT at 90% or "
                        "above every month'",
                        path=("outcomes", index, "statement"),
                    )
