"""Say semantic changes in words: one line per change, a terminal table, a pull-request
comment (Markdown) and JSON."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from otpcli.history.diff import Change
from otpcli.history.log import History
from otpcli.history.report import DiffReport

if TYPE_CHECKING:
    from rich.console import Console

#: The hidden line that marks otp's pull-request comment, so a later push updates it.
COMMENT_MARKER = "<!-- otp-diff -->"

_LABELS = {
    "config_changed": "setting changed", "seat_added": "seat added",
    "seat_removed": "seat file deleted", "seat_renamed": "seat renamed",
    "seat_retired": "seat retired", "seat_reinstated": "seat reinstated",
    "title_changed": "title changed", "holder_changed": "holder changed",
    "model_changed": "model changed", "autonomy_raised": "autonomy raised",
    "autonomy_lowered": "autonomy lowered", "accountable_changed": "accountable changed",
    "reports_to_changed": "reports to changed",
    "agent_without_accountable_human": "no accountable human",
    "review_condition_added": "review condition added",
    "review_condition_removed": "review condition removed",
    "capability_added": "capability added", "capability_removed": "capability removed",
    "capability_moved": "capability moved", "seat_changed": "seat changed",
    "outcome_added": "outcome added", "outcome_removed": "outcome removed",
    "outcome_moved": "outcome moved", "draft_added": "draft added",
    "draft_removed": "draft removed", "statement_changed": "statement changed",
    "metric_changed": "metric changed", "range_tightened": "range tightened",
    "range_loosened": "range loosened", "cadence_changed": "cadence changed",
    "timeframe_changed": "timeframe changed", "stale_after_changed": "stale after changed",
    "outcome_changed": "outcome changed", "exception_added": "exception added",
    "exception_removed": "exception removed", "exception_changed": "exception changed",
    "ladder_lengthened": "ladder lengthened", "ladder_shortened": "ladder shortened",
    "ladder_changed": "ladder changed", "measurements_added": "measurements added",
    "measurements_rewritten": "measurements rewritten",
}


def label(change: Change) -> str:
    """The change's kind in a few words ("range loosened")."""
    return _LABELS.get(change.kind, change.kind.replace("_", " "))


def show(value: Any) -> str:
    """A before or after value in words: numbers without a needless ``.0``, lists joined."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return ", ".join(show(item) for item in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {show(item)}" for key, item in value.items())
    return str(value)


def _criterion(value: Any) -> str:
    if not isinstance(value, dict):
        return show(value)
    ladder = " → ".join(rung["to"] + (f" after {rung['after']}" if rung.get("after") else "")
                        for rung in value.get("escalate", []))
    periods = value.get("for", 1)
    held = f" for {periods} periods" if periods != 1 else ""
    return f"{value.get('when', '?')}{held}, escalate to {ladder}"


def describe(change: Change) -> str:
    """One change in words, without its seat and outcome ("range.min: 90 → 95")."""
    before, after, kind = change.before, change.after, change.kind
    if kind == "seat_added" and isinstance(after, dict):
        return f"{after['title']} ({after['holder']}, {after['kind']})"
    if kind == "seat_removed" and isinstance(before, dict):
        return (f"{before['title']} ({before['holder']}): the file and its record are gone; "
                "`otp retire` keeps the record")
    if kind == "seat_retired":
        if isinstance(after, dict):
            reviewers = ", ".join(after.get("reviewers", []))
            return f"{after.get('reason', '')} (reviewed by {reviewers})"
        return "retired"
    if kind == "seat_reinstated":
        return "active again"
    if kind in ("capability_added", "capability_removed"):
        return str(change.field)
    if kind in ("outcome_moved", "seat_renamed"):
        return f"{before} → {after}"
    if kind == "capability_moved":
        return f"{change.field}: {before} → {after}"
    if kind in ("outcome_added", "draft_added"):
        return show(after)
    if kind in ("outcome_removed", "draft_removed"):
        return show(before)
    if kind in ("review_condition_added",):
        return show(after)
    if kind in ("review_condition_removed",):
        return show(before)
    if kind == "agent_without_accountable_human":
        return (f"accountable: {show(after)}, which is not an active human seat; name the "
                "human who answers for this agent")
    if kind == "exception_added":
        return _criterion(after)
    if kind == "exception_removed":
        return _criterion(before)
    if kind.startswith("ladder_"):
        return f"{' → '.join(before or [])}  ⇒  {' → '.join(after or [])}"
    if kind == "measurements_added":
        return f"{after - before} rows added ({before} → {after})"
    if kind == "measurements_rewritten":
        return f"recorded rows changed or deleted ({before} → {after} rows)"
    text = f"{change.field}: {show(before)} → {show(after)}" if change.field \
        else f"{show(before)} → {show(after)}"
    if kind == "autonomy_raised" and change.attention:
        text += ", with no human_review conditions and no exception criteria"
    return text


def summary(report: DiffReport) -> str:
    changes = report.changes
    if not changes:
        return f"no semantic changes between {report.base.label} and {report.head.label}"
    seats = {change.seat for change in changes if change.seat}
    attention = len(report.attention)
    text = f"{_count(len(changes), 'change')} to {_count(len(seats), 'seat')}"
    if any(change.seat is None for change in changes):
        text += " and the settings"
    if attention:
        text += f", {attention} {'needs' if attention == 1 else 'need'} attention"
    return text


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _side(side: Any) -> str:
    return side.label if side.commit is None else f"{side.label} ({side.commit[:7]})"


def as_json(report: DiffReport) -> str:
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


def render_table(report: DiffReport, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{_side(report.base)} → {_side(report.head)}: {summary(report)}",
                       style="bold"))
    if not report.changes:
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("", no_wrap=True, width=1)
    table.add_column("Seat", no_wrap=True, overflow="ellipsis")
    table.add_column("Outcome", overflow="fold")
    table.add_column("Change", no_wrap=True)
    table.add_column("Detail", overflow="fold", ratio=1)
    for change in report.changes:
        colour = "red" if change.direction == "loosened" else \
            "green" if change.direction == "tightened" else ""
        table.add_row(Text("!", style="bold red") if change.attention else "",
                      change.seat or "(otp.yaml)", change.outcome or "",
                      Text(label(change), style=colour), describe(change))
    console.print(table)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Org text in a pull-request comment: Markdown and HTML read literally, no line breaks,
    and no @mention that would notify someone."""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("@", "&#64;")


