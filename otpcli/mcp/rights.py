"""Who may write what over MCP: the write rights of one seat.

A seat may record values for an outcome it holds, one that lists it among the outcome's
``reporters``, or one of a seat it is the accountable human of. Everything else is refused
with a message that says who may write it.
"""

from __future__ import annotations

from otpcli.errors import OtpError
from otpcli.org.load import Org, OutcomeRef, SeatFile


class RefusedError(OtpError):
    """The acting seat has no right to this write; nothing was written."""


def acting_seat(org: Org, name: str | None) -> SeatFile | None:
    """The active seat a client acts for (``--as``/``OTP_SEAT``); ``None`` for read-only."""
    if name is None or not name.strip():
        return None
    found = org.find_seat(name)
    if found is None:
        raise OtpError(f"--as: no seat `{name}`; give the seat id the client acts for "
                       "(`otp seats` lists them)")
    if not found.seat.active:
        raise OtpError(f"--as: `{found.id}` is retired; a retired seat cannot act")
    return found


def recorders(org: Org, ref: OutcomeRef) -> list[str]:
    """The seats allowed to record values for an outcome, in a stable order."""
    allowed = [ref.seat.id, *ref.outcome.reporters]
    if ref.seat.seat.accountable is not None:
        allowed.append(ref.seat.seat.accountable)
    return list(dict.fromkeys(allowed))


def require_record_right(org: Org, acting: SeatFile | None, ref: OutcomeRef) -> None:
    allowed = recorders(org, ref)
    if acting is None:
        raise RefusedError(
            f"this server is read-only: start it with `otp mcp --as SEAT` to record; "
            f"`{ref.outcome.id}` may be recorded by {_names(allowed)}")
    if acting.id not in allowed:
        raise RefusedError(
            f"`{acting.id}` may not record `{ref.outcome.id}`: only {_names(allowed)} may "
            f"(the seat that holds it, its reporters and its accountable human); add "
            f"`{acting.id}` to the outcome's `reporters` in {ref.seat.file} to allow it")


def _names(seats: list[str]) -> str:
    quoted = [f"`{seat}`" for seat in seats]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
