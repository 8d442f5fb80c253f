"""Show the exceptions that hold: a terminal table, JSON, Markdown and GitHub annotations."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from otpcli.console import github_annotation, repository_prefix
from otpcli.exceptions.check import Check, Holding
from otpcli.exceptions.episodes import cadence_of
from otpcli.org.load import Org
from otpcli.scorecard.periods import stale_after

if TYPE_CHECKING:
    from rich.console import Console

PERIOD_NAMES = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter"}


def local(org: Org, moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(org.config.timezone))


def when_text(moment: datetime, *, short: bool = False) -> str:
    return f"{moment:%d %b %H:%M}" if short else f"{moment:%a %d %b %H:%M}"


def span_text(delta: timedelta) -> str:
    """A duration the way people say it: 45m, 5h, 2d 4h, 3w."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days >= 14:
        return f"{days // 7}w"
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"


def condition_text(holding: Holding) -> str:
    """The criterion in words: `off track for 2 weeks`, `missing for 1 day`, `stale > 8d`."""
    criterion = holding.criterion
    if criterion.when == "stale":
        limit = stale_after(holding.outcome.stale_after, cadence_of(holding.outcome))
        return f"stale > {span_text(limit)}"
    noun = PERIOD_NAMES[cadence_of(holding.outcome)]
    count = criterion.for_
    word = "off track" if criterion.when == "out_of_range" else "missing"
    return f"{word} for {count} {noun}{'s' if count != 1 else ''}"


def seat_name(org: Org, seat_id: str) -> str:
    found = org.seats.get(seat_id)
    return found.seat.holder.name if found is not None else seat_id


def told_text(org: Org, holding: Holding) -> str:
    return ", ".join(seat_name(org, seat) for seat in holding.escalated_to) or "—"


def next_text(check: Check, holding: Holding, *, short: bool = False) -> str:
    """Who acts next: the acknowledgement, the next rung and when, or the top of the ladder."""
    org = check.org
    taken = holding.acknowledged
    if taken is not None:
        return (f"✓ {'' if short else 'acknowledged by '}{seat_name(org, taken.by)} "
                f"{when_text(local(org, taken.at), short=short)}")
    if holding.next is None:
        return "—" if short else "— top of the ladder"
    due = holding.next.at
    return (f"{seat_name(org, holding.next.to)} {when_text(local(org, due), short=short)}"
            + ("" if short else f" (in {span_text(due - check.as_of)})"))


def since_text(check: Check, holding: Holding, *, short: bool = False) -> str:
    return when_text(local(check.org, holding.since), short=short) + (
        "" if short else f" ({span_text(check.as_of - holding.since)} ago)")


def summary(check: Check) -> str:
    if not check.exceptions:
        return "No exception holds."
    total = len(check.exceptions)
    waiting = len(check.unacknowledged)
    noun = "exception holds" if total == 1 else "exceptions hold"
    return (f"{total} {noun}: {waiting} waiting for someone to act, "
            f"{total - waiting} acknowledged.")


def title(check: Check) -> str:
    return (f"{check.org.config.name} exceptions · as of "
            f"{local(check.org, check.as_of):%a %d %b %Y %H:%M %Z}")


def rows(check: Check, *, short: bool = False) -> list[list[str]]:
    return [[seat_name(check.org, holding.seat.id), holding.outcome.id,
             condition_text(holding), since_text(check, holding, short=short),
             told_text(check.org, holding), next_text(check, holding, short=short)]
            for holding in check.exceptions]


HEADERS = ["Seat", "Outcome", "Condition", "Since", "Told", "Next"]
_MIN_WIDTHS = {"Condition": 10, "Told": 8, "Next": 12}


def render_table(check: Check, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(title(check), style="bold"))
    console.print()
    if check.exceptions and console.width < 100:  # one short block per exception
        for holding in check.exceptions:
            mark, style = ("✓", "green") if holding.acknowledged else ("✗", "bold red")
            line = Text.assemble((mark, style), " ", (holding.outcome.id, "bold"),
                                 f" ({seat_name(check.org, holding.seat.id)}) "
                                 f"{condition_text(holding)} since "
                                 f"{since_text(check, holding, short=True)}")
            console.print(line, overflow="fold")
            tail = next_text(check, holding).lstrip("✓— ")
            console.print(f"  told {told_text(check.org, holding)} · "
                          f"{'next: ' if holding.next else ''}{tail}", overflow="fold")
    elif check.exceptions:
        short = console.width < 140  # narrower terminals: no "ago", no "in"
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        for header in HEADERS:
            table.add_column(header, overflow="fold", min_width=_MIN_WIDTHS.get(header),
                             no_wrap=header in ("Seat", "Outcome", "Since"))
        for holding, cells in zip(check.exceptions, rows(check, short=short), strict=True):
            style = "green" if holding.acknowledged else "bold red"
            table.add_row(*cells[:-1], Text(cells[-1], style=style))
        console.print(table)
    console.print(summary(check))


def holding_json(check: Check, holding: Holding) -> dict[str, Any]:
    org = check.org
    taken = holding.acknowledged
    return {
        "seat": holding.seat.id,
        "outcome": holding.outcome.id,
        "when": holding.criterion.when,
        "for": holding.criterion.for_,
        "since": local(org, holding.since).isoformat(),
        "escalated_to": list(holding.escalated_to),
        "next": None if holding.next is None else {
            "to": holding.next.to, "at": local(org, holding.next.at).isoformat()},
        "acknowledged": None if taken is None else {
            "by": taken.by, "at": local(org, taken.at).isoformat(), "note": taken.note},
    }


def check_document(check: Check) -> dict[str, Any]:
    """What ``otp check --format json`` prints (and the MCP tool returns)."""
    return {
        "as_of": local(check.org, check.as_of).isoformat(),
        "exceptions": [holding_json(check, holding) for holding in check.exceptions],
    }


def as_json(check: Check, *, indent: int | None = None) -> str:
    return json.dumps(check_document(check), indent=indent, ensure_ascii=False) + "\n"


def markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(check: Check) -> str:
    lines = [f"**{title(check)}**", ""]
    if check.exceptions:
        lines += ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(markdown_cell(cell) for cell in cells) + " |"
                  for cells in rows(check)]
        lines.append("")
    lines.append(summary(check))
    return "\n".join(lines) + "\n"


def as_github(check: Check) -> str:
    """GitHub Actions annotations on the criterion's line in its seat file (for a scheduled
    job): a warning for each exception waiting for someone to act, a notice once taken."""
    prefix = repository_prefix(check.org.root)
    lines = []
    for holding in check.exceptions:
        span = holding.seat.document.span(holding.path)
        level = "notice" if holding.acknowledged else "warning"
        message = (f"{holding.outcome.id} ({holding.seat.id}): {condition_text(holding)} since "
                   f"{since_text(check, holding)}; told: {told_text(check.org, holding)}; "
                   f"next: {next_text(check, holding)}")
        lines.append(github_annotation(level, message, file=prefix + holding.seat.file,
                                       line=span.line, column=span.column,
                                       title="otp exception"))
    return "\n".join([*lines, summary(check)]) + "\n"


RENDERERS = {"json": as_json, "markdown": as_markdown, "github": as_github}
