"""``otp seats``: the fleet inventory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from otpcli.console import global_options, make_console, write_stdout
from otpcli.options import AllOption, TableFormatOption

if TYPE_CHECKING:
    from rich.console import Console


def seats(
    ctx: typer.Context,
    include_retired: AllOption = False,
    output_format: TableFormatOption = "table",
) -> None:
    """List every seat: holder, human or agent, model, autonomy, accountable seat, outcomes.

    Seats are listed in org-chart order, the root first. Retired seats are
    hidden unless --all is given.
    """
    from otpcli.org.describe import seats_document
    from otpcli.org.load import chart_depths, open_org

    options = global_options(ctx)
    org = open_org(options.repo, options.rev)
    document = seats_document(org, include_retired=include_retired)
    if output_format == "json":
        import json

        write_stdout(json.dumps(document, indent=2))
        return
    render_table(make_console(ctx), org.config.name, document["seats"], chart_depths(org))


#: (header, minimum width, right-aligned) of the seats table; Title only on wide terminals.
COLUMNS = (("Seat", 0, False), ("Title", 0, False), ("Holder", 6, False), ("Kind", 5, False),
           ("Model", 0, False), ("Aut.", 0, True), ("Accountable", 11, False),
           ("Outc.", 0, True), ("Status", 7, False))


def render_table(
    console: Console, org_name: str, rows: list[dict[str, Any]], depths: dict[str, int]
) -> None:
    from rich.text import Text

    from otpcli.console import Column, Span, cell_width, print_grid
    from otpcli.errors import plural

    wide = console.width >= 110
    columns = [column for column in COLUMNS if wide or column[0] != "Title"]
    table: list[list[list[Span]]] = []
    for row in rows:
        dim = "dim " if row["status"] == "retired" else ""
        cells: list[list[Span]] = [[("  " * depths.get(row["id"], 0) + row["id"], dim)]]
        if wide:
            cells.append([(row["title"], dim)])
        cells += [
            [(row["holder"], dim)],
            [(row["kind"], dim + ("cyan" if row["kind"] == "agent" else ""))],
            [(row["model"] or "-", dim)],
            [(str(row["autonomy"]) if row["autonomy"] is not None else "-", dim)],
            [(row["accountable"] or "-", dim)],
            [(str(row["outcomes"]), dim)],
            [(row["status"], "dim" if dim else "green")],
        ]
        table.append([[(text, style.strip()) for text, style in cell] for cell in cells])
    widths = [max([minimum, len(header), *(cell_width(cells[index][0][0]) for cells in table)])
              for index, (header, minimum, _) in enumerate(columns)]
    if sum(widths) + 2 * len(widths) <= console.width:
        print_grid(console, [(f"{org_name}: {plural(len(rows), 'seat')}", "")],
                   [Column(header, width, justify="right" if right else "left")
                    for (header, _, right), width in zip(columns, widths, strict=True)],
                   table)
    else:  # too wide for the terminal: rich decides which columns give way
        _render_squeezed(console, org_name, columns, table)
    for row in rows:
        record = row.get("retirement")
        if record:
            handed = "; ".join(f"{item} → {seat}" for item, seat in
                               {**record.get("capabilities", {}),
                                **record.get("outcomes", {})}.items())
            console.print(Text(f"{row['id']} retired {record['date']} (reviewed by "
                               f"{', '.join(record['reviewers'])}): {record['reason']}"
                               + (f". {handed}" if handed else ""), style="dim"))


def _render_squeezed(console: Console, org_name: str, columns: Any,
                     table: list[list[list[Any]]]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from otpcli.errors import plural

    rich_table = Table(title=f"{org_name}: {plural(len(table), 'seat')}", title_justify="left",
                       box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for header, minimum, right in columns:
        rich_table.add_column(header, no_wrap=True, overflow="ellipsis",
                              min_width=minimum or None, justify="right" if right else "left")
    for cells in table:
        rich_table.add_row(*(Text.assemble(*cell) for cell in cells))
    console.print(rich_table)
