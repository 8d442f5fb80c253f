"""What the commands that read the org share: ``--no-cache``, and the org and the moment
they look at (``--repo``, ``--rev``, ``--as-of``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    import typer

    from otpcli.org.load import Org


def use_cache(no_cache: bool) -> None:
    """Turn the measurement cache off for this run when ``--no-cache`` was given."""
    if no_cache:
        from otpcli.measurements.cache import disable

        disable()


def org_as_of(ctx: typer.Context, as_of: str | None) -> tuple[Org, datetime]:
    """The org the global options name and the moment ``--as-of`` names in the org's zone
    (the end of a given day, or now)."""
    from zoneinfo import ZoneInfo

    from otpcli.console import global_options
    from otpcli.measurements.record import as_of_moment
    from otpcli.org.load import open_org

    options = global_options(ctx)
    org = open_org(options.repo, options.rev)
    return org, as_of_moment(as_of, ZoneInfo(org.config.timezone))
