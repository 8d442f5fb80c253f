from __future__ import annotations

from collections.abc import Iterator

from otpcli.errors import OtpError
from otpcli.fileio import UnsafeFileError
from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.load import MEASUREMENTS_DIR
from otpcli.org.yamlfile import Span
from otpcli.scorecard.build import outcome_series


class InvalidMeasurement(Rule):
    """A measurement file has a row otp cannot read.

    ## What it does
    Reads the measurement file of every outcome (`measurements/<id>.csv`) the
    way the scorecard does and reports every bad row at its line: a time
    without a UTC offset, a value that is not a finite number, more than the
    four columns `at,value,source,note`, a wrong header, text that is not
    UTF-8 or CSV. A measurement file otp refuses to open (a link out of the
    repository, a special file, one over `limits.max_measurement_bytes`) is
    reported too.

    ## Why is this bad?
    The scorecard shows that outcome as `error` instead of a value, and
    `otp scorecard` exits 2: the Monday meeting finds out the number is
    unreadable. Catching the row in CI, on the pull request that wrote it,
    fixes it before anyone looks.

    ## Example
    ```text
    at,value,source,note
    2026-11-20T17:00:00,96.5,tally,
    2026-11-21T17:00:00-05:00,96,5%,tally,
    ```

    ## Use instead
    ```text
    at,value,source,note
    2026-11-20T17:00:00-05:00,96.5,tally,
    2026-11-21T17:00:00-05:00,96.5,tally,
    ```
    """

    code = "OTP007"
    name = "invalid-measurement"
    severity = "error"
    reads_measurements = True

    def check(self, context: LintContext) -> Iterator[Violation]:
        org = context.org
        cache = context.series_cache()
        for outcome_id in sorted(org.outcomes):
            file = f"{MEASUREMENTS_DIR}/{outcome_id}.csv"
            try:
                outcome_series(org, cache, outcome_id)
            except UnsafeFileError as error:
                yield Violation(file, error.reason, span=Span(1, 1, 1, 1))
            except OtpError as error:
                for problem in error.problems or []:
                    yield Violation(problem.file, problem.message,
                                    span=Span(problem.line, problem.column, problem.line,
                                              problem.column))
