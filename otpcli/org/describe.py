"""Seats as plain data: what ``otp seats --format json`` prints and the MCP server returns."""

from __future__ import annotations

from typing import Any

from otpcli.org.load import Org
from otpcli.org.model import Seat


def seat_row(seat_id: str, seat: Seat) -> dict[str, Any]:
    """One seat of the inventory."""
    row: dict[str, Any] = {
        "id": seat_id,
        "title": seat.title,
        "holder": seat.holder.name,
        "kind": seat.holder.kind,
        "model": seat.holder.model,
        "autonomy": seat.autonomy,
        "accountable": seat.accountable,
        "reports_to": seat.reports_to,
        "outcomes": len(seat.outcomes),
        "capabilities": list(seat.capabilities),
        "status": seat.status,
    }
    if seat.retirement is not None:
        row["retirement"] = seat.retirement.model_dump(mode="json")
    return row


def seats_document(org: Org, *, include_retired: bool = False) -> dict[str, Any]:
    """Every seat in org-chart order, as ``otp seats --format json`` prints it."""
    return {"org": org.config.name,
            "seats": [seat_row(seat_file.id, seat_file.seat)
                      for seat_file in org.chart_order(include_retired=include_retired)]}
