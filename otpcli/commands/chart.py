"""``otp chart``: the org chart of humans and agents, with each seat's health."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from otpcli.console import make_console
from otpcli.options import AllOption, AsOfOption, NoCacheOption, OutputOption

ChartFormat = Literal["tree", "mermaid", "dot", "json"]


def chart(
    ctx: typer.Context,
    output_format: Annotated[
        ChartFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "tree",
    include_retired: AllOption = False,
    as_of: AsOfOption = None,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Draw the org chart: humans and agents, who reports to whom, who answers for each agent.

    Each seat shows its holder, title, kind, model (agents) and its health on
    the scorecard (on track, off track, stale, missing), so the chart doubles
    as a health map. Solid edges are reporting lines; dashed edges run from an
    agent's accountable human. mermaid renders on GitHub as it is; dot is for
    Graphviz (dot -Tsvg). Retired seats are shown only with --all.
    """
    from otpcli.commands._read import org_as_of, use_cache
    from otpcli.fileio import write_text_atomic
    from otpcli.history.chart import RENDERERS, build_chart, render_tree

    use_cache(no_cache)
    org, moment = org_as_of(ctx, as_of)
    found = build_chart(org, as_of=moment, include_retired=include_retired)
    if output is not None:
        write_text_atomic(output, RENDERERS[output_format](found))
        sys.stderr.write(f"wrote {output}\n")
    elif output_format == "tree":
        render_tree(found, make_console(ctx))
    else:
        sys.stdout.write(RENDERERS[output_format](found))
