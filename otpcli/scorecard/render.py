"""Render a scorecard: a terminal table, JSON, CSV, Markdown and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from otpcli.errors import plural
from otpcli.measurements.units import format_range, format_value
from otpcli.scorecard.build import Period, Row, Scorecard
from otpcli.workers import jobs_for, run_split

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

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
    if span == 0:
        return "".join([" " if v is None else SPARKS[0] for v in values])
    return "".join([" " if v is None else SPARKS[round((v - low) / span * 7)] for v in values])


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
    from rich.text import Text

    from otpcli.console import Column, Span, line_width, print_grid

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
    widths = [[line_width(cell) for cell in cells] for cells in rows]
    fitted = [max([len(header), *(sizes[index] for sizes in widths)])
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
    print_grid(console, title, columns, rows, widths)
    console.print(Text(LEGEND, style="dim"), overflow="fold")
    console.print(summary(scorecard))


def _glyphs(periods: tuple[Period, ...]) -> list[tuple[str, str]]:
    """The period cells as glyphs, a run of one status as one styled piece."""
    return list(_status_glyphs(tuple([period.status for period in periods])))


@lru_cache(maxsize=1024)
def _status_glyphs(statuses: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """:func:`_glyphs` by the periods' statuses (rows repeat the same few patterns)."""
    pieces: list[tuple[str, str]] = []
    for status in statuses:
        glyph, style = CELL_GLYPHS[status], CELL_STYLES[status]
        if pieces and pieces[-1][1] == style:
            pieces[-1] = (pieces[-1][0] + glyph, style)
        else:
            pieces.append((glyph, style))
    return tuple(pieces) or (("", ""),)


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
    if indent is None:
        return "".join(json_chunks(scorecard))
    return json.dumps(scorecard_document(scorecard), indent=indent) + "\n"


#: rows from which the JSON of a scorecard is written by two processes or more
PARALLEL_ROWS = 1500


def json_chunks(scorecard: Scorecard, rows_per_chunk: int = 256) -> Iterator[str]:
    """:func:`as_json` (compact) in pieces of some rows each, so a large scorecard is written
    without building the whole document: the same bytes, at a fraction of the memory. A
    large scorecard's later pieces are made by forked processes meanwhile (see
    :mod:`otpcli.workers`)."""
    head = scorecard_document(replace(scorecard, rows=[]))
    opening = json.dumps(head)
    assert opening.endswith("[]}")
    yield opening[:-3] + "["
    rows = scorecard.rows

    def pieces(starts: Sequence[int]) -> Iterator[str]:
        for start in starts:
            chunk = ", ".join(json.dumps(row_json(row))
                              for row in rows[start:start + rows_per_chunk])
            yield chunk if start == 0 else ", " + chunk

    starts = range(0, len(rows), rows_per_chunk)
    yield from run_split(pieces, starts, jobs_for(len(rows), PARALLEL_ROWS))
    yield "]}\n"


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
# A period cell's background and glyph colour: every glyph, the current period's ◌ included,
# stays readable on its background.
HTML_CELL_COLOURS = {"on_track": ("#1a7f37", "#ffffff"), "off_track": ("#cf222e", "#ffffff"),
                     "missing": ("#8250df", "#ffffff"), "partial": ("#d0d7de", "#24292f"),
                     "none": ("#f6f8fa", "#57606a"), "unknown": ("#9a6700", "#ffffff")}
TREND_DOT_RADIUS = 2.5
_TREND_STROKE = 1.5
_CADENCE_HEADINGS = {"daily": "Daily outcomes", "weekly": "Weekly outcomes",
                     "monthly": "Monthly outcomes", "quarterly": "Quarterly outcomes",
                     "": "Not measured in periods"}
_CURRENT = {"daily": "today", "weekly": "this week", "monthly": "this month",
            "quarterly": "this quarter"}


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
    margin = TREND_DOT_RADIUS + _TREND_STROKE  # a dot at any edge is drawn whole
    step = (width - 2 * margin) / max(1, len(values) - 1)

    def y(value: float) -> float:
        return round(height - margin - (value - low) / span * (height - 2 * margin), 1)

    band = ""
    if minimum is not None or maximum is not None:
        top = y(maximum if maximum is not None else high)
        bottom = y(minimum if minimum is not None else low)
        band = (f'<rect x="0" y="{top}" width="{width}" height="{max(1.0, bottom - top)}" '
                'fill="#dafbe1"/>')
    points = " ".join(f"{round(margin + i * step, 1)},{y(v)}" for i, v in enumerate(values)
                      if v is not None)
    dots = "".join(
        f'<circle cx="{round(margin + i * step, 1)}" cy="{y(v)}" r="{TREND_DOT_RADIUS}" '
        f'fill="{_HTML_COLOURS[periods[i].status]}"/>'
        for i, v in enumerate(values) if v is not None
    )
    label = html.escape(f"trend of {row.outcome.id if row.outcome else ''}")
    return (f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{label}">{band}'
            f'<polyline points="{points}" fill="none" stroke="#57606a" '
            f'stroke-width="{_TREND_STROKE}"/>{dots}</svg>')


