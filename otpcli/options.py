"""Options shared by several commands, defined once as ``Annotated`` aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        envvar="OTP_REPO",
        help="Org repository to work on (default: the nearest directory with otp.yaml).",
        show_default=False,
        file_okay=False,
    ),
]

RevOption = Annotated[
    str | None,
    typer.Option(
        "--rev",
        metavar="REV",
        help="Read the org, measurements included, as it was at this git revision (a branch, "
             "a tag, HEAD~3, main@{2026-10-01}) without touching the work tree.",
        show_default=False,
    ),
]

NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="Plain output without colour (also: NO_COLOR=1)."),
]

TableOrJson = Literal["table", "json"]

TableFormatOption = Annotated[
    TableOrJson,
    typer.Option("--format", "-f", help="Output format."),
]

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", dir_okay=False, show_default=False,
                 help="Write to FILE (atomically) instead of standard output."),
]

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="TIME", show_default=False,
                 help="As things stood then (ISO 8601; a date means the end of that day in "
                      "the org's time zone)."),
]

NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Parse every measurement file; neither read nor write "
                                    ".otp_cache (also: OTP_NO_CACHE=1)."),
]

AllOption = Annotated[
    bool,
    typer.Option("--all", "-a", help="Include retired seats."),
]


def split_values(values: list[str] | None) -> list[str]:
    """Repeated options that may also hold comma-separated values: ``--to a,b --to c``."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
