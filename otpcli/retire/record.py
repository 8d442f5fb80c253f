"""The retirement's edits: the honest record written into the retired seat's file (reason,
reviewers, where everything went, the final scorecard) and the round-trip edits of every
other seat it touches (capabilities, outcomes, escalation ladders, reporting lines).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from otpcli import clock
from otpcli.measurements.cache import SeriesCache
from otpcli.org.calendar import weekday_index
from otpcli.org.edit import RoundTrip, block_seq, flow_seq, insert_after
from otpcli.org.load import Org, SeatFile
from otpcli.org.model import Outcome
from otpcli.scorecard.build import outcome_row, outcome_series

if TYPE_CHECKING:
    from otpcli.retire.plan import RetirePlan


def final_scorecard(org: Org, seat: SeatFile, now: datetime | None) -> dict[str, dict[str, Any]]:
    zone = ZoneInfo(org.config.timezone)
    moment = now or clock.now(zone)
    lines: dict[str, dict[str, Any]] = {}
    cache = SeriesCache(org.root, org.config.limits.max_measurement_bytes)
    for outcome in seat.seat.measured_outcomes():
        history = outcome_series(org, cache, outcome.id)
        row = outcome_row(seat, outcome, history, as_of=moment, zone=zone,
                          first_weekday=weekday_index(org.config.week_start),
                          count=org.config.scorecard.periods)
        share = row.on_track_share
        lines[outcome.id] = {
            "last_value": row.latest.value if row.latest else None,
            "last_at": row.latest.at.isoformat() if row.latest else None,
            "status": row.status,
            "on_track_share": round(share, 2) if share is not None else None,
        }
    return lines


def edit_files(org: Org, plan: RetirePlan) -> None:
    """Compute the new text of every file the retirement touches."""
    documents: dict[str, RoundTrip] = {}

    def document(seat_file: SeatFile) -> RoundTrip:
        if seat_file.file not in documents:
            raw = (org.root / seat_file.file).read_bytes()
            plan.before[seat_file.file] = raw
            documents[seat_file.file] = RoundTrip(raw.decode("utf-8"))
        return documents[seat_file.file]

    retiring = document(plan.seat).data
    moved_outcomes: dict[str, Any] = {}
    kept_outcomes = []
    for entry in retiring.get("outcomes") or []:
        if isinstance(entry, dict) and entry.get("id") in {h.item for h in plan.outcomes}:
            moved_outcomes[entry["id"]] = entry
        else:
            kept_outcomes.append(entry)
    for handover in plan.handovers:
        target = document(org.seats[handover.to]).data
        if handover.kind == "capability":
            if target.get("capabilities") is None:
                insert_after(target, ("holder", "autonomy", "accountable", "reports_to"),
                             "capabilities", block_seq([]))
            target["capabilities"].append(handover.item)
        else:
            if target.get("outcomes") is None:
                target["outcomes"] = block_seq([])
            target["outcomes"].append(moved_outcomes[handover.item])
    if kept_outcomes:
        del retiring["outcomes"][:]
        retiring["outcomes"].extend(kept_outcomes)
    elif "outcomes" in retiring:
        del retiring["outcomes"]
    if "capabilities" in retiring:
        del retiring["capabilities"]

    def escalates_to_retiring(outcome: Outcome) -> bool:
        return any(step.to == plan.seat.id for c in outcome.exceptions for step in c.escalate)

    rerouted_files: set[str] = set()
    for other in org.chart_order():
        if other.id == plan.seat.id:
            continue
        if other.seat.reports_to == plan.seat.id:
            document(other).data["reports_to"] = plan.reports_to
            plan.moved_reports.append(other.id)
        if other.seat.accountable == plan.seat.id:
            document(other).data["accountable"] = plan.escalate_to
            plan.moved_accountable.append(other.id)
        for outcome in other.seat.measured_outcomes():
            if escalates_to_retiring(outcome):
                plan.rerouted.append(f"{other.id}: {outcome.id}")
                rerouted_files.add(other.id)
    for handover in plan.outcomes:
        if escalates_to_retiring(org.outcomes[handover.item].outcome):
            plan.rerouted.append(f"{handover.to}: {handover.item}")
            rerouted_files.add(handover.to)
    for seat_id in sorted(rerouted_files):
        _reroute_escalations(document(org.seats[seat_id]).data, plan.seat.id, plan.escalate_to)

    insert_after(retiring, ("holder", "title"), "status", "retired")
    record: dict[str, Any] = {
        "date": plan.day,
        "reason": plan.reason,
        "reviewers": flow_seq([r.id for r in plan.reviewers]),
    }
    if plan.capabilities:
        record["capabilities"] = {h.item: h.to for h in plan.capabilities}
    if plan.outcomes:
        record["outcomes"] = {h.item: h.to for h in plan.outcomes}
    record["escalations_to"] = plan.escalate_to
    if plan.moved_reports:
        record["reports_moved_to"] = plan.reports_to
    if plan.final_scorecard:
        record["final_scorecard"] = {
            outcome_id: {k: v for k, v in line.items() if v is not None}
            for outcome_id, line in plan.final_scorecard.items()
        }
    retiring["retirement"] = record
    plan.after = {file: rt.dump() for file, rt in documents.items()}


def _reroute_escalations(seat_data: Any, retired: str, successor: str) -> None:
    for outcome in seat_data.get("outcomes") or []:
        if not isinstance(outcome, dict):
            continue
        for criterion in outcome.get("exceptions") or []:
            ladder = criterion.get("escalate") or []
            for rung in ladder:
                if rung.get("to") == retired:
                    rung["to"] = successor
            # A ladder that now names the successor twice in a row keeps the first rung.
            index = 1
            while index < len(ladder):
                if ladder[index].get("to") == ladder[index - 1].get("to"):
                    del ladder[index]
                else:
                    index += 1


