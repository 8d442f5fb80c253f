"""Render the review agenda: the terminal, Markdown (for a meeting document or a pull
request), JSON, and one self-contained HTML page.

Every format but JSON is drawn from one outline: five numbered sections, each made of
tables, labelled lists and sentences.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from otpcli.exceptions.render import (
    condition_text,
    holding_json,
    next_text,
    seat_name,
    since_text,
    told_text,
    when_text,
)
from otpcli.history.diff import Change
from otpcli.history.render import describe, label
from otpcli.measurements.units import format_value
from otpcli.review.build import Review
from otpcli.scorecard.render import (
    ROW_LABELS,
    closed_periods,
    row_json,
    share_text,
    shown_value,
    sparkline,
)

if TYPE_CHECKING:
    from rich.console import Console

TITLES = ("Scorecard: what needs attention", "Exceptions", "Drift",
          "Changes since the last review", "Definitions to sharpen")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    #: the cells for a terminal, where they differ (shorter)
    terminal: list[list[str]] | None = None
    #: one short paragraph per row instead of the table, on terminals under 100 columns
    narrow: list[list[str]] | None = None


@dataclass
class Items:
    """A labelled list: each label introduces one or more lines."""

    label: str
    lines: list[str]


@dataclass
class Sentence:
    text: str


Block = Table | Items | Sentence


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


def _local(review: Review, moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(review.org.config.timezone))


def _day(review: Review, moment: datetime) -> str:
    return f"{_local(review, moment):%a %d %b %Y}"


def title(review: Review) -> str:
    return f"{review.org.config.name} weekly review · {_day(review, review.as_of)}"


def preamble(review: Review) -> str:
    base = review.base
    since = base.label
    if base.moment is not None and base.label != f"{base.moment:%Y-%m-%d}":
        since += f" ({_day(review, base.moment)})"
    scope = []
    if review.seats:
        scope.append(f"seats {', '.join(review.seats)}")
    if review.kinds:
        scope.append(f"{' and '.join(review.kinds)} seats only")
    return (f"As of {_local(review, review.as_of):%a %d %b %Y %H:%M %Z} · changes since "
            f"{since} · next review {_day(review, review.next_review)}"
            + (f" · {'; '.join(scope)}" if scope else ""))


def outline(review: Review) -> list[Section]:
    return [_scorecard(review), _exceptions(review), _drift(review), _changes(review),
            _sharpen(review)]


def _scorecard(review: Review) -> Section:
    section = Section(TITLES[0])
    rows = review.scorecard.rows
    if not rows:
        section.blocks.append(Sentence("Every outcome is on track, fresh and reported."))
        return section
    full: list[list[str]] = []
    terminal: list[list[str]] = []
    narrow: list[list[str]] = []
    for row in rows:
        unit = row.outcome.metric.unit if row.outcome and row.outcome.metric else None
        value = shown_value(row)
        outcome_id = row.outcome.id if row.outcome else ""
        cells = [row.seat.seat.holder.name, row.seat.seat.holder.kind, row.statement,
                 ROW_LABELS[row.status], format_value(value, unit, compact=True)
                 if value is not None else "—", sparkline(closed_periods(row)),
                 share_text(row)]
        full.append([*cells[:2], f"{row.statement} ({outcome_id})", *cells[3:]])
        terminal.append([*cells[:2], outcome_id, *cells[3:]])
        narrow.append([f"{cells[3]}  {cells[0]} · {outcome_id}  {cells[4]}  {cells[6]} on track",
                       f"  {row.statement}"])
    section.blocks.append(Table(["Seat", "Kind", "Outcome", "Status", "Last", "Trend",
                                 "On track"], full, terminal, narrow))
    return section


def _exceptions(review: Review) -> Section:
    section = Section(TITLES[1])
    check = review.check
    if not check.exceptions:
        section.blocks.append(Sentence("No exception holds."))
        return section
    section.blocks.append(Table(
        ["Seat", "Outcome", "Condition", "Since", "Told", "Acknowledged or next"],
        [[seat_name(review.org, h.seat.id), h.outcome.id, condition_text(h),
          since_text(check, h), told_text(review.org, h), next_text(check, h)]
         for h in check.exceptions],
        terminal=[[seat_name(review.org, h.seat.id), h.outcome.id, condition_text(h),
                   since_text(check, h, short=True), told_text(review.org, h),
                   next_text(check, h, short=True)] for h in check.exceptions],
        narrow=[[f"{'✓' if h.acknowledged else '✗'} {h.outcome.id} "
                 f"({seat_name(review.org, h.seat.id)}) {condition_text(h)} since "
                 f"{since_text(check, h, short=True)}",
                 f"  told {told_text(review.org, h)} · {next_text(check, h).lstrip('✓— ')}"]
                for h in check.exceptions]))
    waiting = len(check.unacknowledged)
    section.blocks.append(Sentence(
        f"{waiting} of {len(check.exceptions)} waiting for someone to act."))
    if review.escalations:
        section.blocks.append(Items("Escalates before the next review", [
            f"{seat_name(review.org, e.rung.to)}, {when_text(_local(review, e.rung.at))}: "
            f"{e.holding.outcome.id} ({seat_name(review.org, e.holding.seat.id)}, "
            f"{condition_text(e.holding)})" for e in review.escalations]))
    else:
        section.blocks.append(Sentence("Nothing escalates further before the next review."))
    return section


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _drift(review: Review) -> Section:
    section = Section(TITLES[2])
    drift = review.drift
    org = review.org
    if drift.uncovered:
        section.blocks.append(Items("Off track with no exception firing", [
            f"{seat_name(org, item.row.seat.id)} · {item.outcome.id}: off track "
            f"{item.periods} periods in a row; add or tighten an `out_of_range` exception"
            for item in drift.uncovered]))
    if drift.silent_agents:
        section.blocks.append(Items("Agents gone quiet", [
            f"{seat.seat.holder.name}: every outcome is stale or missing"
            for seat in drift.silent_agents]))
    if drift.falling:
        section.blocks.append(Items("On-track share falling over the last quarter", [
            f"{seat_name(org, item.seat.id)} · {item.outcome.id}: "
            f"{_percent(item.share.previous)} → {_percent(item.share.recent)}"
            for item in drift.falling]))
    if drift.loosened:
        section.blocks.append(Items("Ranges loosened since the last review", [
            f"{seat_name(org, str(change.seat))} · {change.outcome}: {describe(change)}"
            for change in drift.loosened]))
    if drift.org_share is not None:
        share = drift.org_share
        trend = "down from" if share.recent < share.previous else (
            "up from" if share.recent > share.previous else "as")
        section.blocks.append(Sentence(
            f"On track: {_percent(share.recent)} of judged periods in the last quarter, "
            f"{trend} {_percent(share.previous)} the quarter before."))
    if drift.empty:
        section.blocks.insert(0, Sentence("No drift."))
    return section


def _changes(review: Review) -> Section:
    section = Section(TITLES[3])
    changes = review.changes
    base = changes.base
    if not base.in_git:
        section.blocks.append(Sentence("The org is not in a git repository: there is no "
                                       "history to compare with."))
        return section
    if base.commit is None:
        section.blocks.append(Sentence("The org has no commit before then: everything in it "
                                       "is new since."))
    else:
        section.blocks.append(Sentence(f"Compared with commit {base.commit[:7]}."))
    if changes.unreadable:
        section.blocks.append(Sentence(
            "At that commit these files did not load, so their changes are not told: "
            + ", ".join(changes.unreadable) + "."))
    for group, kinds in CHANGE_GROUPS:
        lines = [_change_line(review, change) for change in changes.semantic
                 if change.kind in kinds]
        if lines:
            section.blocks.append(Items(group, lines))
    if not changes.commits and not changes.semantic:
        section.blocks.append(Sentence("No definition changed."))
        return section
    lines = [f"{commit.at:%a %d %b} · {commit.subject} ({commit.author}, {commit.sha[:7]})"
             for commit in changes.commits]
    if changes.total > len(changes.commits):
        lines.append(f"and {changes.total - len(changes.commits)} older commits")
    if lines:
        section.blocks.append(Items("Commits that changed otp.yaml or seats/", lines))
    return section


#: Section 4 tells the semantic changes in these groups, in this order.
CHANGE_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Seats", frozenset({"seat_added", "seat_removed", "seat_renamed", "seat_retired",
                         "seat_reinstated"})),
    ("Outcomes", frozenset({"outcome_added", "outcome_removed", "outcome_moved", "draft_added",
                            "draft_removed", "statement_changed", "metric_changed",
                            "cadence_changed", "timeframe_changed", "stale_after_changed",
                            "outcome_changed"})),
    ("Ranges", frozenset({"range_tightened", "range_loosened"})),
    ("Autonomy and accountability", frozenset({
        "autonomy_raised", "autonomy_lowered", "accountable_changed", "reports_to_changed",
        "agent_without_accountable_human", "review_condition_added",
        "review_condition_removed", "holder_changed", "model_changed", "title_changed",
        "seat_changed", "capability_added", "capability_removed", "capability_moved"})),
    ("Exceptions", frozenset({"exception_added", "exception_removed", "exception_changed",
                              "ladder_lengthened", "ladder_shortened", "ladder_changed"})),
    ("Settings", frozenset({"config_changed"})),
    ("Measurements", frozenset({"measurements_rewritten"})),
)


def _change_line(review: Review, change: Change) -> str:
    where = "otp.yaml" if change.seat is None else seat_name(review.org, change.seat)
    if change.outcome:
        where += f" · {change.outcome}"
    mark = "⚠ " if change.attention else ""
    return f"{mark}{where}: {label(change)}, {describe(change)}"


def _sharpen(review: Review) -> Section:
    section = Section(TITLES[4])
    sharpen = review.sharpen
    if sharpen.drafts:
        section.blocks.append(Items("Open drafts", [
            f"{draft.seat.seat.holder.name}: “{draft.statement}”" for draft in sharpen.drafts]))
    if sharpen.lint:
        section.blocks.append(Items("Lint findings by rule", [
            f"{rule.code} {rule.name}: {rule.count} {rule.severity}"
            f"{'s' if rule.count != 1 else ''}" for rule in sharpen.lint]))
    if sharpen.expiring:
        section.blocks.append(Items("Ending before the next review", [
            f"{item.seat.seat.holder.name} · {item.outcome.id}: until {item.until:%a %d %b}"
            for item in sharpen.expiring]))
    if sharpen.empty:
        section.blocks.append(Sentence("Nothing to sharpen: no drafts, no lint findings, no "
                                       "outcome ending before the next review."))
    return section


# Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(review: Review) -> str:
    lines = [f"# {title(review)}", "", preamble(review), ""]
    for number, section in enumerate(outline(review), start=1):
        lines += [f"## {number}. {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, Table):
                lines.append("| " + " | ".join(block.headers) + " |")
                lines.append("|" + "---|" * len(block.headers))
                lines += ["| " + " | ".join(_md(cell) for cell in row) + " |"
                          for row in block.rows]
            elif isinstance(block, Items):
                lines.append(f"**{block.label}:**")
                lines.append("")
                lines += [f"- {line}" for line in block.lines]
            else:
                lines.append(block.text)
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# Terminal -------------------------------------------------------------------------------


def render_table(review: Review, console: Console) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    console.print(Text(title(review), style="bold"))
    console.print(Text(preamble(review), style="dim"), overflow="fold")
    for number, section in enumerate(outline(review), start=1):
        console.print()
        console.print(Text(f"{number}. {section.title}", style="bold underline"))
        for block in section.blocks:
            if isinstance(block, Table) and block.narrow is not None and console.width < 100:
                for lines in block.narrow:
                    for line in lines:
                        console.print(line, overflow="fold")
            elif isinstance(block, Table):
                table = RichTable(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
                for header in block.headers:
                    table.add_column(header, overflow="fold", no_wrap=header in (
                        "Seat", "Outcome", "Since", "Status", "Last", "Trend", "Kind"))
                for row in block.terminal or block.rows:
                    table.add_row(*row)
                console.print(table)
            elif isinstance(block, Items):
                console.print(Text(block.label, style="bold"))
                for line in block.lines:
                    console.print(f"  • {line}", overflow="fold")
            else:
                console.print(block.text, overflow="fold")


# JSON -----------------------------------------------------------------------------------


def as_json(review: Review, *, indent: int | None = None) -> str:
    return json.dumps(review_document(review), indent=indent, ensure_ascii=False) + "\n"


def review_document(review: Review) -> dict[str, Any]:
    """What ``otp review --format json`` prints (and the MCP tool returns)."""
    org = review.org

    def iso(moment: datetime) -> str:
        return _local(review, moment).isoformat()

    drift = review.drift
    share = drift.org_share
    data: dict[str, Any] = {
        "org": org.config.name,
        "timezone": org.config.timezone,
        "as_of": iso(review.as_of),
        "next_review": iso(review.next_review),
        "since": {"asked": review.base.label,
                  "at": iso(review.base.moment) if review.base.moment else None,
                  "commit": review.base.commit},
        "filters": {"seats": list(review.seats), "kinds": list(review.kinds)},
        "scorecard": [row_json(row) for row in review.scorecard.rows],
        "exceptions": [holding_json(review.check, holding)
                       for holding in review.check.exceptions],
        "escalations": [{"seat": e.holding.seat.id, "outcome": e.holding.outcome.id,
                         "when": e.holding.criterion.when, "to": e.rung.to,
                         "at": iso(e.rung.at)} for e in review.escalations],
        "drift": {
            "uncovered": [{"seat": item.row.seat.id, "outcome": item.outcome.id,
                           "periods": item.periods} for item in drift.uncovered],
            "silent_agents": [seat.id for seat in drift.silent_agents],
            "falling": [{"seat": item.seat.id, "outcome": item.outcome.id,
                         "previous": round(item.share.previous, 4),
                         "recent": round(item.share.recent, 4)} for item in drift.falling],
            "on_track_share": None if share is None else {
                "previous": round(share.previous, 4), "recent": round(share.recent, 4)},
            "loosened": [change.as_json() for change in drift.loosened],
        },
        "changes": {
            "commits": [{"sha": c.sha, "at": iso(c.at), "author": c.author,
                         "subject": c.subject} for c in review.changes.commits],
            "total": review.changes.total,
            "semantic": [change.as_json() for change in review.changes.semantic],
            "unreadable": list(review.changes.unreadable),
        },
        "sharpen": {
            "drafts": [{"seat": d.seat.id, "statement": d.statement}
                       for d in review.sharpen.drafts],
            "lint": [{"code": r.code, "name": r.name, "severity": r.severity, "count": r.count}
                     for r in review.sharpen.lint],
            "expiring": [{"seat": e.seat.id, "outcome": e.outcome.id,
                          "until": e.until.isoformat()} for e in review.sharpen.expiring],
        },
    }
    return data


# HTML -----------------------------------------------------------------------------------


_STYLE = """
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de;
     padding-bottom: .3rem; }