def as_markdown(report: DiffReport) -> str:
    """A pull-request comment: a summary line, the changes that need attention, then one
    table per seat."""
    lines = [COMMENT_MARKER,
             f"### otp diff: {escape(summary(report))}",
             "",
             f"{escape(_side(report.base))} → {escape(_side(report.head))}",
             ""]
    if report.attention:
        lines += ["**Needs attention**", ""]
        for change in report.attention:
            where = "`otp.yaml`" if change.seat is None else f"`{change.seat}`"
            if change.outcome:
                where += f" · `{change.outcome}`"
            lines.append(f"- ⚠️ {where}: {escape(label(change))}: {escape(describe(change))}")
        lines.append("")
    groups: dict[str | None, list[Change]] = {}
    for change in report.changes:
        groups.setdefault(change.seat, []).append(change)
    for seat, changes in groups.items():
        title = report.titles.get(seat or "")
        heading = "otp.yaml" if seat is None else f"`{seat}`" + (
            f" · {escape(title)}" if title else "")
        lines += [f"#### {heading}", "", "| | change | outcome | detail |", "|---|---|---|---|"]
        for change in changes:
            mark = "⚠️" if change.attention else ""
            outcome = f"`{change.outcome}`" if change.outcome else ""
            lines.append(f"| {mark} | {escape(label(change))} | {outcome} | "
                         f"{escape(describe(change))} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


RENDERERS = {"json": as_json, "markdown": as_markdown}


def tenure_line(history: History) -> str:
    """Where an outcome has been: "under jeff from 2026-10-01 to 2026-11-21, under dash
    since 2026-11-21"."""
    parts = []
    for stretch in history.tenure:
        since = f" from {stretch.since:%Y-%m-%d}" if stretch.since else ""
        if stretch.until is None:
            since = f" since {stretch.since:%Y-%m-%d}" if stretch.since else ""
            parts.append(f"under {stretch.seat}{since} (now)")
        else:
            parts.append(f"under {stretch.seat}{since} to {stretch.until:%Y-%m-%d}")
    return ", ".join(parts)


def render_log(history: History, console: Console) -> None:
    from rich.text import Text

    heading = f"{history.kind} {history.subject}"
    if history.tenure:
        heading += f": {tenure_line(history)}"
    console.print(Text(heading, style="bold"))
    if not history.entries:
        console.print(f"no commit up to {history.tip} changed it")
        return
    for entry in history.entries:
        console.print()
        line = Text()
        line.append(entry.commit[:7], style="yellow")
        line.append(f" {entry.at:%Y-%m-%d} {entry.author}  ")
        line.append(entry.subject, style="bold")
        if entry.seat and history.kind == "outcome":
            line.append(f"  (under {entry.seat})", style="dim")
        console.print(line, soft_wrap=True)
        for change in entry.changes:
            colour = "red" if change.direction == "loosened" else \
                "green" if change.direction == "tightened" else ""
            row = Text("  ! " if change.attention else "    ",
                       style="bold red" if change.attention else "")
            if history.kind == "seat" and change.outcome:
                row.append(f"{change.outcome}: ")
            elif history.kind == "outcome" and change.outcome is None and change.seat:
                row.append(f"{change.seat}: ")
            row.append(label(change), style=colour)
            row.append(f": {describe(change)}")
            console.print(row, soft_wrap=True)
        if entry.unreadable:
            console.print(Text(f"    ({_count(entry.unreadable, 'org file')} did not load at "
                               "this commit or its parent; their changes are not shown)",
                               style="dim"))


def log_as_json(history: History) -> str:
    return json.dumps(history.as_json(), indent=2, ensure_ascii=False) + "\n"
