"""The one place otp reads the clock.

``OTP_NOW`` (an ISO 8601 time with a UTC offset) pins "now" for every command,
the way ``SOURCE_DATE_EPOCH`` pins build times: tests and reproducible
documentation use it; nobody needs it in daily use.
"""

from __future__ import annotations

import os
from datetime import date, datetime, tzinfo

from otpcli.errors import OtpError

NOW_ENV = "OTP_NOW"


def now(zone: tzinfo | None = None) -> datetime:
    """The current moment, aware, in ``zone`` (default: the machine's local zone)."""
    pinned = os.environ.get(NOW_ENV, "").strip()
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            moment = None
        if moment is None or moment.utcoffset() is None:
            raise OtpError(f"{NOW_ENV}=`{pinned}` is not an ISO 8601 time with a UTC offset "
                           "such as 2026-11-20T17:00:00-05:00; unset it to use the clock")
        return moment.astimezone(zone) if zone is not None else moment
    return datetime.now(zone) if zone is not None else datetime.now().astimezone()


def today(zone: tzinfo | None = None) -> date:
    return now(zone).date()
