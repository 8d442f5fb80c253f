"""Units: reading values people type, and showing values the way people read them."""

from __future__ import annotations

import math
import re
from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹",
                    "CAD": "CA$", "AUD": "A$"}
#: every symbol otp reads, longest first ("CA$" before "$"), and the currencies it names
#: (``¥`` is the yen's and the yuan's)
_SYMBOLS = sorted(((symbol, tuple(code for code, sign in CURRENCY_SYMBOLS.items()
                                  if sign == symbol))
                   for symbol in dict.fromkeys(CURRENCY_SYMBOLS.values())),
                  key=lambda item: -len(item[0]))
_NOT_NEGATIVE = {"count", "minutes", "hours", "days", "ratio"}
_BOOLEAN_WORDS = {"yes": 1.0, "no": 0.0, "true": 1.0, "false": 0.0, "1": 1.0, "0": 0.0}
DURATION_UNITS = {"minutes": 60, "hours": 3600, "days": 86400}
_DURATION_WORDS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 604800),
}
_DURATION_NAMES = {1: "seconds", 60: "minutes", 3600: "hours", 86400: "days", 604800: "weeks"}
_MULTIPLIERS = {"k": Decimal(10**3), "K": Decimal(10**3), "M": Decimal(10**6),
                "bn": Decimal(10**9), "B": Decimal(10**9)}
_SHORT = {"minutes": "min", "hours": "h", "days": "d"}

_NUMBER = r"(?:\d[\d,._]*|\.\d+)"
_AMOUNT = re.compile(rf"^(?P<sign>[-+\u2212]?)\s*(?P<prefix>[^\d\s.,+\u2212-]*?)\s*"
                     rf"(?P<sign2>[-+\u2212]?)(?P<number>{_NUMBER})\s*(?P<suffix>.*?)$")
_DURATION_PART = re.compile(rf"\s*(?P<number>{_NUMBER})\s*(?P<word>[a-zA-Z]+)")


class Reading:
    """A value understood exactly: the number in the metric's unit, and how it was converted
    from what was typed ("120 min (from 2h)"), empty when nothing was converted."""

    __slots__ = ("conversion", "value")

    def __init__(self, value: float, conversion: str = "") -> None:
        self.value = value
        self.conversion = conversion


def parse_value(text: str, unit: str) -> float:
    """A value as typed, in the metric's unit; see :func:`read_value`."""
    return read_value(text, unit).value


def read_value(raw: str | float | bool, unit: str,
               bounds: tuple[float | None, float | None] = (None, None)) -> Reading:
    """A value as typed (``96.5``, ``96.5%``, ``$185,000``, ``2h``, ``yes``) or sent as a
    JSON number, understood exactly in the metric's ``unit`` or refused.

    Durations convert between seconds, minutes, hours, days and weeks, and the reading says
    so; everything that could be read two ways is refused with ``ValueError`` saying what to
    write instead: another currency, another dimension, a decimal comma or unusual digit
    grouping, and a bare fraction for a percent metric whose range (``bounds``) lies above 1.
    Conversions are done in decimal, so ``1.1h`` is 66 minutes, not 66.00000000000001.
    """
    if isinstance(raw, bool):
        if unit != "boolean":
            raise ValueError(f"`{str(raw).lower()}` is a yes/no answer but the metric is in "
                             f"{describe_unit(unit)}")
        return Reading(1.0 if raw else 0.0)
    if isinstance(raw, int | float):
        text = repr(raw) if isinstance(raw, float) or abs(raw) < 10**30 else "a JSON integer"
        try:
            sent = float(raw)
        except OverflowError:
            raise ValueError(f"{text} is not a finite number") from None
        if isinstance(raw, int) and math.isfinite(sent) and int(sent) != raw:
            raise ValueError(f"{text} has more digits than otp stores exactly (about 15 "
                             f"significant digits); round it, to {sent:.15g} say")
        return _checked(_bare(sent, text, unit, bounds), text, unit)
    text = raw.strip()
    if not text:
        raise ValueError("no value given; give a number, or record an explicit no-value "
                         "report (`--missing`) when there is none")
    if any(character.isdigit() and not character.isascii() for character in text):
        raise ValueError(f"`{text}` has digits other than 0-9; write the number with 0-9")
    if unit == "boolean":
        if text.lower() in _BOOLEAN_WORDS:
            return Reading(_BOOLEAN_WORDS[text.lower()])
        raise ValueError(f"`{text}` is not a yes/no value; use yes or no (1 or 0)")
    if unit in DURATION_UNITS:
        duration = _duration(text, unit)
        if duration is not None:
            return _checked(duration, text, unit)
    match = _AMOUNT.match(text)
    if match is None:
        raise ValueError(f"`{text}` is not a number in {describe_unit(unit)}; "
                         f"write it like {_example(unit)}")
    if match["sign"] and match["sign2"]:
        raise ValueError(f"`{text}` has two signs; write one, like {_example(unit)}")
    number = _number_of(match["number"], text)
    value = -number if (match["sign"] or match["sign2"]) in ("-", "\u2212") else number
    prefix, suffix = match["prefix"], match["suffix"].strip()
    if suffix[:1].isdigit() or suffix[:1] in ("'", "\u2019"):
        raise ValueError(f"`{text}`: otp does not read digits grouped by a space or an "
                         "apostrophe; write the number without them, or with commas between "
                         "groups of three digits")
    reading = _with_unit(value, prefix, suffix, text, unit, bounds)
    return _checked(reading, text, unit)


