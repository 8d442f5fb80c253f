"""``otp init``: create a new org repository, empty or from a bundled example."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from otpcli.console import write_stdout


def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to create the org repository (new or empty).")
    ] = Path(),
    example: Annotated[
        str | None,
        typer.Option("--example", "-e", help="Start from a bundled example: sneeze-it.",
                     show_default=False),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The org's name (default: the directory name).",
                                 show_default=False)
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help="IANA time zone (default: this machine's).",
                     show_default=False),
    ] = None,
    week_start: Annotated[
        str, typer.Option("--week-start", help="First day of the week, monday..sunday.")
    ] = "monday",
    root_seat: Annotated[
        str, typer.Option("--root-seat", help="Id of the root seat (its file name).")
    ] = "founder",
    root_title: Annotated[str, typer.Option("--root-title", help="Title of the root seat.")] = (
        "Founder"
    ),
    holder: Annotated[
        str, typer.Option("--holder", help="Name of the person holding the root seat.")
    ] = "Founder",
) -> None:
    """Create an org repository: git init, otp.yaml, seats/, schemas/ and a first commit.

    With --example sneeze-it, copy the bundled Sneeze It org instead, its
    measurement dates moved so the newest week is the current one.
    """
    from otpcli.errors import OtpError, did_you_mean
    from otpcli.measurements.example import create_example
    from otpcli.org.init import create_org, local_timezone

    if example is not None:
        given = [flag for flag, value in (("--name", name), ("--timezone", timezone)) if value]
        if given:
            raise OtpError(f"{', '.join(given)} cannot be combined with --example")
        commit = create_example(directory, example)
        what = f"the {example} example"
    else:
        from pydantic import ValidationError

        try:
            commit = create_org(
                directory,
                name=name or directory.expanduser().absolute().name or "org",
                timezone=timezone or local_timezone(),
                week_start_day=week_start.lower(),
                root_seat=root_seat,
                root_title=root_title,
                holder=holder,
            )
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            field = ".".join(str(part) for part in first["loc"])
            said = str(first["msg"]).removeprefix("Value error, ")
            said = said.replace("Input should be", "must be")
            days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
            hint = did_you_mean(str(first.get("input")), days) if field == "week_start" else ""
            raise OtpError(f"--{field.replace('_', '-')}: `{first.get('input')}` {said}"
                           + (f"; {hint}" if hint else "")) from None
        what = "a new org"
    write_stdout(f"created {what} in {directory} (commit {commit[:10]})")
