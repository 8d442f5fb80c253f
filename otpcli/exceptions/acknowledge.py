"""``otp ack``: record that a seat has taken the exception episode holding at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from otpcli.errors import OtpError, did_you_mean
from otpcli.exceptions.acks import Acknowledgement, ack_file, append_acknowledgements
from otpcli.exceptions.check import Holding, check_exceptions
from otpcli.measurements.record import FUTURE_TOLERANCE
from otpcli.org.load import Org, OutcomeRef
from otpcli.org.model import ExceptionTrigger


@dataclass(frozen=True)
class Acknowledged:
    """What an acknowledgement took: the episodes holding at its moment, and where it went."""

    acknowledgements: tuple[Acknowledgement, ...]
    holdings: tuple[Holding, ...]
    file: str


def accountable_human(ref: OutcomeRef) -> str | None:
    """The human answerable for an outcome: its seat when a human holds it, else the agent
    seat's `accountable`."""
    seat = ref.seat.seat
    return seat.accountable if seat.is_agent else ref.seat.id


def acknowledge(
    org: Org, outcome_id: str, by: str, *, at: datetime, now: datetime, note: str = "",
    when: ExceptionTrigger | None = None, commit: bool = False,
) -> Acknowledged:
    """Validate and append the acknowledgement (one row per condition taken); commit it if
    asked. Refused when nothing holds at ``at``, or ``by`` is not on the ladder of what
    holds and is not the outcome's accountable human."""
    ref = org.outcomes.get(outcome_id)
    if ref is None:
        hint = did_you_mean(outcome_id, org.outcomes, "`otp check` lists what holds")
        raise OtpError(f"no outcome `{outcome_id}` in this org; {hint}")
    if at - now > FUTURE_TOLERANCE:
        raise OtpError(f"--at {at.isoformat()} is in the future; acknowledge what was done, "
                       "when it was done")
    if "\n" in note or "\r" in note:
        raise OtpError("--note must be one line")
    seat = org.find_seat(by)
    if seat is None:
        hint = did_you_mean(by.lower(), org.seats, "`otp seats` lists them")
        raise OtpError(f"--by: no seat `{by}`; {hint}")
    if not ref.outcome.exceptions:
        raise OtpError(f"`{outcome_id}` has no exception criteria, so there is nothing to "
                       "acknowledge")
    holding = [h for h in check_exceptions(org, as_of=at, outcomes=[outcome_id]).exceptions
               if when is None or h.criterion.when == when]
    if not holding:
        condition = f" `{when}`" if when else ""
        raise OtpError(f"no{condition} exception of `{outcome_id}` holds at {at.isoformat()}; "
                       "nothing to acknowledge (`otp check` lists what holds)")
    human = accountable_human(ref)
    taken = tuple(h for h in holding
                  if seat.id == human or seat.id in {rung.to for rung in h.rungs})
    if not taken:
        allowed = sorted({rung.to for h in holding for rung in h.rungs} | (
            {human} if human else set()))
        raise OtpError(f"--by {seat.id} is neither on the ladder of `{outcome_id}` nor its "
                       f"accountable human; one of {', '.join(allowed)} must acknowledge it")
    conditions = list(dict.fromkeys(h.criterion.when for h in taken))
    acks = tuple(Acknowledgement(outcome_id, seat.id, at, condition, note)
                 for condition in conditions)
    message = (f"Acknowledge {outcome_id} ({', '.join(conditions)}) by {seat.id}"
               + (f"\n\n{note}" if note else "")) if commit else None
    append_acknowledgements(org, list(acks), message)
    return Acknowledged(acks, taken, ack_file(outcome_id))
