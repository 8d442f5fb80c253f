"""``otp scorecard``: one scorecard for humans and agents."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from otpcli.console import emit
from otpcli.options import AsOfOption, NoCacheOption, OutputOption, split_values

if TYPE_CHECKING:
    from collections.abc import Iterator

ScorecardFormat = Literal["table", "json", "csv", "markdown", "html"]


def scorecard(
    ctx: typer.Context,
    output_format: Annotated[
        ScorecardFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    output: OutputOption = None,
    periods: Annotated[
        int | None,
        typer.Option("--periods", "-n", min=1, max=104, show_default=False,
                     help="Trailing periods to show, the current one included "
                          "(default: scorecard.periods in otp.yaml, else 13)."),
    ] = None,
    seat: Annotated[
        list[str] | None,
        typer.Option("--seat", "-s", metavar="SEAT", show_default=False,
                     help="Only these seats (id or holder name; repeat or separate with commas)."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", metavar="STATUS", show_default=False,
                     help="Only rows with these statuses: on_track, off_track, stale, missing, "
                          "pending, unknown, draft, no_outcome."),
    ] = None,
    kind: Annotated[
        Literal["human", "agent"] | None,
        typer.Option("--kind", show_default=False, help="Only seats held by humans or agents."),
    ] = None,
    attention: Annotated[
        bool, typer.Option("--attention", help="Rows needing attention first.")
    ] = False,
    as_of: AsOfOption = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", metavar="STATUSES", show_default=False,
                     help="Exit 1 if any row has one of these statuses, e.g. "
                          "off_track,stale,missing."),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show every active seat's outcomes on one scorecard, humans and agents alike.

    Each row shows the outcome's range, latest value, status, the trailing
    periods as cells (● on track, ✗ off track, ? missing, ◌ current period),
    a trend and the share of closed periods on track. Stale data is flagged,
    never shown as current.
    """
    from otpcli.commands._read import org_as_of, use_cache
    from otpcli.errors import ExitCode, OtpError, did_you_mean, plural
    from otpcli.scorecard.build import ROW_STATUSES, build_scorecard
    from otpcli.scorecard.render import RENDERERS, as_json, json_chunks, render_table

    use_cache(no_cache)
    org, moment = org_as_of(ctx, as_of)
    seats = []
    for name in split_values(seat):
        seats.append(org.require_seat(name, "--seat").id)
    statuses = split_values(status)
    failing = split_values(fail_on)
    for option, values in (("--status", statuses), ("--fail-on", failing)):
        unknown = [value for value in values if value not in ROW_STATUSES]
        if unknown:
            hint = did_you_mean(unknown[0], ROW_STATUSES)
            raise OtpError(f"{option}: unknown status `{'`, `'.join(unknown)}`; "
                           f"{hint + ' ' if hint else ''}use {', '.join(ROW_STATUSES)}")
    card = build_scorecard(org, as_of=moment, periods=periods, seats=seats,
                           kinds=[kind] if kind else [], statuses=statuses,
                           attention_first=attention)
    if output_format == "table":
        emit(ctx, output, table=lambda console: render_table(card, console))
    else:
        def text(pretty: bool) -> str | Iterator[str]:
            if output_format == "json":
                return as_json(card, indent=2) if pretty else json_chunks(card)
            return RENDERERS[output_format](card)

        emit(ctx, output, text=text)
    broken = [row for row in card.rows if row.status == "error"]
    if broken:  # printed first, so every other row is seen; then the run cannot count as ok
        for row in broken:
            sys.stderr.write(f"otp: {row.error}\n")
        raise OtpError(f"{plural(len(broken), 'measurement file')} could not be read; "
                       "the other rows are shown (`otp lint` reports every bad row)")
    if failing and any(row.status in failing for row in card.rows):
        raise typer.Exit(int(ExitCode.FAILED))
