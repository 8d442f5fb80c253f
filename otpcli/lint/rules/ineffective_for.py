from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class IneffectiveFor(Rule):
    """A `for` on a `stale` exception criterion, where it has no effect.

    ## What it does
    Reports `for: N` (N above 1) on a criterion with `when: stale`.

    ## Why is this bad?
    `for` counts consecutive closed periods, but staleness is not judged
    period by period: a `stale` criterion holds as soon as the newest value is
    older than the outcome's `stale_after` (one period and a day by default).
    Whoever reads `for: 3` expects three periods of grace before a human is
    asked to step in; the exception fires without them.

    ## Example
    ```yaml
    exceptions:
      - when: stale
        for: 3
        escalate: [{to: janine}]
    ```

    ## Use instead
    ```yaml
    stale_after: 3w          # on the outcome: how old the newest value may get
    exceptions:
      - when: stale
        escalate: [{to: janine}]
    ```
    """

    code = "OTP113"
    name = "ineffective-for"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file, index, outcome, number, criterion in context.criteria():
            if criterion.when == "stale" and criterion.for_ > 1:
                yield Violation(
                    seat_file.file,
                    f"`for: {criterion.for_}` has no effect on the `stale` criterion "
                    f"of `{outcome.id}`: it fires once the newest value is older than "
                    "`stale_after`; remove `for`, and set `stale_after` on the "
                    "outcome to give more time",
                    path=("outcomes", index, "exceptions", number, "for"),
                    on_key=True)
