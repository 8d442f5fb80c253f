"""``otp check``: which exceptions hold now, and who is told."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from otpcli.console import emit
from otpcli.options import AsOfOption, NoCacheOption, OutputOption, split_values

CheckFormat = Literal["table", "json", "markdown", "github"]


def check(
    ctx: typer.Context,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    output: OutputOption = None,
    as_of: AsOfOption = None,
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
    from otpcli.commands._read import org_as_of, use_cache
    from otpcli.errors import ExitCode
    from otpcli.exceptions.check import check_exceptions
    from otpcli.exceptions.render import RENDERERS, as_json, render_table

    use_cache(no_cache)
    org, moment = org_as_of(ctx, as_of)
    seats = org.seat_ids(split_values(seat), "--seat")
    desks = org.seat_ids(split_values(escalated_to), "--escalated-to")
    result = check_exceptions(org, as_of=moment, seats=seats, escalated_to=desks)
    if output_format == "table":
        emit(ctx, output, table=lambda console: render_table(result, console))
    else:
        emit(ctx, output, text=lambda pretty: as_json(result, indent=2 if pretty else None)
             if output_format == "json" else RENDERERS[output_format](result))
    failing = result.exceptions if fail_on_acknowledged else result.unacknowledged
    if failing:
        raise typer.Exit(int(ExitCode.FAILED))

