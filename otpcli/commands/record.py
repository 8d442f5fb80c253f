"""``otp record``: append one measurement."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from otpcli.console import global_options


def record(
    ctx: typer.Context,
    outcome: Annotated[str, typer.Argument(help="Outcome id, as in measurements/<id>.csv.")],
    value: Annotated[
        str | None,
        typer.Argument(help="The value in the metric's unit (96.5, 96.5%, $185,000, yes).",
                       show_default=False),
    ] = None,
    missing: Annotated[
        bool,
        typer.Option("--missing", help="Record that no value is available (a source broke)."),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="TIME", show_default=False,
                     help="When it was measured, ISO 8601 (default: now; no offset = org time)."),
    ] = None,
    source: Annotated[str, typer.Option("--source", help="Who or what measured it.")] = "",
    note: Annotated[str, typer.Option("--note", help="Free text, one line.")] = "",
    commit: Annotated[
        bool, typer.Option("--commit", help="Also commit the measurement file.")
    ] = False,
) -> None:
    """Append one value (or an explicit no-value report) to an outcome's measurements.

    A reporter whose source is broken records `--missing --note "why"` instead
    of guessing: the scorecard shows the period as missing, not as zero.
    """
    from zoneinfo import ZoneInfo

    from otpcli.errors import OtpError
    from otpcli.measurements.record import (
        describe,
        find_outcome,
        make_measurement,
        write_moment,
        write_rows,
    )
    from otpcli.org.load import find_root
    from otpcli.org.locate import locate_outcome

    if missing == (value is not None):
        raise OtpError("give a VALUE, or --missing to record that no value is available")
    options = global_options(ctx)
    # Only otp.yaml and the seat file that holds the outcome: a push costs the same at 30,000
    # seats as at 10.
    org = locate_outcome(find_root(options.repo), outcome)
    now, moment = write_moment(at, ZoneInfo(org.config.timezone))
    measurement, conversion = make_measurement(org, outcome, value, at=moment, now=now,
                                               source=source, note=note)
    summary = describe(find_outcome(org, outcome), measurement, conversion)
    write_rows(org, {outcome: [measurement]},
               commit_message=f"Record {summary}" if commit else None)
    sys.stdout.write(f"recorded {summary}{' (committed)' if commit else ''}\n")
