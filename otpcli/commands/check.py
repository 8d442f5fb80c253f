"""``otp check``: which exceptions hold now, and who is told."""

from __future__ import annotations

import io
import sys
from typing import Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import NoCacheOption, OutputOption, split_values

CheckFormat = Literal["table", "json", "markdown", "github"]


def check(
    ctx: typer.Context,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    output: OutputOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="TIME", show_default=False,
                     help="Check as things stood then (ISO 8601; a date means the end of that "
                          "day in the org's time zone)."),
    ] = None,
    seat: Annotated[
        list[str] | None,
        typer.Option("--seat", "-s", metavar="SEAT", show_default=False,
                     help="Only exceptions of these seats' outcomes (id or holder name)."),
    ] = None,
    escalated_to: Annotated[
        list[str] | None,
        typer.Option("--escalated-to", metavar="SEAT", show_default=False,
                     help="Only exceptions already escalated to these seats: everything on "
                          "one person's desk."),
    ] = None,
    fail_on_acknowledged: Annotated[
        bool,
        typer.Option("--fail-on-acknowledged",
                     help="Exit 1 for acknowledged exceptions too."),
    ] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Show which exception criteria hold, since when, who has been told and who is next.

    Each outcome's `exceptions` are evaluated on the scorecard's periods and
    statuses; a ladder climbs from the moment the exception began, rung by
    rung, until someone acknowledges it (`otp ack`). Exit 0 when nothing
    holds, 1 when an exception holds that nobody has acknowledged.
    """
    if no_cache:
        from otpcli.measurements.cache import disable

        disable()
    from zoneinfo import ZoneInfo

    from otpcli.errors import ExitCode
    from otpcli.exceptions.check import check_exceptions
    from otpcli.exceptions.render import RENDERERS, as_json, render_table
    from otpcli.fileio import write_text_atomic
    from otpcli.measurements.record import as_of_moment
    from otpcli.org.load import open_org

    options = global_options(ctx)
    org = open_org(options.repo, options.rev)
    zone = ZoneInfo(org.config.timezone)
    moment = as_of_moment(as_of, zone)
    seats = org.seat_ids(split_values(seat), "--seat")
    desks = org.seat_ids(split_values(escalated_to), "--escalated-to")
    result = check_exceptions(org, as_of=moment, seats=seats, escalated_to=desks)
    if output_format == "table":
        if output is not None:
            from rich.console import Console

            buffer = io.StringIO()
            render_table(result, Console(file=buffer, width=120, no_color=True))
            write_text_atomic(output, buffer.getvalue())
        else:
            render_table(result, make_console(ctx))
    else:
        indent = 2 if output_format == "json" and output is None and sys.stdout.isatty() else None
        text = as_json(result, indent=indent) if output_format == "json" else \
            RENDERERS[output_format](result)
        if output is not None:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
    if output is not None:
        sys.stderr.write(f"wrote {output}\n")
    failing = result.exceptions if fail_on_acknowledged else result.unacknowledged
    if failing:
        raise typer.Exit(int(ExitCode.FAILED))

