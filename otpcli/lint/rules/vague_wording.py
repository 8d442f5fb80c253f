from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.lint.wording import read_statement


class VagueWording(Rule):
    """An outcome statement states a direction, not a result.

    ## What it does
    Reads each outcome's `statement` by how it is built. It is vague when it
    states a direction -- a direction verb (improve, reduce, keep, make, be),
    a phrasal verb (speed up, pay down, clean up), a comparative or superlative
    (quicker, the most loved), a negated direction (stop letting, avoid) -- a
    quality (seamless, proactively), an aspiration (team morale), or leaves
    the result to judgement (as needed, asap), and no target holds it to
    account. A target is a number in the role of a target (under 3 days, at
    least 90%, from 12% to 18%, by 4 points, 6 meetings) or a quantity word
    (double, halve, zero, no, never). Years (2027), periods (Q2, FY27), scope
    counts ("our 4 flagship stores") and digits inside names (P2, ISO 27001,
    Level 3) are not targets. A statement that is the name of a measure
    ("Current ratio", "Time to first reply") is fine when the outcome has a
    structured metric, range and timeframe. The message quotes the words that
    decided it.

    ## Why is this bad?
    The statement is what people read on the scorecard. "Improve customer
    satisfaction in 2027" cannot be met or missed: it invites activity
    instead of a result, and two readers will disagree about whether it was
    achieved.

    ## Example
    ```yaml
    - id: csat
      statement: Improve customer satisfaction in 2027
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
        for seat_file, index, outcome in context.active_outcomes():
            measured = None not in (outcome.metric, outcome.range, outcome.timeframe)
            reading = read_statement(outcome.statement, measured=measured)
            if reading is not None:
                yield Violation(
                    seat_file.file,
                    f"statement of `{outcome.id}` is vague: {reading.describe()}; state "
                    "the result and its number, e.g. 'Keep CSAT at 90% or above every "
                    "month'",
                    path=("outcomes", index, "statement"),
                )
