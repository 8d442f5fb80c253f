from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.measurements.units import CURRENCY_SYMBOLS, format_value, read_value
from otpcli.org.model import Outcome

_NUMBER = (r"(?P<sign>[$€£¥₹])?\s?(?P<number>\d[\d,]*(?:\.\d+)?)\s?(?P<multiplier>k|K|M|bn)?"
           r"(?:\s?(?P<unit>%|percent\b|hours?\b|hrs?\b|h\b|minutes?\b|mins?\b|min\b|days?\b"
           r"|d\b|weeks?\b|seconds?\b|secs?\b|s\b|(?P<code>[A-Z]{3})\b))?")
_AT_LEAST = (r"at least|no less than|not less than|a minimum of|minimum of|more than|greater "
             r"than|above|over|exceeding|≥|>=")
_AT_MOST = (r"at most|no more than|not more than|a maximum of|maximum of|less than|fewer than"
            r"|under|below|within|up to|≤|<=")
#: The target the statement names: its first comparison (scope numbers come later).
_TARGET = re.compile(
    rf"\b(?:(?P<between>between|from)\s+{_NUMBER}\s+(?:and|to)\s+"
    + _NUMBER.replace("?P<", "?P<high_")
    + rf"|(?P<within>within)\s+{_NUMBER.replace('?P<', '?P<pct_')}\s+of\s+(?:the\s+)?"
    + _NUMBER.replace("?P<", "?P<of_")
    + rf"|(?P<min>{_AT_LEAST})\s+(?:the\s+|a\s+)?{_NUMBER.replace('?P<', '?P<min_')}"
    + rf"|(?P<max>{_AT_MOST})\s+(?:the\s+|a\s+)?{_NUMBER.replace('?P<', '?P<max_')}"
    + rf"|{_NUMBER.replace('?P<', '?P<post_')}\s+(?P<post>or (?:more|higher|better|above|less"
    + r"|fewer|lower|below))\b)",
    re.IGNORECASE)
_CADENCE = re.compile(r"\b(?:every|each|per|a|once a)\s+(?P<period>week|month|quarter)\b"
                      r"|\b(?P<adverb>weekly|monthly|quarterly)[.!]?$", re.IGNORECASE)
_CADENCES = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}
_SIGNS = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items() if len(symbol) == 1}


class Bound(NamedTuple):
    low: float | None
    high: float | None
    words: str
    #: "more than 5" / "fewer than 2": the bound itself is excluded
    strict: bool = False


#: comparators that exclude their number; for whole counts "fewer than 2" is a max of 1
_STRICT = re.compile(r"more than|greater than|above|over|exceeding|>|less than|fewer than"
                     r"|under|below|<", re.IGNORECASE)


class StatementContradictsRange(Rule):
    """The statement says one thing and the structured range, cadence or unit another.

    ## What it does
    Reads the target the statement names (its first comparison: "at least
    90%", "under 2 hours", "between 38% and 60%", "within 5% of the $185,000
    plan", "6 or more") and reports it when the structured `range` does not
    say the same, when the statement names a cadence ("every week") other
    than `timeframe.cadence`, or when its number is in another unit than the
    metric (a currency amount for a percent metric). The message quotes the
    words that decided it.

    ## Why is this bad?
    People read the statement; otp judges by the range. When they differ, the
    scorecard shows "on track" for a result the seat's own sentence calls a
    miss, or the reverse, and nobody notices until the review argues about
    which one was meant.

    ## Example
    ```yaml
    statement: At least 90% of projects on schedule each week
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 85}
    timeframe: {cadence: monthly}
    ```

    ## Use instead
    ```yaml
    statement: At least 90% of projects on schedule each week
    metric: {name: Projects on schedule, unit: percent}
    range: {min: 90}
    timeframe: {cadence: weekly}
    ```
    """

    code = "OTP109"
    name = "statement-contradicts-range"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file, index, outcome in context.active_outcomes():
            path = ("outcomes", index)
            for message, key in _contradictions(outcome):
                yield Violation(seat_file.file, message, path=(*path, key))


