from __future__ import annotations

from collections.abc import Iterator

from otpcli.errors import OtpError, printable
from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.load import MEASUREMENTS_DIR
from otpcli.org.yamlfile import Span


class OrphanMeasurements(Rule):
    """A measurement file belongs to no outcome.

    ## What it does
    Reports files in `measurements/` whose name is not `<outcome-id>.csv`
    for an outcome of any seat, active or retired.

    ## Why is this bad?
    Usually an outcome was renamed and its history left behind, or an agent
    records under a misspelt id: its numbers go nowhere and the scorecard
    shows the outcome as missing.

    ## Example
    ```text
    measurements/kpi-acuracy.csv
    ```

    ## Use instead
    ```text
    measurements/kpi-accuracy.csv
    ```
    """

    code = "OTP006"
    name = "orphan-measurements"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        try:
            entries = context.org.list_directory(MEASUREMENTS_DIR)
        except OtpError:  # a measurements/ that is not a readable directory
            return
        if context.org.unreadable or any(
                seat_file.invalid_at("outcomes", index, "id")
                for seat_file in context.org.seats.values() if seat_file.partial
                for index in range(len(seat_file.seat.outcomes))):
            return  # any of these may belong to a seat file that does not load: never advise
            # removing data because of a broken file
        known = context.org.outcomes
        for entry in entries or []:
            if entry.name.startswith(".") or entry.kind != "file":
                continue
            stem, _, suffix = entry.name.rpartition(".")
            if suffix == "csv" and stem in known:
                continue
            reason = ("is not a .csv file" if suffix != "csv"
                      else f"names no outcome (`{stem}`)")
            yield Violation(printable(f"{MEASUREMENTS_DIR}/{entry.name}"),
                            f"measurement file {printable(reason)}; "
                            "rename it to <outcome-id>.csv or remove it", span=Span(1, 1, 1, 1))
