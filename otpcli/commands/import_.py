"""``otp import``: load many measurements from one CSV file, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from otpcli.console import global_options, make_console

PROGRESS_THRESHOLD = 5_000


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV with columns outcome,at,value[,source,note].",
                             dir_okay=False)
    ],
    commit: Annotated[
        bool, typer.Option("--commit", help="Also commit the measurement files.")
    ] = False,
) -> None:
    """Import measurements from a CSV file: every row is checked before anything is written.

    If any row is bad, nothing is written and every bad row is reported with
    its line number.
    """
    from zoneinfo import ZoneInfo

    from otpcli import clock
    from otpcli.errors import OtpError
    from otpcli.measurements.record import plan_import, write_rows
    from otpcli.org.load import open_org

    org = open_org(global_options(ctx).repo)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise OtpError(f"{file}: no such file") from None
    except UnicodeDecodeError:
        raise OtpError(f"{file}: not UTF-8 text; save the CSV as UTF-8") from None
    now = clock.now(ZoneInfo(org.config.timezone))
    message = f"Import measurements from {file.name}" if commit else None
    rows = text.count("\n")
    if rows >= PROGRESS_THRESHOLD:
        from rich.progress import Progress

        with Progress(console=make_console(ctx, stderr=True), transient=True) as progress:
            checking = progress.add_task("Checking rows", total=rows)
            plan = plan_import(org, text, str(file), now,
                               progress=lambda count: progress.advance(checking, count))
            progress.update(checking, completed=rows)
            writing = progress.add_task("Writing measurements", total=plan.total)
            write_rows(org, plan.rows, commit_message=message,
                       progress=lambda count: progress.advance(writing, count))
    else:
        plan = plan_import(org, text, str(file), now)
        write_rows(org, plan.rows, commit_message=message)
    for conversion in plan.conversions:
        sys.stdout.write(f"converted {conversion}\n")
    outcomes = len(plan.rows)
    sys.stdout.write(f"imported {plan.total} measurement{'s' if plan.total != 1 else ''} "
                     f"for {outcomes} outcome{'s' if outcomes != 1 else ''}"
                     f"{' (committed)' if commit else ''}\n")