def _contradictions(outcome: Outcome) -> Iterator[tuple[str, str]]:
    statement = outcome.statement
    if outcome.timeframe is not None:
        cadence = _CADENCE.search(statement)
        if cadence:
            named = _CADENCES.get((cadence["period"] or "").lower()) or \
                (cadence["adverb"] or "").lower()
            if named and named != outcome.timeframe.cadence:
                yield (f"the statement says “{cadence.group().rstrip('.!')}” but the cadence of "
                       f"`{outcome.id}` is {outcome.timeframe.cadence}; make them agree",
                       "timeframe")
    if outcome.metric is None or outcome.range is None:
        return
    unit = outcome.metric.unit
    try:
        bound = _target(statement, unit)
    except _OtherUnitError as other:
        yield (f"the statement's target “{other.words}” is {other.what}, but `{outcome.id}` is "
               f"measured in {unit}; make them agree", "metric")
        return
    if bound is None:
        return
    low, high = outcome.range.min, outcome.range.max
    for side, said, given, step in (("lower", bound.low, low, 1), ("upper", bound.high, high, -1)):
        if said is None or (given is not None and _same(said, given)):
            continue
        if bound.strict and unit == "count" and given is not None and _same(said + step, given):
            continue  # "fewer than 2 incidents" is at most 1
        shown = "none" if given is None else format_value(given, unit)
        yield (f"the statement says “{bound.words}” ({side} bound {format_value(said, unit)}) "
               f"but the range's {side} bound is {shown}; make the range say what the "
               "statement says", "range")


class _OtherUnitError(Exception):
    def __init__(self, words: str, what: str) -> None:
        self.words, self.what = words, what


def _same(first: float, second: float) -> bool:
    return abs(first - second) <= 1e-9 * max(1.0, abs(first), abs(second))


def _target(statement: str, unit: str) -> Bound | None:
    match = _TARGET.search(statement)
    if match is None:
        return None
    words = match.group().strip()
    if match["between"]:
        low = _value(match, "", unit, words)
        high = _value(match, "high_", unit, words)
        return None if low is None or high is None else Bound(low, high, words)
    if match["within"] and match["pct_unit"] in ("%", "percent") and match["of_number"]:
        share = float(match["pct_number"].replace(",", "")) / 100
        centre = _value(match, "of_", unit, words)
        return None if centre is None else Bound(round(centre * (1 - share), 6),
                                                 round(centre * (1 + share), 6), words)
    if match["within"] and match["of_number"]:
        return None  # "within 2 days of month end": a scope, not a target
    if match["min"]:
        value = _value(match, "min_", unit, words)
        strict = bool(_STRICT.fullmatch(match["min"]))
        return None if value is None else Bound(value, None, words, strict)
    if match["max"]:
        value = _value(match, "max_", unit, words)
        strict = bool(_STRICT.fullmatch(match["max"]))
        return None if value is None else Bound(None, value, words, strict)
    value = _value(match, "post_", unit, words)
    if value is None:
        return None
    upward = match["post"].lower().split()[1] in ("more", "higher", "better", "above")
    return Bound(value, None, words) if upward else Bound(None, value, words)


def _value(match: re.Match[str], prefix: str, unit: str, words: str) -> float | None:
    """The number of one operand in the metric's unit; ``None`` when it cannot be compared
    (a bare number for a percent metric may count something else). :class:`_OtherUnitError`
    when it is plainly in another unit."""
    number, sign = match[f"{prefix}number"], match[f"{prefix}sign"]
    suffix, code = match[f"{prefix}unit"], match[f"{prefix}code"]
    multiplier = match[f"{prefix}multiplier"] or ""
    currency = _SIGNS.get(sign or "") or code
    if currency and not unit.isupper():
        raise _OtherUnitError(words, f"an amount of money ({currency})")
    if unit.isupper() and suffix in ("%", "percent"):
        raise _OtherUnitError(words, "a percentage")
    if unit == "percent" and suffix not in ("%", "percent"):
        return None
    if unit.isupper() and currency and currency != unit:
        raise _OtherUnitError(words, f"in {currency}")
    text = f"{sign or ''}{number}{multiplier}{'' if code else (suffix or '')}"
    if code:
        text += f" {code}"
    try:
        return read_value(text, unit).value
    except ValueError:
        return None