def _checked(reading: Reading, text: str, unit: str) -> Reading:
    if not math.isfinite(reading.value):
        raise ValueError(f"`{text}` is not a finite number")
    if unit in _NOT_NEGATIVE and reading.value < 0:
        raise ValueError(f"`{text}` is negative, which a value in {unit} never is")
    return reading


def _number_of(digits: str, text: str) -> Decimal:
    """Digits with a decimal point and commas between groups of exactly three; anything
    else (``41,5``, ``1.234,5``, ``1,23,456``) could be read two ways and is refused."""
    if "_" in digits:
        if not re.fullmatch(r"\d{1,3}(?:_\d{3})+(?:\.\d+)?", digits):
            raise ValueError(f"`{text}` is not a number: underscores may only group digits "
                             "in threes (1_000)")
        digits = digits.replace("_", "")
    if "," in digits:
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
            if re.fullmatch(r"\d+,\d+", digits):
                hint = (f"write `{digits.replace(',', '.')}` for a decimal, or "
                        f"`{digits.replace(',', '')}` for a whole number")
            else:
                hint = "use a decimal point, and commas only between groups of three digits"
            raise ValueError(f"`{text}` could be read two ways (a comma as decimal mark or as "
                             f"digit grouping); {hint}")
        digits = digits.replace(",", "")
    if digits.count(".") > 1 or digits.endswith("."):
        raise ValueError(f"`{text}` is not a number: use one decimal point, and commas only "
                         "between groups of three digits")
    return Decimal(digits)


def _bare(value: float, text: str, unit: str,
          bounds: tuple[float | None, float | None]) -> Reading:
    """A number without a unit, for ``unit``."""
    if unit == "boolean":
        if value in (0.0, 1.0):
            return Reading(value)
        raise ValueError(f"`{text}` is not a yes/no value; use yes or no (1 or 0)")
    if unit == "percent" and 0 < abs(value) < 1 and any(
            bound is not None and bound > 1 for bound in bounds):
        shown = _plain(value * 100)
        raise ValueError(f"`{text}` looks like a fraction, but this metric's range is in "
                         f"percent: did you mean {shown}%? write `{text}%` to record "
                         f"{text} percent")
    return Reading(value)


def _with_unit(value: Decimal, prefix: str, suffix: str, text: str, unit: str,
               bounds: tuple[float | None, float | None]) -> Reading:
    multiplier = Decimal(1)
    if suffix and suffix.split()[0] in _MULTIPLIERS and unit not in DURATION_UNITS:
        word, _, suffix = suffix.partition(" ")
        if not (prefix or suffix or unit.isupper()):
            full = _plain(float(value * _MULTIPLIERS[word]))
            raise ValueError(f"`{text}`: write the full number ({full}) for a metric in "
                             f"{describe_unit(unit)}")
        multiplier = _MULTIPLIERS[word]
        suffix = suffix.strip()
    currency = _currency(prefix, suffix, text, unit)
    if unit.isupper():
        if currency is None and (prefix or suffix):
            raise ValueError(f"`{text}` is not an amount in {unit}; write it like "
                             f"{_example(unit)}")
        if currency is not None and currency != unit:
            raise ValueError(f"`{text}` is in {currency} but the metric is in {unit}; otp does "
                             f"not convert currencies (rates change): record the amount in "
                             f"{unit}")
        amount = float(value * multiplier)
        if multiplier != 1:
            return Reading(amount, f"{format_value(amount, unit, exact=True)} (from {text})")
        return Reading(amount)
    if currency is not None:
        raise ValueError(f"`{text}` is an amount of money but the metric is in "
                         f"{describe_unit(unit)}")
    if prefix:
        raise ValueError(f"`{text}` is not a number in {describe_unit(unit)}; write it like "
                         f"{_example(unit)}")
    value *= multiplier
    if suffix in ("%", "percent", "pct"):
        if unit == "percent":
            return Reading(float(value))
        if unit == "ratio":
            share = float(value / 100)
            return Reading(share, f"{_plain(share)} (from {text})")
        raise ValueError(f"`{text}` is a percentage but the metric is in {describe_unit(unit)}")
    if not suffix:
        return _bare(float(value), text, unit, bounds) if multiplier == 1 else \
            Reading(float(value), f"{_plain(float(value))} (from {text})")
    if unit == "ratio" and suffix in ("x", "\u00d7"):
        return Reading(float(value))
    if suffix.lower() in _DURATION_WORDS or _duration(text, "minutes") is not None:
        raise ValueError(f"`{text}` is a duration but the metric is in {describe_unit(unit)}")
    raise ValueError(f"`{text}`: otp does not know the unit `{suffix}`; the metric is in "
                     f"{describe_unit(unit)}, write it like {_example(unit)}")


