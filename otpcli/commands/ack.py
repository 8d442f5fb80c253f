"""``otp ack``: record that a seat has taken an exception."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from otpcli.console import global_options


def ack(
    ctx: typer.Context,
    outcome: Annotated[
        str, typer.Argument(metavar="OUTCOME", help="The outcome id whose exception was taken.")
    ],
    by: Annotated[
        str,
        typer.Option("--by", metavar="SEAT", show_default=False,
                     help="The seat that acted: on the outcome's ladder, or its accountable "
                          "human (id or holder name)."),
    ],
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help="What was done, one line.")
    ] = "",
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="TIME", show_default=False,
                     help="When the seat acted, ISO 8601 (default: now; no offset = org time)."),
    ] = None,
    when: Annotated[
        Literal["out_of_range", "stale", "missing"] | None,
        typer.Option("--when", show_default=False,
                     help="Only this condition, when several of the outcome's hold."),
    ] = None,
    commit: Annotated[
        bool, typer.Option("--commit", help="Also commit the acknowledgement file.")
    ] = False,
) -> None:
    """Acknowledge an outcome's exception: a seat has taken it, the ladder stops climbing.

    The acknowledgement applies to the episode holding at `--at`: rungs due
    after it are not reached, and `otp check` shows it as acknowledged. If
    the exception stops holding and later holds again, that is a new episode
    and needs a new acknowledgement. Acknowledgements are appended to
    acknowledgements/<outcome>.csv, so the review history is in git.
    """
    from zoneinfo import ZoneInfo

    from otpcli.exceptions.acknowledge import acknowledge
    from otpcli.exceptions.render import condition_text, seat_name, when_text
    from otpcli.measurements.record import write_moment
    from otpcli.org.load import open_org

    org = open_org(global_options(ctx).repo)
    zone = ZoneInfo(org.config.timezone)
    now, moment = write_moment(at, zone)
    done = acknowledge(org, outcome, by, at=moment, now=now, note=note, when=when,
                       commit=commit)
    who = done.acknowledgements[0].by
    for holding in done.holdings:
        told = ", ".join(seat_name(org, seat) for seat in holding.escalated_to) or "nobody yet"
        earlier = holding.acknowledged
        again = (f"; already acknowledged by {seat_name(org, earlier.by)} at "
                 f"{when_text(earlier.at.astimezone(zone))}" if earlier is not None else "")
        sys.stdout.write(
            f"acknowledged {outcome} ({condition_text(holding)}, since "
            f"{when_text(holding.since)}) by {seat_name(org, who)} at {moment.isoformat()}; "
            f"told before: {told}{again}\n")
    sys.stdout.write(f"recorded in {done.file}{' (committed)' if commit else ''}\n")
