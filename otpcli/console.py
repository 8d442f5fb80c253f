"""Terminal output: one place decides about colour, width and error lines."""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


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



Span = tuple[str, str]
"""A piece of a table cell: its text and a rich style name ('' for none)."""


class Column:
    """A column of :func:`print_grid`: a header, a fixed width, how to align, and whether a
    cell that does not fit wraps onto more lines (word by word) or is cut with an ellipsis."""

    __slots__ = ("header", "justify", "width", "wrap")

    def __init__(self, header: str, width: int, *, justify: str = "left",
                 wrap: bool = False) -> None:
        self.header = header
        self.width = width
        self.justify = justify
        self.wrap = wrap


def print_grid(console: Console, title: list[Span], columns: list[Column],
               rows: list[list[list[Span]]], widths: list[list[int]] | None = None) -> None:
    """Print a table laid out like rich's ``SIMPLE_HEAD`` box, without its per-cell cost.

    rich renders every cell through its full layout engine; a scorecard of thousands of rows
    spent more time there than in building the scorecard. Here each line is assembled once
    as text, and styles become escape codes only when the console shows colour. The layout is
    rich's: a space at each edge, two between columns, a rule under the headers.
    ``widths``, when given, holds the :func:`line_width` of every cell (a caller that
    measured the cells to size the columns need not have them measured again).
    """
    from rich.cells import cell_len

    paint = _painter(console)
    inner = sum(column.width for column in columns) + 2 * (len(columns) - 1)
    total = inner + 2
    out = ["".join(paint(text, style) for text, style in line)
           + " " * (total - sum(cell_len(text) for text, _ in line))
           for line in _wrap(title, total)]
    out += [" " * total,
           " " + "  ".join(paint(_join(_lay([(c.header, "")], c)[0]), "bold")
                           for c in columns) + " ",
           " " + "─" * inner + " "]
    plain = paint is _unpainted
    for number, cells in enumerate(rows):
        used = widths[number] if widths is not None else [None] * len(cells)
        laid = [_lay(cell, column, size)
                for cell, column, size in zip(cells, columns, used, strict=True)]
        for index in range(max(len(lines) for lines in laid)):
            parts = [" " * column.width if index >= len(lines) else
                     "".join([text for text, _ in lines[index]]) if plain else
                     "".join([paint(text, style) for text, style in lines[index]])
                     for lines, column in zip(laid, columns, strict=True)]
            out.append(" " + "  ".join(parts) + " ")
    out.append(" " * total)
    console.file.write("\n".join(out) + "\n")


def _join(line: list[Span]) -> str:
    return "".join(text for text, _ in line)


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: rich's ``cell_len``, without its cost for the
    common cases (printable ASCII is a cell a character; glyphs and other text repeat)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return _unusual_width(text)


def line_width(spans: list[Span]) -> int:
    """:func:`cell_width` of styled text (widths add up character by character)."""
    return cell_width(spans[0][0] if len(spans) == 1 else "".join([text for text, _ in spans]))


@lru_cache(maxsize=4096)
def _unusual_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _lay(cell: list[Span], column: Column, used: int | None = None) -> list[list[Span]]:
    """A cell's lines, each padded to the column's width and justified (``used``: the
    cell's :func:`line_width`, when known)."""
    if used is None:
        used = line_width(cell)
    right = column.justify == "right"
    if used <= column.width:  # most cells: one line that fits
        if not right:
            return [[*cell, (" " * (column.width - used), "")]]
        last = cell[-1][0]
        if last and not last[-1].isspace():  # nothing for rich to strip
            return [[(" " * (column.width - used), ""), *cell]]
    if column.wrap and used > column.width:
        lines = _wrap(cell, column.width)
    else:
        lines = [_cut(cell, column.width)]
    laid = []
    for line in lines:
        if right:  # rich drops the spaces a right-aligned line ends with
            line = _rstrip(line)
        pad = " " * max(0, column.width - sum(cell_width(text) for text, _ in line))
        laid.append([(pad, ""), *line] if right else [*line, (pad, "")])
    return laid


def _rstrip(line: list[Span]) -> list[Span]:
    line = list(line)
    while line and not line[-1][0].rstrip():
        line.pop()
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


def _cut(cell: list[Span], width: int, ellipsis: bool = True) -> list[Span]:
    """The spans that fit in ``width`` cells; what does not fit is cut (with an ellipsis)."""
    from rich.cells import set_cell_size

    if sum(cell_width(text) for text, _ in cell) <= width:
        return cell
    kept: list[Span] = []
    room = width - 1 if ellipsis else width
    for text, style in cell:
        size = cell_width(text)
        if size >= room:
            if room > 0:
                kept.append((set_cell_size(text, room), style))
            break
        kept.append((text, style))
        room -= size
    if ellipsis:
        kept.append(("…", ""))
    return kept


