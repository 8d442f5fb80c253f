"""``otp review``: placeholder."""

from __future__ import annotations

import typer


def review(ctx: typer.Context) -> None:
    """Prepare the weekly review."""
