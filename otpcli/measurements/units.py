"""Units: reading values people type, and showing values the way people read them."""

from __future__ import annotations

import math
import re

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$",
                    "AUD": "A$"}
_NOT_NEGATIVE = {"count", "minutes", "hours", "days", "ratio"}
_BOOLEAN_WORDS = {"yes": 1.0, "no": 0.0, "true": 1.0, "false": 0.0, "1": 1.0, "0": 0.0}
_DECORATION = re.compile(r"[\s,_]|%$|^[$€£¥₹]|(?i:\s*(?:min|mins|minutes|h|hours|days?|[a-z]{3}))$")


def parse_value(text: str, unit: str) -> float:
    """A value as typed (``96.5``, ``96.5%``, ``$185,000``, ``yes``), in the metric's unit.

    Raises ``ValueError`` with a message that says what is expected.
    """
    raw = text.strip()
    if unit == "boolean":
        if raw.lower() in _BOOLEAN_WORDS:
            return _BOOLEAN_WORDS[raw.lower()]
        raise ValueError(f"`{text}` is not a boolean value; use 1 or 0 (yes or no)")
    cleaned = _DECORATION.sub("", raw)
    if unit not in ("percent",) and raw.endswith("%"):
        raise ValueError(f"`{text}` is a percentage but the unit is {unit}")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"`{text}` is not a number in {describe_unit(unit)}") from None
    if not math.isfinite(value):
        raise ValueError(f"`{text}` is not a finite number")
    if unit in _NOT_NEGATIVE and value < 0:
        raise ValueError(f"`{text}` is negative, which a value in {unit} never is")
    return value


def describe_unit(unit: str) -> str:
    return f"{unit} (a currency)" if unit.isupper() else unit


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: float | None, unit: str | None, *, compact: bool = False) -> str:
    """``185000, USD`` -> ``$185,000`` (``$185k`` compact); ``96.5, percent`` -> ``96.5%``."""
    if value is None:
        return "—"
    if unit is None or unit == "count":
        return _compact(value) if compact else _number(value, 2)
    if unit == "percent":
        return f"{_number(value, 1)}%"
    if unit == "minutes":
        return f"{_number(value, 1)} min"
    if unit == "hours":
        return f"{_number(value, 1)} h"
    if unit == "days":
        return f"{_number(value, 1)} d" if compact else \
            f"{_number(value, 1)} day{'s' if value != 1 else ''}"
    if unit == "ratio":
        return _number(value, 2)
    if unit == "boolean":
        if value in (0.0, 1.0):
            return "yes" if value else "no"
        return f"{_number(value * 100, 0)}% yes"
    symbol = CURRENCY_SYMBOLS.get(unit)
    amount = _compact(abs(value)) if compact else _number(abs(value), 2 if abs(value) < 100 else 0)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {unit}"


def _compact(value: float) -> str:
    magnitude = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if magnitude >= limit:
            return f"{_number(value / limit, 1 if magnitude < limit * 100 else 0)}{suffix}"
    return _number(value, 1)


def format_range(minimum: float | None, maximum: float | None, unit: str | None,
                 *, compact: bool = False) -> str:
    """``≥ 95%``, ``≤ 60 min``, ``38–60%``."""
    if minimum is None and maximum is None:
        return "—"
    if maximum is None:
        return f"≥ {format_value(minimum, unit, compact=compact)}"
    if minimum is None:
        return f"≤ {format_value(maximum, unit, compact=compact)}"
    if unit == "percent":
        return f"{_number(minimum, 1)}–{format_value(maximum, unit, compact=compact)}"
    return (f"{format_value(minimum, unit, compact=compact)}–"
            f"{format_value(maximum, unit, compact=compact)}")
