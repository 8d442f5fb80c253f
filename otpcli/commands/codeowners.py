"""``otp codeowners``: CODEOWNERS so that each seat's change is reviewed by who answers for it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from otpcli.console import error_line, global_options
from otpcli.options import TableFormatOption


def codeowners(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if the file is out of date.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, show_default=False,
                     help="The CODEOWNERS file (default: .github/CODEOWNERS at the top of the "
                          "repository); - prints it instead."),
    ] = None,
    output_format: TableFormatOption = "table",
) -> None:
    """Write .github/CODEOWNERS so each seat file is reviewed by the human who answers for it.

    An agent's seat is owned by its accountable human, a human's by the nearest
    human above it, otp.yaml and CODEOWNERS by the root seat; owners are the
    holder.github handles of active human seats (without one, ownership goes up
    the reporting line). Lines outside otp's marked block are kept. With branch
    protection requiring code-owner review, a retirement is a reviewed commit
    on the forge too. --check exits 1 when the file is out of date (for CI).
    """
    import json

    from otpcli.errors import ExitCode
    from otpcli.fileio import write_text_atomic
    from otpcli.history.codeowners import DEFAULT_FILE, location, merged, ownership
    from otpcli.org.load import open_org

    org = open_org(global_options(ctx).repo)
    top, prefix = location(org.root)
    to_stdout = output is not None and str(output) == "-"
    target = top / DEFAULT_FILE if output is None or to_stdout else output
    try:
        relative = target.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        relative = DEFAULT_FILE
    entries = ownership(org, prefix, relative)
    try:
        existing: str | None = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = None
    text = merged(existing, entries)
    current = existing == text
    shown = target.relative_to(top) if target.is_relative_to(top) else target
    if output_format == "json":
        sys.stdout.write(json.dumps({"file": str(shown), "up_to_date": current,
                                     "owners": [entry.as_json() for entry in entries]},
                                    indent=2) + "\n")
    unowned = [entry.path for entry in entries if entry.handle is None]
    if unowned:
        listed = ", ".join(f"/{path}" for path in unowned[:4]) + (", ..." if len(unowned) > 4
                                                                  else "")
        error_line(f"warning: {len(unowned)} file{'s have' if len(unowned) > 1 else ' has'} "
                   f"no owner ({listed}): no active human seat with a GitHub handle at or "
                   "above them; add holder.github to the root seat")
    if to_stdout:
        sys.stdout.write(text)
    elif check:
        if not current:
            error_line(f"{shown} is out of date; run `otp codeowners` and commit it")
            raise typer.Exit(int(ExitCode.FAILED))
        if output_format != "json":
            sys.stderr.write(f"{shown} is up to date\n")
    elif current:
        sys.stderr.write(f"{shown} is up to date\n")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text)
        owners = {entry.handle for entry in entries if entry.handle}
        sys.stderr.write(f"wrote {shown}: {len(entries) - len(unowned)} files owned by "
                         f"{len(owners)} {'person' if len(owners) == 1 else 'people'}\n")
