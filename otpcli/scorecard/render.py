"""Render a scorecard: a terminal table, JSON, CSV, Markdown and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from otpcli.errors import plural
from otpcli.measurements.units import format_range, format_value
from otpcli.scorecard.build import Period, Row, Scorecard

if TYPE_CHECKING:
    from rich.console import Console

# Every status has a glyph and a word, so it reads without colour too.
CELL_GLYPHS = {"on_track": "●", "off_track": "✗", "missing": "?", "partial": "◌", "none": "·",
               "unknown": "○"}
CELL_STYLES = {"on_track": "green", "off_track": "bold red", "missing": "bold magenta",
               "partial": "dim", "none": "dim", "unknown": "yellow"}
ROW_LABELS = {"error": "‼ ERROR", "on_track": "✓ on track", "off_track": "✗ OFF TRACK",
              "missing": "? MISSING",
              "stale": "! STALE", "pending": "◌ pending", "unknown": "○ no range",
              "draft": "draft", "no_outcome": "no outcome"}
ROW_STYLES = {"error": "bold red reverse", "on_track": "green", "off_track": "bold red",
              "missing": "bold magenta",
              "stale": "bold yellow", "pending": "dim", "unknown": "yellow", "draft": "dim",
              "no_outcome": "dim"}
SPARKS = "▁▂▃▄▅▆▇█"
LEGEND = ("● on track  ✗ off track  ? missing  ◌ current period (not judged)  "
          "· before the first measurement")


def _unit(row: Row) -> str | None:
    return row.outcome.metric.unit if row.outcome and row.outcome.metric else None


def _range(row: Row) -> tuple[float | None, float | None]:
    if row.outcome is None or row.outcome.range is None:
        return None, None
    return row.outcome.range.min, row.outcome.range.max


def sparkline(periods: tuple[Period, ...]) -> str:
    values = [p.value for p in periods]
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    return "".join(
        " " if v is None else SPARKS[0 if span == 0 else round((v - low) / span * 7)]
        for v in values
    )


def share_text(row: Row) -> str:
    share = row.on_track_share
    return "—" if share is None else f"{share:.0%}"


def summary(scorecard: Scorecard) -> str:
    counts: dict[str, int] = {}
    for row in scorecard.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    seats = len({row.seat.id for row in scorecard.rows})
    measured = sum(1 for row in scorecard.rows if row.outcome is not None)
    parts = [f"{counts[status]} {ROW_LABELS[status].split(' ', 1)[-1].lower()}"
             for status in ("error", "on_track", "off_track", "stale", "missing", "pending",
                            "unknown", "draft") if counts.get(status)]
    if not seats:
        return "no seats match"
    head = plural(seats, "seat") + ", " + (plural(measured, "outcome") if measured
                                         else "no outcomes yet")
    return head + (": " + ", ".join(parts) if parts and measured else "")


SHORT_LABELS = {"error": "‼ ERROR", "on_track": "✓ on", "off_track": "✗ OFF",
                "missing": "? MISSING",
                "stale": "! STALE", "pending": "◌ new", "unknown": "○ ?", "draft": "draft",
                "no_outcome": "none"}


def shown(row: Row) -> tuple[float | None, bool]:
    """The number a row is judged by, comparable with its range, and whether it is partial.

    That is the newest closed period's value: for a ``sum`` or ``mean`` outcome the period's
    total or mean, never one raw row. A stale or pending row has no closed period to show
    that is current, so it shows its newest period's value so far, marked partial when that
    period is still open (and flagged stale, never passed off as current)."""
    so_far = row.status in ("stale", "pending")
    for period in reversed(row.periods):
        if period.value is not None and (so_far or not period.partial):
            return period.value, period.partial
    return None, False


def shown_value(row: Row) -> float | None:
    """:func:`shown` without the partial flag."""
    return shown(row)[0]


def closed_periods(row: Row) -> tuple[Period, ...]:
    """The periods a trend draws: up to the last closed one (the open period would draw a
    false dip)."""
    periods = row.periods
    return periods[:-1] if periods and periods[-1].partial else periods


#: Closed periods the trend shows on a terminal under 100 columns.
NARROW_TREND = 6


def render_table(scorecard: Scorecard, console: Console) -> None:
    """Narrow terminals get statements that wrap with their range; wide ones get a column
    each for range, trend, kind and seat id."""
    from rich.cells import cell_len
    from rich.text import Text

    from otpcli.console import Column, Span, print_grid

    width = console.width
    narrow, wide = width < 100, width >= 140
    local = scorecard.as_of.astimezone(_zone(scorecard))
    title: list[Span] = [(f"{scorecard.org.config.name} scorecard", "bold"),
                         (f" · as of {local:%a %d %b %Y %H:%M %Z}", "")]
    # At 80 columns the trend stays, over the last few closed periods only.
    trend_periods = None if not narrow else NARROW_TREND if width >= 80 else 0
    headers = ["Seat", *(["Kind"] if wide else []), "Outcome", *([] if narrow else ["Range"]),
               "Last", "Status", "Periods", *(["Trend"] if trend_periods != 0 else []), "On"]
    labels = SHORT_LABELS if narrow else ROW_LABELS
    rows: list[list[list[Span]]] = []
    previous_seat = None
    for row in scorecard.rows:
        first_of_seat = row.seat.id != previous_seat
        previous_seat = row.seat.id
        holder = row.seat.seat.holder
        seat_name = (f"{holder.name} ({row.seat.id})" if wide else holder.name) \
            if first_of_seat else ""
        cells: list[list[Span]] = [[(seat_name, "bold")]]
        if wide:
            cells.append([(holder.kind if first_of_seat else "",
                           "cyan" if holder.kind == "agent" else "")])
        unit = _unit(row)
        minimum, maximum = _range(row)
        range_text = format_range(minimum, maximum, unit, compact=True) if row.outcome else ""
        statement: list[Span] = [(row.statement or "—", "dim" if row.outcome is None else "")]
        if narrow and range_text:  # no-break spaces: a range never wraps mid-token
            statement.append((" ·\u00a0" + range_text.replace(" ", "\u00a0"), "dim"))
        if row.error:
            statement.append((f" — {row.error}", "red"))
        cells.append(statement)
        if not narrow:
            cells.append([(range_text, "")])
        value, partial = shown(row)
        last: list[Span] = [(format_value(value, unit, compact=True) if value is not None else
                             ("—" if row.outcome else ""),
                             "dim" if row.status == "stale" else "")]
        if partial:
            last.append(("◌", "dim"))
        cells.append(last)
        cells.append([(labels[row.status], ROW_STYLES[row.status])])
        cells.append(_glyphs(row.periods))
        if trend_periods != 0:
            cells.append([(sparkline(closed_periods(row)[-(trend_periods or 0):]), "cyan")])
        cells.append([(share_text(row) if row.outcome else "", "")])
        rows.append(cells)
    outcome_column = headers.index("Outcome")
    fitted = [max([len(header), *(sum(cell_len(text) for text, _ in cells[index])
                                  for cells in rows)])
              for index, header in enumerate(headers)]
    if not wide:
        fitted[0] = min(fitted[0], 9)
    # Every other column keeps its full width; the outcome statement gets what is left.
    fitted[outcome_column] = max(12, width - sum(fitted) + fitted[outcome_column]
                                 - 2 * (len(headers) - 1) - 2)
    columns = [Column(header, fitted[index],
                      justify="right" if header in ("Range", "Last", "On") else "left",
                      # too narrow to cut statements short: wrap them
                      wrap=index == outcome_column and fitted[index] < 45)
               for index, header in enumerate(headers)]
    print_grid(console, title, columns, rows)
    console.print(Text(LEGEND, style="dim"), overflow="fold")
    console.print(summary(scorecard))


def _glyphs(periods: tuple[Period, ...]) -> list[tuple[str, str]]:
    """The period cells as glyphs, a run of one status as one styled piece."""
    pieces: list[tuple[str, str]] = []
    for period in periods:
        glyph, style = CELL_GLYPHS[period.status], CELL_STYLES[period.status]
        if pieces and pieces[-1][1] == style:
            pieces[-1] = (pieces[-1][0] + glyph, style)
        else:
            pieces.append((glyph, style))
    return pieces or [("", "")]


def _zone(scorecard: Scorecard) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(scorecard.org.config.timezone)


@lru_cache(maxsize=4096)
def _iso(moment: datetime) -> str:
    """Period bounds repeat on every row; format each once."""
    return moment.isoformat()


def row_json(row: Row) -> dict[str, Any]:
    holder = row.seat.seat.holder
    value, partial = shown(row)
    minimum, maximum = _range(row)
    outcome = row.outcome
    return {
        "seat": row.seat.id,
        "holder": holder.name,
        "kind": holder.kind,
        "outcome": outcome.id if outcome else None,
        "statement": row.statement,
        "unit": _unit(row),
        "range": {"min": minimum, "max": maximum},
        "cadence": outcome.timeframe.cadence if outcome and outcome.timeframe else None,
        "status": row.status,
        "latest": {"at": _iso(row.latest.at), "value": row.latest.value} if row.latest else None,
        "value": value,
        "value_partial": partial,
        "on_track_share": None if row.on_track_share is None else round(row.on_track_share, 4),
        "error": row.error,
        "periods": [
            {"start": _iso(p.start), "end": _iso(p.end), "value": p.value, "status": p.status,
             "partial": p.partial}
            for p in row.periods
        ],
    }


def scorecard_document(scorecard: Scorecard) -> dict[str, Any]:
    """The scorecard as the JSON format documents it (``--format json``, MCP)."""
    return {
        "org": scorecard.org.config.name,
        "timezone": scorecard.org.config.timezone,
        "as_of": _iso(scorecard.as_of.astimezone(_zone(scorecard))),
        "rows": [row_json(row) for row in scorecard.rows],
    }


def as_json(scorecard: Scorecard, *, indent: int | None = None) -> str:
    """Compact by default (json's C encoder); ``indent`` for people reading a terminal."""
    return json.dumps(scorecard_document(scorecard), indent=indent) + "\n"


def as_csv(scorecard: Scorecard) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    count = scorecard.periods
    writer.writerow(["seat", "holder", "kind", "outcome", "statement", "unit", "min", "max",
                     "cadence", "status", "latest_at", "latest_value", "on_track_share",
                     *(f"period_{index}" for index in range(count - 1, 0, -1)), "current"])
    for row in scorecard.rows:
        data = row_json(row)
        periods = [p["value"] if p["value"] is not None else "" for p in data["periods"]]
        periods += [""] * (count - len(periods))
        share = data["on_track_share"]
        writer.writerow([
            data["seat"], data["holder"], data["kind"], data["outcome"] or "", data["statement"],
            data["unit"] or "", _blank(data["range"]["min"]), _blank(data["range"]["max"]),
            data["cadence"] or "", data["status"],
            data["latest"]["at"] if data["latest"] else "",
            _blank(data["latest"]["value"] if data["latest"] else None),
            "" if share is None else round(share, 4), *periods,
        ])
    return buffer.getvalue()


def _blank(value: float | None) -> str | float:
    return "" if value is None else value


MARKDOWN_CELLS = {"on_track": "🟩", "off_track": "🟥", "missing": "❔", "partial": "⬜",
                  "none": "▫️", "unknown": "🟨"}


def as_markdown(scorecard: Scorecard) -> str:
    local = scorecard.as_of.astimezone(_zone(scorecard))
    lines = [
        f"**{scorecard.org.config.name} scorecard** · as of {local:%a %d %b %Y %H:%M %Z}",
        "",
        "| Seat | Outcome | Range | Last | Status | Periods | On track |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in scorecard.rows:
        unit = _unit(row)
        minimum, maximum = _range(row)
        label = ROW_LABELS[row.status]
        status = f"**{label}**" if row.needs_attention else label
        cells = "".join(MARKDOWN_CELLS[p.status] for p in row.periods)
        lines.append("| " + " | ".join(_md(text) for text in [
            f"{row.seat.seat.holder.name} ({row.seat.id})",
            (row.statement or "—") + (f" — ⚠ {row.error}" if row.error else ""),
            format_range(minimum, maximum, unit) if row.outcome else "",
            _shown(row, unit),
        ]) + f" | {status} | {cells} | {share_text(row) if row.outcome else ''} |")
    lines += ["", "🟩 on track · 🟥 off track · ❔ missing · ⬜ current period · "
              "▫️ before the first measurement", "", summary(scorecard)]
    return "\n".join(lines) + "\n"


def _shown(row: Row, unit: str | None) -> str:
    value, partial = shown(row)
    if value is None:
        return "—" if row.outcome else ""
    return format_value(value, unit) + (" (so far)" if partial else "")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_HTML_COLOURS = {"on_track": "#1a7f37", "off_track": "#cf222e", "missing": "#8250df",
                 "partial": "#d0d7de", "none": "#f6f8fa", "unknown": "#bf8700",
                 "stale": "#9a6700", "pending": "#6e7781", "draft": "#6e7781",
                 "no_outcome": "#6e7781", "error": "#cf222e"}


def _trend_svg(row: Row, width: int = 160, height: int = 36) -> str:
    periods = closed_periods(row)
    values = [p.value for p in periods]
    present = [v for v in values if v is not None]
    if not present:
        return ""
    minimum, maximum = _range(row)
    bounds = [*present, *(b for b in (minimum, maximum) if b is not None)]
    low, high = min(bounds), max(bounds)
    span = (high - low) or 1.0
    margin = 3  # a dot at either end is drawn whole
    step = (width - 2 * margin) / max(1, len(values) - 1)

    def y(value: float) -> float:
        return round(height - 3 - (value - low) / span * (height - 6), 1)

    band = ""
    if minimum is not None or maximum is not None:
        top = y(maximum if maximum is not None else high)
        bottom = y(minimum if minimum is not None else low)
        band = (f'<rect x="0" y="{top}" width="{width}" height="{max(1.0, bottom - top)}" '
                'fill="#dafbe1"/>')
    points = " ".join(f"{round(margin + i * step, 1)},{y(v)}" for i, v in enumerate(values)
                      if v is not None)
    dots = "".join(
        f'<circle cx="{round(margin + i * step, 1)}" cy="{y(v)}" r="2.5" '
        f'fill="{_HTML_COLOURS[periods[i].status]}"/>'
        for i, v in enumerate(values) if v is not None
    )
    label = html.escape(f"trend of {row.outcome.id if row.outcome else ''}")
    return (f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{label}">{band}'
            f'<polyline points="{points}" fill="none" stroke="#57606a" stroke-width="1.5"/>'
            f"{dots}</svg>")


def as_html(scorecard: Scorecard) -> str:
    """One self-contained page: inline CSS and SVG, no scripts, no network fetches."""
    local = scorecard.as_of.astimezone(_zone(scorecard))
    name = html.escape(scorecard.org.config.name)
    rows_html = []
    for row in scorecard.rows:
        unit = _unit(row)
        minimum, maximum = _range(row)
        cells = "".join(
            f'<td class="cell {p.status}" title="{html.escape(_cell_title(p, unit))}">'
            f"{CELL_GLYPHS[p.status]}</td>" for p in row.periods
        )
        cells += '<td class="cell none"></td>' * (scorecard.periods - len(row.periods))
        holder = row.seat.seat.holder
        rows_html.append(
            f'<tr class="{row.status}">'
            f'<td class="seat">{html.escape(holder.name)} <span class="kind {holder.kind}">'
            f"{holder.kind}</span></td>"
            f"<td>{html.escape(row.statement or '—')}"
            + (f'<div class="error">{html.escape(row.error)}</div>' if row.error else "")
            + "</td>"
            f'<td class="num">{html.escape(format_range(minimum, maximum, unit))}</td>'
            f'<td class="num">{html.escape(_shown(row, unit))}</td>'
            f'<td class="status {row.status}">{html.escape(ROW_LABELS[row.status])}</td>'
            f"{cells}<td>{_trend_svg(row)}</td>"
            f'<td class="num">{share_text(row) if row.outcome else ""}</td></tr>'
        )
    style = "\n".join(
        [f".cell.{status} {{ background: {colour}; color: #fff; }}"
         for status, colour in _HTML_COLOURS.items() if status in CELL_GLYPHS]
        + [f".status.{status} {{ color: {colour}; }}" for status, colour in _HTML_COLOURS.items()]
    )
    header_cells = "".join(f"<th>{i}</th>" for i in range(scorecard.periods - 1, 0, -1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} scorecard</title>
<style>
body {{ font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
       margin: 2rem; }}
table {{ border-collapse: collapse; }}
th, td {{ padding: 4px 6px; border-bottom: 1px solid #d0d7de; vertical-align: middle; }}
th {{ text-align: left; font-weight: 600; font-size: 12px; color: #57606a; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.seat {{ white-space: nowrap; font-weight: 600; }}
td.cell {{ width: 18px; text-align: center; border: 1px solid #fff; font-size: 12px; }}
.cell.none {{ color: #8c959f; }}
.cell.partial {{ color: #57606a; }}
.kind {{ font-weight: 400; font-size: 11px; padding: 1px 5px; border-radius: 8px;
        background: #eaeef2; }}
.kind.agent {{ background: #ddf4ff; }}
td.status {{ white-space: nowrap; font-weight: 600; }}
tr.draft td, tr.no_outcome td {{ color: #6e7781; font-style: italic; }}
.error {{ color: #cf222e; font-size: 12px; }}
.legend {{ color: #57606a; margin-top: 1rem; }}
{style}
</style>
</head>
<body>
<h1>{name} scorecard</h1>
<p>As of {html.escape(f"{local:%A %d %B %Y %H:%M %Z}")} · {html.escape(summary(scorecard))}</p>
<table>
<thead><tr><th>Seat</th><th>Outcome</th><th>Range</th><th>Last</th><th>Status</th>
{header_cells}<th>now</th><th>Trend</th><th>On track</th></tr></thead>
<tbody>
{chr(10).join(rows_html)}
</tbody>
</table>
<p class="legend">{html.escape(LEGEND)} · period numbers count back from the current one</p>
</body>
</html>
"""


def _cell_title(period: Period, unit: str | None) -> str:
    value = format_value(period.value, unit) if period.value is not None else "no value"
    last_day = period.end - timedelta(days=1)
    return (f"{period.start:%Y-%m-%d} to {last_day:%Y-%m-%d}: {value} "
            f"({period.status.replace('_', ' ')})")


RENDERERS = {"json": as_json, "csv": as_csv, "markdown": as_markdown, "html": as_html}
