"""``otp review``: the weekly review of humans and agents, prepared."""

from __future__ import annotations

import io
import sys
from typing import Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import NoCacheOption, OutputOption, split_values

ReviewFormat = Literal["table", "markdown", "json", "html"]


def review(
    ctx: typer.Context,
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    output: OutputOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE|REV", show_default=False,
                     help="The last review: a date or time, or a git revision "
                          "(default: seven days ago)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="TIME", show_default=False,
                     help="Review as things stood then (ISO 8601; a date means the end of "
                          "that day in the org's time zone)."),
    ] = None,
    seat: Annotated[
        list[str] | None,
        typer.Option("--seat", "-s", metavar="SEAT", show_default=False,
                     help="Only these seats (id or holder name; repeat or separate with commas)."),
    ] = None,
    kind: Annotated[
        Literal["human", "agent"] | None,
        typer.Option("--kind", show_default=False, help="Only seats held by humans or agents."),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Prepare the weekly review: the agenda for humans and agents on one scorecard.

    Five sections: the scorecard rows that need attention (off track, stale,
    missing) with their trend; the exceptions, who was told and what will
    escalate before the next review; drift; the changes to the definitions
    since the last review, from git; and the definitions to sharpen (drafts,
    lint findings, outcomes ending). Markdown pastes into a meeting document
    or a pull request; html is one self-contained page.
    """
    if no_cache:
        from otpcli.measurements.cache import disable

        disable()
    from zoneinfo import ZoneInfo

    from otpcli.fileio import write_text_atomic
    from otpcli.measurements.record import as_of_moment
    from otpcli.org.load import open_org
    from otpcli.org.source import tip
    from otpcli.review.build import build_review
    from otpcli.review.render import RENDERERS, as_json, render_table
    from otpcli.review.since import resolve_since

    options = global_options(ctx)
    org = open_org(options.repo, options.rev)
    zone = ZoneInfo(org.config.timezone)
    moment = as_of_moment(as_of, zone)
    base = resolve_since(org.root, since, as_of=moment, zone=zone, head=tip(org.source))
    agenda = build_review(org, as_of=moment, base=base,
                          seats=org.seat_ids(split_values(seat), "--seat"),
                          kinds=[kind] if kind else [])
    if output_format == "table":
        if output is not None:
            from rich.console import Console

            buffer = io.StringIO()
            render_table(agenda, Console(file=buffer, width=120, no_color=True))
            write_text_atomic(output, buffer.getvalue())
        else:
            render_table(agenda, make_console(ctx))
    else:
        indent = 2 if output_format == "json" and output is None and sys.stdout.isatty() else None
        text = as_json(agenda, indent=indent) if output_format == "json" else \
            RENDERERS[output_format](agenda)
        if output is not None:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
    if output is not None:
        sys.stderr.write(f"wrote {output}\n")
