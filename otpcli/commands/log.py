"""``otp log``: the history of one seat or outcome."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from otpcli.console import global_options, make_console
from otpcli.options import TableFormatOption


def log(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="SEAT|OUTCOME",
                                        help="A seat id, a holder name or an outcome id.")],
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE|REV", show_default=False,
                     help="Only commits after the one in effect at DATE (2026-10-01), or "
                          "after the revision REV."),
    ] = None,
    measurements: Annotated[
        bool, typer.Option("--measurements", help="Also list commits that only added "
                                                  "measurement rows.")
    ] = False,
    max_count: Annotated[
        int | None,
        typer.Option("--max-count", "-n", min=1, show_default=False,
                     help="Show at most this many commits."),
    ] = None,
    output_format: TableFormatOption = "table",
) -> None:
    """Show the commits that changed a seat or an outcome, newest first, in the org's words.

    Each commit shows its date, author and subject, and the semantic changes
    (as `otp diff` reports them) that concern the seat or outcome. An outcome
    is followed when it moves to another seat, and a retirement that moved it
    comes with its record. With --rev the history ends at that revision.
    """
    from otpcli.history.log import history
    from otpcli.history.render import log_as_json, render_log
    from otpcli.org.load import find_root

    options = global_options(ctx)
    found = history(find_root(options.repo), name, tip=options.rev, since=since,
                    measurements=measurements, limit=max_count)
    if output_format == "json":
        sys.stdout.write(log_as_json(found))
    else:
        render_log(found, make_console(ctx))
