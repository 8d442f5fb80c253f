from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.load import SeatFile


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
        # the first use's line is looked up only for a duplicate: spans are read on demand
        first_seen: dict[str, tuple[SeatFile, int]] = {}
        for seat_file in context.org.seats.values():
            for index, outcome in context.outcomes(seat_file):
                if outcome.id in first_seen:
                    first_file, first_index = first_seen[outcome.id]
                    line = first_file.document.span(("outcomes", first_index, "id")).line
                    yield Violation(
                        seat_file.file,
                        f"outcome id `{outcome.id}` is already used at {first_file.file}:"
                        f"{line}; give this outcome its own id (it names "
                        "measurements/<id>.csv)",
                        path=("outcomes", index, "id"),
                    )
                else:
                    first_seen[outcome.id] = (seat_file, index)
