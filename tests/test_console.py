"""The fast table printer lays a table out exactly as rich's SIMPLE_HEAD table would."""

from __future__ import annotations

import io
import random
import re

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from otpcli.console import Column, Span, print_grid

WORDS = ["on", "track", "Invoices", "paid", "within", "terms", "≤", "60 min", "90–100%",
         "数据", "a-very-long-word-that-folds", "✓", "●●✗", "$185,000", ""]


def _cells(rng: random.Random, count: int) -> list[list[Span]]:
    return [[(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
              rng.choice(["", "bold", "dim", "red"]))
             for _ in range(rng.randint(1, 2))] for _ in range(count)]


def _rich(console: Console, title: list[Span], columns: list[Column],
          rows: list[list[list[Span]]]) -> None:
    table = Table(title=Text.assemble(*title), title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False, collapse_padding=True)
    for column in columns:
        table.add_column(column.header, width=column.width, no_wrap=not column.wrap,
                         overflow="fold" if column.wrap else "ellipsis",
                         justify="right" if column.justify == "right" else "left")
    for cells in rows:
        table.add_row(*(Text.assemble(*cell) for cell in cells))
    console.print(table)


def _console(color: bool) -> Console:
    return Console(file=io.StringIO(), width=300, force_terminal=color,
                   color_system="truecolor" if color else None, no_color=not color,
                   highlight=False)


@pytest.mark.parametrize("seed", range(300))
def test_plain_output_is_byte_for_byte_rich(seed: int) -> None:
    rng = random.Random(seed)
    columns = [Column("Seat", rng.randint(3, 12)),
               Column("Outcome", rng.randint(8, 30), wrap=rng.random() < 0.5),
               Column("Last", rng.randint(4, 9), justify="right")]
    rows = [_cells(rng, 3) for _ in range(rng.randint(0, 8))]
    title = [("Sneeze It scorecard", "bold"), (" · as of Mon", "")]
    ours, theirs = _console(False), _console(False)
    print_grid(ours, title, columns, rows)
    _rich(theirs, title, columns, rows)
    assert ours.file.getvalue() == theirs.file.getvalue()  # type: ignore[attr-defined]


def test_colour_is_the_same_text_with_each_style() -> None:
    columns = [Column("Status", 12), Column("Periods", 5)]
    rows = [[[("✗ OFF TRACK", "bold red")], [("●", "green"), ("✗", "bold red")]]]
    ours, theirs = _console(True), _console(True)
    print_grid(ours, [("T", "bold")], columns, rows)
    _rich(theirs, [("T", "bold")], columns, rows)
    text = ours.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;31m✗ OFF TRACK\x1b[0m" in text and "\x1b[32m●\x1b[0m" in text
    strip = re.compile(r"\x1b\[[0-9;]*m")
    assert strip.sub("", text) == strip.sub("", theirs.file.getvalue())  # type: ignore[attr-defined]


def test_spans_of_a_rich_text() -> None:
    from otpcli.console import spans_of

    text = Text("Hello ", style="dim")
    text.append("world", style="bold")
    text.append("!")
    assert spans_of(text) == [("Hello ", "dim"), ("world", "dim bold"), ("!", "dim")]
    assert spans_of(Text("plain")) == [("plain", "")]


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
def test_every_colour_system_paints(system: str) -> None:
    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=system)  # type: ignore[arg-type]
    print_grid(console, [("T", "")], [Column("S", 3)], [[[("on", "green")]]])
    assert "\x1b[32mon\x1b[0m" in console.file.getvalue()  # type: ignore[attr-defined]


def test_cell_width_is_rich_cell_len() -> None:
    from rich.cells import cell_len

    from otpcli.console import cell_width, line_width

    samples = [*WORDS, "a\x1bb", "\x7f", "tab\there", "é", "\u00a0", "≤ 5 d", "日本語", "◌",
               "e\u0301", "🙂", "\u200b", "\uff21\uff22"]
    rng = random.Random(7)
    samples += ["".join(rng.choice(samples) for _ in range(3)) for _ in range(200)]
    for text in samples:
        assert cell_width(text) == cell_len(text), repr(text)
    spans = [(text, "") for text in samples[:5]]
    assert line_width(spans) == sum(cell_len(text) for text in samples[:5])
