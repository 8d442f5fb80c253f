"""``otp diff``: what a change to the org means, in the org's words."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import OutputOption

DiffFormat = Literal["table", "markdown", "json"]


def diff(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(metavar="[BASE [HEAD]]", show_default=False,
                       help="Revisions to compare (default: HEAD and the work tree); "
                            "A...B compares the merge-base of A and B with B."),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    output: OutputOption = None,
) -> None:
    """Show what changed in the org between two revisions: seats, outcomes, ranges, ladders.

    With no argument HEAD is compared with the work tree; with one, BASE with
    the work tree; with two, BASE with HEAD. A...B compares the merge-base of A
    and B with B, as a pull request does. Changes a reviewer must not miss are
    marked: autonomy raised with no review conditions, a range loosened, an
    exception removed, an agent left without an accountable human, a
    retirement. markdown is a pull-request comment.
    """
    from otpcli.fileio import write_text_atomic
    from otpcli.history.render import RENDERERS, render_table
    from otpcli.history.report import diff as semantic_diff
    from otpcli.org.load import find_root

    report = semantic_diff(find_root(global_options(ctx).repo), revisions or [])
    if output_format == "table":
        if output is not None:
            from rich.console import Console

            with output.open("w", encoding="utf-8") as handle:
                render_table(report, Console(file=handle, width=120, no_color=True))
        else:
            render_table(report, make_console(ctx))
    else:
        text = RENDERERS[output_format](report)
        if output is not None:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
    if output is not None:
        sys.stderr.write(f"wrote {output}\n")
