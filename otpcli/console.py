"""Terminal output: one place decides about colour, width and error lines."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console


class GlobalOptions:
    """Options given before the command: ``otp --repo DIR --rev REV --no-color <command>``."""

    __slots__ = ("no_color", "repo", "rev")

    def __init__(self, repo: Path | None = None, no_color: bool = False,
                 rev: str | None = None) -> None:
        self.repo = repo
        self.no_color = no_color
        #: read the org as it was at this git revision (``--rev``); ``None``: the work tree
        self.rev = rev


def global_options(ctx: typer.Context) -> GlobalOptions:
    found = ctx.find_object(GlobalOptions)
    return found if found is not None else GlobalOptions()


def make_console(ctx: typer.Context | None = None, *, stderr: bool = False) -> Console:
    from rich.console import Console

    no_color = (global_options(ctx).no_color if ctx is not None else False) or bool(
        os.environ.get("NO_COLOR")
    )
    return Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=False)


def error_line(message: str) -> None:
    """One plain line on standard error, prefixed like every other otp error."""
    sys.stderr.write(f"otp: {message}\n")


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
