"""``otp mcp``: serve the org to AI agents over the Model Context Protocol."""

from __future__ import annotations

from typing import Annotated

import typer

from otpcli.console import global_options
from otpcli.options import NoCacheOption


def mcp(
    ctx: typer.Context,
    acting: Annotated[
        str | None,
        typer.Option("--as", envvar="OTP_SEAT", metavar="SEAT", show_default=False,
                     help="The seat the client acts for (also: OTP_SEAT). Without it the "
                          "server is read-only."),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Serve the org over MCP (stdio): the chart, scorecard and exceptions for agents.

    Start it from an MCP client (Claude Desktop, Cursor, the MCP inspector).
    With --as SEAT the client may record measurements and acknowledge
    exceptions that seat owns; without it every write is refused.
    """
    from otpcli.commands._read import use_cache

    use_cache(no_cache)
    from otpcli.mcp.server import serve
    from otpcli.org.load import find_root

    serve(find_root(global_options(ctx).repo), acting)