def html_cadence(row: Row) -> str:
    """The row's period kind, from its periods (or its timeframe when it has none yet)."""
    if row.periods:
        first = row.periods[0]
        days = (first.end.date() - first.start.date()).days
        return ("daily" if days == 1 else "weekly" if days == 7
                else "monthly" if days < 40 else "quarterly")
    if row.outcome is not None and row.outcome.timeframe is not None:
        return row.outcome.timeframe.cadence
    return ""


def period_label(start: datetime, cadence: str) -> tuple[str, str]:
    """A period's name in two short lines: ("week of", "16 Nov"), ("Oct", "2026")."""
    if cadence == "daily":
        return f"{start:%a}", f"{start.day} {start:%b}"
    if cadence == "weekly":
        return "week of", f"{start.day} {start:%b}"
    if cadence == "monthly":
        return f"{start:%b}", f"{start.year}"
    return f"Q{(start.month - 1) // 3 + 1}", f"{start.year}"


def _period_header(start: datetime, cadence: str, current: bool) -> str:
    first, second = period_label(start, cadence)
    if current:
        first = _CURRENT[cadence]
        second = f"from {start.day} {start:%b}" if cadence in ("weekly", "quarterly") else (
            f"{start:%b %Y}" if cadence == "monthly" else second)
    title = " ".join(period_label(start, cadence)) + (
        f" {start.year}" if cadence in ("daily", "weekly") else "")
    return (f'<th class="when{" current" if current else ""}" title="{html.escape(title)}">'
            f"{html.escape(first)}<br>{html.escape(second)}</th>")


def _html_row(row: Row, count: int, cadence: str) -> str:
    unit = _unit(row)
    minimum, maximum = _range(row)
    last = len(row.periods) - 1
    cells = "".join(
        f'<td class="cell {p.status}{" current" if i == last else ""}" '
        f'title="{html.escape(_cell_title(p, unit))}">{CELL_GLYPHS[p.status]}</td>'
        for i, p in enumerate(row.periods)
    )
    if cadence:
        cells += '<td class="cell none"></td>' * (count - len(row.periods))
    span = ""
    if row.periods:
        begin = " ".join(period_label(row.periods[0].start, cadence))
        span = (f'<td class="card-only periods">{html.escape(begin)} to '
                f"{html.escape(_CURRENT[cadence])}</td>")
    holder = row.seat.seat.holder
    return (
        f'<tr class="{row.status}">'
        f'<td class="seat">{html.escape(holder.name)} <span class="kind {holder.kind}">'
        f"{holder.kind}</span></td>"
        f'<td class="statement">{html.escape(row.statement or "—")}'
        + (f'<div class="error">{html.escape(row.error)}</div>' if row.error else "")
        + "</td>"
        f'<td class="num" data-label="Range">'
        f"{html.escape(format_range(minimum, maximum, unit))}</td>"
        f'<td class="num" data-label="Last">{html.escape(_shown(row, unit))}</td>'
        f'<td class="status {row.status}">{html.escape(ROW_LABELS[row.status])}</td>'
        f"{span}{cells}<td class=\"trend\">{_trend_svg(row)}</td>"
        f'<td class="num" data-label="On track">{share_text(row) if row.outcome else ""}'
        "</td></tr>"
    )


def _html_table(rows: list[Row], count: int, cadence: str) -> str:
    headers = ""
    if cadence:
        starts = next((r.periods for r in rows if r.periods), ())
        headers = "".join(_period_header(p.start, cadence, i == len(starts) - 1)
                          for i, p in enumerate(starts))
        headers += "<th></th>" * (count - len(starts))
    body = "\n".join(_html_row(row, count, cadence) for row in rows)
    return (f"<h2>{_CADENCE_HEADINGS[cadence]}</h2>\n<table>\n"
            "<thead><tr><th>Seat</th><th>Outcome</th><th>Range</th><th>Last</th>"
            f"<th>Status</th>{headers}<th>Trend</th><th>On track</th></tr></thead>\n"
            f"<tbody>\n{body}\n</tbody>\n</table>")


