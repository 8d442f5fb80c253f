"""``otp show SEAT``: one seat in full."""

from __future__ import annotations

from typing import Annotated

import typer

from otpcli.console import make_console, write_stdout
from otpcli.options import AsOfOption, NoCacheOption, TableFormatOption


def show(
    ctx: typer.Context,
    seat: Annotated[str, typer.Argument(metavar="SEAT", help="A seat id or holder name.")],
    output_format: TableFormatOption = "table",
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one seat in full: holder, place in the chart, what it owns, every outcome.

    Each outcome comes with its range, timeframe, exception criteria and its
    scorecard row now. A retired seat shows its retirement record, with the
    final scorecard it left.
    """
    from otpcli.commands._read import org_as_of, use_cache
    from otpcli.scorecard.seat import render_seat, seat_document

    use_cache(no_cache)
    org, moment = org_as_of(ctx, as_of)
    seat_file = org.require_seat(seat, "SEAT")
    document = seat_document(org, seat_file, as_of=moment)
    if output_format == "json":
        import json

        write_stdout(json.dumps(document, indent=2, ensure_ascii=False))
        return
    render_seat(org, document, make_console(ctx))
