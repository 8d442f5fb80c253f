from __future__ import annotations

import os
from collections.abc import Iterator

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
        directory = context.org.root / MEASUREMENTS_DIR
        if not directory.is_dir():
            return
        known = context.org.outcomes
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.is_file():
                continue
            stem, _, suffix = entry.name.rpartition(".")
            if suffix == "csv" and stem in known:
                continue
            reason = ("is not a .csv file" if suffix != "csv"
                      else f"names no outcome (`{stem}`)")
            yield Violation(f"{MEASUREMENTS_DIR}/{entry.name}", f"measurement file {reason}; "
                            "rename it to <outcome-id>.csv or remove it", span=Span(1, 1, 1, 1))
