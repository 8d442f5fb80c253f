"""One seat in full: what ``otp show SEAT`` prints and the MCP tool ``get_seat`` returns.

The holder, the seat's place in the chart (who it reports to, who reports to it, the human
accountable for it and the agents it answers for), what it owns and does not, and every
outcome with its range, timeframe, exception criteria and its scorecard row now. A retired
seat shows its retirement record, the final scorecard included.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from otpcli.measurements.units import format_range, format_value
from otpcli.org.load import Org, SeatFile
from otpcli.scorecard.build import Row, build_scorecard
from otpcli.scorecard.render import ROW_LABELS, row_json, shown_value

if TYPE_CHECKING:
    from rich.console import Console


def seat_document(org: Org, seat_file: SeatFile, *, as_of: datetime) -> dict[str, Any]:
    """The seat as plain data (JSON-ready)."""
    seat = seat_file.seat
    rows: dict[str, Row] = {}
    if seat.active:
        card = build_scorecard(org, as_of=as_of, seats=[seat_file.id])
        rows = {row.outcome.id: row for row in card.rows if row.outcome is not None}
    everyone = list(org.seats.values())
    outcomes = []
    for outcome in seat.measured_outcomes():
        row = rows.get(outcome.id)
        outcomes.append({
            "id": outcome.id,
            "statement": outcome.statement,
            "metric": outcome.metric.model_dump(mode="json") if outcome.metric else None,
            "range": outcome.range.model_dump(mode="json") if outcome.range else None,
            "timeframe": outcome.timeframe.model_dump(mode="json") if outcome.timeframe
            else None,
            "stale_after": outcome.stale_after,
            "reporters": list(outcome.reporters),
            "exceptions": [criterion.model_dump(mode="json", by_alias=True)
                           for criterion in outcome.exceptions],
            # the value the row is judged by (a sum outcome: the period's total so far)
            "value": shown_value(row) if row is not None else None,
            "scorecard": row_json(row) if row is not None else None,
        })
    return {
        "id": seat_file.id,
        "file": seat_file.file,
        "title": seat.title,
        "status": seat.status,
        "holder": seat.holder.model_dump(mode="json", exclude_none=True),
        "autonomy": seat.autonomy,
        "chart": {
            "reports_to": seat.reports_to,
            "direct_reports": [other.id for other in everyone
                               if other.seat.reports_to == seat_file.id and other.seat.active],
            "accountable": seat.accountable,
            "accountable_for": [other.id for other in everyone
                                if other.seat.accountable == seat_file.id
                                and other.seat.active],
        },
        "capabilities": list(seat.capabilities),
        "not_owned": list(seat.not_owned),
        "tools": list(seat.tools),
        "human_review": list(seat.human_review),
        "outcomes": outcomes,
        "drafts": [entry for entry in seat.outcomes if isinstance(entry, str)],
        "retirement": seat.retirement.model_dump(mode="json") if seat.retirement else None,
    }


def render_seat(org: Org, document: dict[str, Any], console: Console) -> None:
    """The seat for a terminal: a heading, the chart, what it owns, then each outcome."""
    from rich.markup import escape
    from rich.text import Text

    def name(seat_id: str | None) -> str:
        if seat_id is None:
            return "—"
        found = org.seats.get(seat_id)
        return f"{found.seat.holder.name} ({seat_id})" if found else seat_id

    def names(seat_ids: list[str]) -> str:
        return ", ".join(name(seat_id) for seat_id in seat_ids) or "—"

    holder = document["holder"]
    kind = holder["kind"] + (f", {holder['model']}" if holder.get("model") else "") + (
        f", autonomy {document['autonomy']}" if document["autonomy"] is not None else "")
    heading = Text.assemble((f"{holder['name']} ({document['id']})", "bold"),
                            f" · {document['title']} · {kind}")
    if document["status"] != "active":
        heading.append(f" · {document['status'].upper()}", style="bold yellow")
    console.print(heading)
    chart = document["chart"]
    facts = [("Reports to", name(chart["reports_to"])),
             ("Direct reports", names(chart["direct_reports"]))]
    if holder["kind"] == "agent":
        facts.append(("Accountable human", name(chart["accountable"])))
    if chart["accountable_for"]:
        facts.append(("Accountable for", names(chart["accountable_for"])))
    for label, key in (("Capabilities", "capabilities"), ("Not owned", "not_owned"),
                       ("Tools", "tools"), ("Human review when", "human_review")):
        if document[key]:
            facts.append((label, "; ".join(document[key])))
    for label, value in facts:
        console.print(Text.assemble((f"{label}: ", "dim"), value))
    record = document["retirement"]
    if record is not None:
        _render_retirement(org, record, name, console)
    for outcome in document["outcomes"]:
        console.print()
        console.print(Text.assemble((outcome["id"], "bold"), f": {outcome['statement']}"))
        unit = outcome["metric"]["unit"] if outcome["metric"] else None
        bounds = outcome["range"] or {}
        parts = []
        if outcome["metric"]:
            parts.append(f"{outcome['metric']['name']} ({unit}, {outcome['metric']['aggregate']})")
        if outcome["range"]:
            parts.append(format_range(bounds.get("min"), bounds.get("max"), unit))
        if outcome["timeframe"]:
            until = outcome["timeframe"].get("until")
            parts.append(outcome["timeframe"]["cadence"] + (f" until {until}" if until else ""))
        if outcome["stale_after"]:
            parts.append(f"stale after {outcome['stale_after']}")
        console.print(Text("  " + " · ".join(parts), style="dim"))
        row = outcome["scorecard"]
        if row is not None:
            console.print(Text.assemble("  Now: ", (ROW_LABELS.get(row["status"], row["status"]),
                                                    "bold"), _latest(outcome, unit)))
        for criterion in outcome["exceptions"]:
            ladder = " → ".join(name(rung["to"]) + (f" after {rung['after']}"
                                                   if rung.get("after") else "")
                                for rung in criterion["escalate"])
            periods = criterion.get("for", 1)
            held = f" for {periods} periods" if periods != 1 else ""
            console.print(escape(f"  Exception: {criterion['when']}{held}, escalate to "
                                 f"{ladder}"))
        if outcome["reporters"]:
            console.print(f"  Also recorded by: {names(outcome['reporters'])}")
    for draft in document["drafts"]:
        console.print()
        console.print(Text.assemble(("draft", "dim"), f": “{draft}”"))


def _latest(outcome: dict[str, Any], unit: str | None) -> str:
    latest = outcome["scorecard"].get("latest")
    if not latest:
        return " · no value recorded"
    return (f" · {format_value(outcome['value'], unit)} (newest value {latest['at'][:16]})"
            if outcome["value"] is not None else f" · newest value {latest['at'][:16]}")


def _render_retirement(org: Org, record: dict[str, Any], name: Any, console: Console) -> None:
    from rich.text import Text

    console.print(Text(f"Retired {record['date']} (reviewed by "
                       f"{', '.join(name(seat) for seat in record['reviewers'])}): "
                       f"{record['reason']}", style="yellow"))
    for kind in ("capabilities", "outcomes"):
        for item, seat in record.get(kind, {}).items():
            console.print(f"  {item} → {name(seat)}")
    for outcome_id, line in record.get("final_scorecard", {}).items():
        value = line.get("last_value")
        ref = org.outcomes.get(outcome_id)
        unit = ref.outcome.metric.unit if ref is not None and ref.outcome.metric else None
        shown = "no value" if value is None else format_value(value, unit)
        console.print(Text(f"  final: {outcome_id} {ROW_LABELS.get(line['status'], line['status'])}"
                           f", last {shown}", style="dim"))