p.preamble { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid #d0d7de; text-align: left;
         vertical-align: top; }
th { font-size: 12px; color: #57606a; font-weight: 600; }
td.trend { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; color: #0969da;
           white-space: nowrap; }
h3 { font-size: .95rem; margin: 1rem 0 .3rem; }
ul { margin: 0; padding-left: 1.4rem; }
"""


def as_html(review: Review) -> str:
    """One self-contained page (inline CSS, no scripts, nothing fetched)."""
    parts = []
    for number, section in enumerate(outline(review), start=1):
        parts.append(f'<section id="section-{number}"><h2>{number}. '
                     f"{html.escape(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Table):
                head = "".join(f"<th>{html.escape(header)}</th>" for header in block.headers)
                body = "".join(
                    "<tr>" + "".join(
                        f'<td{" class=trend" if header == "Trend" else ""}>'
                        f"{html.escape(cell)}</td>"
                        for header, cell in zip(block.headers, row, strict=True)) + "</tr>"
                    for row in block.rows)
                parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}"
                             "</tbody></table>")
            elif isinstance(block, Items):
                items = "".join(f"<li>{html.escape(line)}</li>" for line in block.lines)
                parts.append(f"<h3>{html.escape(block.label)}</h3><ul>{items}</ul>")
            else:
                parts.append(f"<p>{html.escape(block.text)}</p>")
        parts.append("</section>")
    name = html.escape(title(review))
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{name}</h1>
<p class="preamble">{html.escape(preamble(review))}</p>
{body}
</body>
</html>
"""


RENDERERS = {"json": as_json, "markdown": as_markdown, "html": as_html}
