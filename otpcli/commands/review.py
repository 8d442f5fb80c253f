"""``otp review``: the weekly review of humans and agents, prepared."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from otpcli.console import emit
from otpcli.options import AsOfOption, NoCacheOption, OutputOption, split_values

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
    as_of: AsOfOption = None,
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
    from zoneinfo import ZoneInfo

    from otpcli.commands._read import org_as_of, use_cache
    from otpcli.org.source import tip
    from otpcli.review.build import build_review
    from otpcli.review.render import RENDERERS, as_json, render_table
    from otpcli.review.since import resolve_since

    use_cache(no_cache)
    org, moment = org_as_of(ctx, as_of)
    zone = ZoneInfo(org.config.timezone)
    base = resolve_since(org.root, since, as_of=moment, zone=zone, head=tip(org.source))
    agenda = build_review(org, as_of=moment, base=base,
                          seats=org.seat_ids(split_values(seat), "--seat"),
                          kinds=[kind] if kind else [])
    if output_format == "table":
        emit(ctx, output, table=lambda console: render_table(agenda, console))
    else:
        emit(ctx, output, text=lambda pretty: as_json(agenda, indent=2 if pretty else None)
             if output_format == "json" else RENDERERS[output_format](agenda))