#: A word and the spaces around it; a no-break space (as in a range, "≤ 5 d") joins words.
_WORD = re.compile(r"[^\S\u00a0\u202f]*(?:\S|[\u00a0\u202f])+[^\S\u00a0\u202f]*")


def _breaks(text: str, width: int) -> list[int]:
    """Where word wrapping breaks ``text`` into lines of ``width`` cells: before a word that
    does not fit on the current line, and inside a word longer than a whole line."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _wrap(cell: list[Span], width: int) -> list[list[Span]]:
    """Word-wrap styled text into lines of ``width`` cells as rich does: break before a
    word that does not fit, fold a word longer than a line, and drop the spaces that would
    overflow the end of a line."""
    plain = "".join(text for text, _ in cell)
    bounds = [0, *_breaks(plain, width), len(plain)]
    lines: list[list[Span]] = []
    for begin, end in itertools.pairwise(bounds):
        line: list[Span] = []
        position = 0
        for text, style in cell:
            low, high = max(begin, position), min(end, position + len(text))
            if low < high:
                line.append((text[low - position:high - position], style))
            position += len(text)
        excess = (end - begin) - width
        if excess > 0 and line:
            text, style = line[-1]
            stripped = text.rstrip()
            trailing = len(text) - len(stripped)
            line[-1] = (text[:len(text) - min(trailing, excess)], style)
        lines.append(_cut(line, width, ellipsis=False))
    return lines


def _unpainted(text: str, style: str) -> str:
    return text


def _painter(console: Console) -> Callable[[str, str], str]:
    """A function that wraps text in the escape codes of a rich style, or leaves it plain
    when the console shows no colour."""
    from functools import cache

    from rich.color import ColorSystem
    from rich.style import Style

    systems = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
               "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}
    color_system = systems.get(console.color_system or "")
    if console.no_color or color_system is None:
        return _unpainted

    @cache
    def codes(style: str) -> tuple[str, str]:
        before, _, after = Style.parse(style).render("\0", color_system=color_system) \
            .partition("\0")
        return before, after

    def paint(text: str, style: str) -> str:
        if not style or not text:
            return text
        before, after = codes(style)
        return before + text + after

    return paint


def spans_of(text: Text) -> list[Span]:
    """A rich ``Text`` as :data:`Span` pieces (its own style under each span's)."""
    base = str(text.style or "")
    plain = text.plain
    if not text.spans:
        return [(plain, base)]
    cuts = sorted({0, len(plain), *(s.start for s in text.spans), *(s.end for s in text.spans)})
    pieces: list[Span] = []
    for low, high in itertools.pairwise(cuts):
        if low >= high or high > len(plain):
            continue
        styles = [base, *(str(s.style) for s in text.spans if s.start <= low and s.end >= high)]
        pieces.append((plain[low:high], " ".join(style for style in styles if style)))
    return pieces


def repository_prefix(root: Path) -> str:
    """The org root relative to its git repository's top level ('' at the top, 'org/' below),
    so paths in annotations and reports are the repository's, as CI shows them."""
    resolved = root.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            relative = resolved.relative_to(candidate).as_posix()
            return "" if relative == "." else relative + "/"
    return ""


def github_annotation(level: str, message: str, *, file: str, line: int, column: int,
                      title: str, end_line: int | None = None,
                      end_column: int | None = None) -> str:
    """One GitHub Actions workflow command (``::warning file=...::message``), escaped so org
    text can neither end it early nor start another command."""
    properties = [f"file={_property(file)}", f"line={line}", f"col={column}"]
    if end_line is not None:
        properties.append(f"endLine={end_line}")
    if end_column is not None:
        properties.append(f"endColumn={end_column}")
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def emit(ctx: typer.Context, output: Path | None, *,
         table: Callable[[Console], None] | None = None,
         text: Callable[[bool], str | Iterable[str]] | None = None) -> None:
    """A command's data on standard output, or written atomically to ``--output``: a
    ``table`` drawn on a console (120 columns, no colour, in a file), or ``text`` (given
    whether to pretty-print: only on a terminal; whole, or in pieces written as they
    come)."""
    from otpcli.fileio import write_text_atomic

    if table is not None:
        if output is None:
            table(make_console(ctx))
            return
        import io

        from rich.console import Console

        buffer = io.StringIO()
        table(Console(file=buffer, width=120, no_color=True, highlight=False))
        write_text_atomic(output, buffer.getvalue())
    else:
        assert text is not None
        if output is None:
            written = text(sys.stdout.isatty())
            if isinstance(written, str):
                sys.stdout.write(written)
            else:
                sys.stdout.writelines(written)
            return
        write_text_atomic(output, text(False))
    sys.stderr.write(f"wrote {output}\n")
