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

NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="Plain output without colour (also: NO_COLOR=1)."),
]

TableOrJson = Literal["table", "json"]

TableFormatOption = Annotated[
    TableOrJson,
    typer.Option("--format", "-f", help="Output format."),
]

AllOption = Annotated[
    bool,
    typer.Option("--all", "-a", help="Include retired seats."),
]
