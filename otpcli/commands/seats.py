"""``otp seats``: the fleet inventory."""

from __future__ import annotations

from typing import Any

import typer

from otpcli.console import global_options, make_console, write_stdout
from otpcli.options import AllOption, TableFormatOption


def seats(
    ctx: typer.Context,
    include_retired: AllOption = False,
    output_format: TableFormatOption = "table",
) -> None:
    """List every seat: holder, human or agent, model, autonomy, accountable seat, outcomes.

    Seats are listed in org-chart order, the root first. Retired seats are
    hidden unless --all is given.
    """
    from otpcli.org.load import chart_depths, open_org

    options = global_options(ctx)
    org = open_org(options.repo, options.rev)
    depths = chart_depths(org)
    rows = [seat_row(seat_file.id, seat_file.seat) for seat_file in
            org.chart_order(include_retired=include_retired)]
    if output_format == "json":
        import json

        write_stdout(json.dumps({"org": org.config.name, "seats": rows}, indent=2))
        return
    render_table(ctx, org.config.name, rows, depths)


def seat_row(seat_id: str, seat: Any) -> dict[str, Any]:
    from otpcli.org.model import Seat

    assert isinstance(seat, Seat)
    row: dict[str, Any] = {
        "id": seat_id,
        "title": seat.title,
        "holder": seat.holder.name,
        "kind": seat.holder.kind,
        "model": seat.holder.model,
        "autonomy": seat.autonomy,
        "accountable": seat.accountable,
        "reports_to": seat.reports_to,
        "outcomes": len(seat.outcomes),
        "capabilities": list(seat.capabilities),
        "status": seat.status,
    }
    if seat.retirement is not None:
        row["retirement"] = seat.retirement.model_dump(mode="json")
    return row


def render_table(
    ctx: typer.Context, org_name: str, rows: list[dict[str, Any]], depths: dict[str, int]
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = make_console(ctx)
    wide = console.width >= 110
    table = Table(title=f"{org_name}: {len(rows)} seats", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("Seat", no_wrap=True, overflow="ellipsis")
    if wide:
        table.add_column("Title", no_wrap=True, overflow="ellipsis")
    table.add_column("Holder", no_wrap=True, overflow="ellipsis", min_width=6)
    table.add_column("Kind", no_wrap=True, min_width=5)
    table.add_column("Model", no_wrap=True, overflow="ellipsis")
    table.add_column("Aut.", justify="right", no_wrap=True)
    table.add_column("Accountable", no_wrap=True, min_width=11)
    table.add_column("Outc.", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True, min_width=7)
    for row in rows:
        retired = row["status"] == "retired"
        cells: list[str | Text] = ["  " * depths.get(row["id"], 0) + row["id"]]
        if wide:
            cells.append(row["title"])
        cells += [
            row["holder"],
            Text(row["kind"], style="cyan" if row["kind"] == "agent" else ""),
            row["model"] or "-",
            str(row["autonomy"]) if row["autonomy"] is not None else "-",
            row["accountable"] or "-",
            str(row["outcomes"]),
            Text(row["status"], style="dim" if retired else "green"),
        ]
        table.add_row(*cells, style="dim" if retired else "")
    console.print(table)
    for row in rows:
        record = row.get("retirement")
        if record:
            handed = "; ".join(f"{item} → {seat}" for item, seat in
                               {**record.get("capabilities", {}),
                                **record.get("outcomes", {})}.items())
            console.print(Text(f"{row['id']} retired {record['date']} (reviewed by "
                               f"{', '.join(record['reviewers'])}): {record['reason']}"
                               + (f". {handed}" if handed else ""), style="dim"))