def _currency(prefix: str, suffix: str, text: str, unit: str) -> str | None:
    """The currency an amount names by symbol or code, if any; a sign several currencies
    share (``¥``) names the metric's when it is one of them."""
    names = [part for part in (prefix, suffix) if part]
    found: list[str] = []
    for name in names:
        if re.fullmatch(r"[A-Z]{3}", name):
            found.append(name)
            continue
        for symbol, codes in _SYMBOLS:
            if name == symbol:
                found.append(unit if unit in codes else " or ".join(codes))
                break
        else:
            if any(mark in name for mark in "$€£¥₹"):
                raise ValueError(f"`{text}`: otp does not know the currency sign `{name}`; "
                                 "write the three-letter code (USD, EUR, ...)")
    if len(set(found)) > 1:
        raise ValueError(f"`{text}` names two currencies")
    return found[0] if found else None


def _duration(text: str, unit: str) -> Reading | None:
    """``2h``, ``1.5 days``, ``1h 30min`` in ``unit``; ``None`` when ``text`` is no duration
    with units (a bare number is read by the caller)."""
    position, seconds, words = 0, Decimal(0), []
    sign = 1
    body = text
    if body[:1] in "-\u2212":
        sign, body = -1, body[1:]
    while position < len(body):
        match = _DURATION_PART.match(body, position)
        if match is None or match["word"].lower() not in _DURATION_WORDS:
            return None
        if match["word"] == "M":
            raise ValueError(f"`{text}`: M could mean minutes, months or millions; write "
                             "`min` for minutes")
        factor = _DURATION_WORDS[match["word"].lower()]
        seconds += _number_of(match["number"], text) * factor
        words.append(factor)
        position = match.end()
        while position < len(body) and body[position] in " ,":
            position += 1
    if not words:
        return None
    value = float(sign * seconds / DURATION_UNITS[unit])
    if words == [DURATION_UNITS[unit]]:
        return Reading(value)
    return Reading(value, f"{_plain(value)} {_SHORT[unit]} (from {text})")


def _plain(value: float) -> str:
    """A number as short as it is exact: 120, 1.5, 0.42."""
    return f"{value:.12g}" if not float(value).is_integer() else str(int(value))


def _example(unit: str) -> str:
    examples = {"percent": "`96.5%`", "count": "`12`", "minutes": "`45`, `45 min` or `2h`",
                "hours": "`6`, `6h` or `90 min`", "days": "`3`, `3 days` or `36h`",
                "ratio": "`1.8`", "boolean": "`yes` or `no`"}
    if unit in examples:
        return examples[unit]
    symbol = CURRENCY_SYMBOLS.get(unit)
    return f"`{symbol}185,000` or `185000 {unit}`" if symbol else f"`185000 {unit}`"


def describe_unit(unit: str) -> str:
    return f"{unit} (a currency)" if unit.isupper() else unit


def _decimals(value: float) -> int:
    """How many decimals ``value`` has, as Python writes it shortest (at most 12)."""
    text = repr(abs(value))
    if "e" in text or "." not in text:
        return 0
    return min(12, len(text.split(".")[1].rstrip("0")))


def _number(value: float, decimals: int, exact: bool = False) -> str:
    if exact:
        decimals = max(decimals, _decimals(value))
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: float | None, unit: str | None, *, compact: bool = False,
                 exact: bool = False) -> str:
    """``185000, USD`` -> ``$185,000`` (``$185k`` compact); ``96.5, percent`` -> ``96.5%``.

    ``exact`` shows every decimal the number has (``0.42%``, not ``0.4%``): for confirming
    what was stored."""
    if value is None:
        return "—"
    if unit is None or unit == "count":
        return _compact(value) if compact else _number(value, 2, exact)
    if unit == "percent":
        return f"{_number(value, 1, exact)}%"
    if unit == "minutes":
        return f"{_number(value, 1, exact)} min"
    if unit == "hours":
        return f"{_number(value, 1, exact)} h"
    if unit == "days":
        return f"{_number(value, 1, exact)} d" if compact else \
            f"{_number(value, 1, exact)} day{'s' if value != 1 else ''}"
    if unit == "ratio":
        return _number(value, 2, exact)
    if unit == "boolean":
        if value in (0.0, 1.0):
            return "yes" if value else "no"
        return f"{_number(value * 100, 0, exact)}% yes"
    symbol = CURRENCY_SYMBOLS.get(unit)
    amount = _compact(abs(value)) if compact else \
        _number(abs(value), 2 if abs(value) < 100 else 0, exact)
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