def as_html(scorecard: Scorecard) -> str:
    """One self-contained page: inline CSS and SVG, no scripts, no network fetches. One
    table per period kind (its headers are that kind's dates); below 900 px each row is a
    card, so a phone never scrolls sideways."""
    local = scorecard.as_of.astimezone(_zone(scorecard))
    name = html.escape(scorecard.org.config.name)
    groups: dict[str, list[Row]] = {}
    for row in scorecard.rows:
        groups.setdefault(html_cadence(row), []).append(row)
    order = sorted(groups, key=lambda cadence: (cadence == "", list(_CURRENT).index(cadence)
                                                if cadence in _CURRENT else 0))
    tables = "\n".join(_html_table(groups[cadence], scorecard.periods, cadence)
                       for cadence in order)
    style = "\n".join(
        [f".cell.{status} {{ background: {background}; color: {colour}; }}"
         for status, (background, colour) in HTML_CELL_COLOURS.items()]
        + [f".status.{status} {{ color: {colour}; }}" for status, colour in _HTML_COLOURS.items()]
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} scorecard</title>
<style>
body {{ font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
       margin: 2rem; }}
h2 {{ font-size: 16px; margin: 1.5rem 0 0.5rem; }}
table {{ border-collapse: collapse; }}
th, td {{ padding: 4px 6px; border-bottom: 1px solid #d0d7de; vertical-align: middle; }}
th {{ text-align: left; font-weight: 600; font-size: 12px; color: #57606a; }}
th.when {{ font-weight: 400; font-size: 11px; line-height: 1.2; text-align: center;
          white-space: nowrap; padding: 4px 2px; }}
th.when.current {{ font-weight: 600; color: #0969da; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.seat {{ white-space: nowrap; font-weight: 600; }}
td.statement {{ overflow-wrap: anywhere; }}
td.cell {{ width: 18px; text-align: center; border: 1px solid #fff; font-size: 12px; }}
td.cell.current {{ outline: 2px solid #0969da; outline-offset: -2px; }}
svg.trend {{ display: block; overflow: visible; }}
.kind {{ font-weight: 400; font-size: 11px; padding: 1px 5px; border-radius: 8px;
        background: #eaeef2; }}
.kind.agent {{ background: #ddf4ff; }}
td.status {{ white-space: nowrap; font-weight: 600; }}
tr.draft td, tr.no_outcome td {{ color: #6e7781; font-style: italic; }}
.error {{ color: #cf222e; font-size: 12px; overflow-wrap: anywhere; }}
.legend {{ color: #57606a; margin-top: 1rem; }}
.card-only {{ display: none; }}
@media (max-width: 899px) {{
  body {{ margin: 1rem; }}
  table, tbody, tr, td {{ display: block; }}
  thead {{ display: none; }}
  tr {{ border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; margin-bottom: 12px; }}
  td {{ border: 0; padding: 2px 0; text-align: left; }}
  td.num {{ text-align: left; }}
  td[data-label]::before {{ content: attr(data-label) ": "; color: #57606a; font-size: 12px; }}
  td.card-only.periods {{ display: block; color: #57606a; font-size: 12px; }}
  td.cell {{ display: inline-block; width: 20px; height: 20px; line-height: 20px; padding: 0;
            margin: 1px; border: 0; border-radius: 3px; }}
  td.trend {{ margin-top: 4px; }}
  svg.trend {{ max-width: 100%; height: auto; }}
}}
{style}
</style>
</head>
<body>
<h1>{name} scorecard</h1>
<p>As of {html.escape(f"{local:%A %d %B %Y %H:%M %Z}")} · {html.escape(summary(scorecard))}</p>
{tables}
<p class="legend">{html.escape(LEGEND)} · the outlined cell is the current period</p>
</body>
</html>
"""


def _cell_title(period: Period, unit: str | None) -> str:
    value = format_value(period.value, unit) if period.value is not None else "no value"
    last_day = period.end - timedelta(days=1)
    return (f"{period.start:%Y-%m-%d} to {last_day:%Y-%m-%d}: {value} "
            f"({period.status.replace('_', ' ')})")


RENDERERS = {"json": as_json, "csv": as_csv, "markdown": as_markdown, "html": as_html}
