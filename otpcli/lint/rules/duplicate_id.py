from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class DuplicateId(Rule):
    """Two outcomes share one id.

    ## What it does
    Reports an outcome id used by more than one outcome anywhere in the org,
    including retired seats. Seat ids are file names, so two seats cannot
    share one.

    ## Why is this bad?
    An outcome id names its measurement file, `measurements/<id>.csv`. Two
    outcomes with one id share one history: every value recorded for one is
    counted for the other, and the scorecard shows the wrong numbers under
    both.

    ## Example
    ```yaml
    # seats/dash.yaml
    outcomes:
      - id: ad-pacing
    # seats/jeff.yaml
    outcomes:
      - id: ad-pacing
    ```

    ## Use instead
    ```yaml
    # seats/dash.yaml
    outcomes:
      - id: ad-anomalies-before-open
    # seats/jeff.yaml
    outcomes:
      - id: ad-pacing-on-plan
    ```
    """

    code = "OTP003"
    name = "duplicate-id"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        first_seen: dict[str, tuple[str, int]] = {}
        for seat_file in context.org.seats.values():
            for index, outcome in context.outcomes(seat_file):
                line = seat_file.document.span(("outcomes", index, "id")).line
                if outcome.id in first_seen:
                    file, first_line = first_seen[outcome.id]
                    yield Violation(
                        seat_file.file,
                        f"outcome id `{outcome.id}` is already used at {file}:{first_line}; "
                        "give this outcome its own id (it names measurements/<id>.csv)",
                        path=("outcomes", index, "id"),
                    )
                else:
                    first_seen[outcome.id] = (seat_file.file, line)
