from __future__ import annotations

import re

import pytest

from otpcli.measurements.units import format_range, format_value, read_value


@pytest.mark.parametrize(
    ("value", "unit", "compact", "text"),
    [
        (185000, "USD", False, "$185,000"),
        (185000, "USD", True, "$185k"),
        (-1250.5, "EUR", False, "-€1,250"),
        (99.5, "GBP", False, "£99.5"),
        (1200, "CHF", False, "1,200 CHF"),
        (96.5, "percent", False, "96.5%"),
        (42, "minutes", False, "42 min"),
        (1, "days", False, "1 day"),
        (3.5, "days", False, "3.5 days"),
        (2.25, "hours", False, "2.2 h"),
        (1, "boolean", False, "yes"),
        (0, "boolean", False, "no"),
        (0.8, "boolean", False, "80% yes"),
        (0, "count", False, "0"),
        (None, "count", False, "—"),
    ],
)
def test_format_value(value: float | None, unit: str, compact: bool, text: str) -> None:
    assert format_value(value, unit, compact=compact) == text


def test_format_range() -> None:
    assert format_range(95, None, "percent") == "≥ 95%"
    assert format_range(None, 60, "minutes") == "≤ 60 min"
    assert format_range(38, 60, "percent") == "38–60%"
    assert format_range(175750, 194250, "USD", compact=True) == "$176k–$194k"
    assert format_range(175750, 194250, "USD") == "$175,750–$194,250"
    assert format_range(None, None, "count") == "—"


PERCENT_RANGE = (85.0, 100.0)  # a percent range that lies above 1
ACCEPTED = [
    # (typed, unit, range, stored, conversion said)
    ("96.5", "percent", PERCENT_RANGE, 96.5, ""),
    ("96.5%", "percent", PERCENT_RANGE, 96.5, ""),
    ("0.42%", "percent", PERCENT_RANGE, 0.42, ""),
    ("0.42", "percent", (0.0, 1.0), 0.42, ""),  # the range itself is a fraction
    ("0", "percent", PERCENT_RANGE, 0.0, ""),  # zero is a value
    ("100 percent", "percent", PERCENT_RANGE, 100.0, ""),
    ("12", "count", None, 12.0, ""),
    ("1,234", "count", None, 1234.0, ""),
    ("1_000", "count", None, 1000.0, ""),
    ("0", "count", None, 0.0, ""),
    ("45", "minutes", None, 45.0, ""),
    ("42 min", "minutes", None, 42.0, ""),
    ("2h", "minutes", None, 120.0, "120 min (from 2h)"),
    ("90s", "minutes", None, 1.5, "1.5 min (from 90s)"),
    ("1h 30min", "minutes", None, 90.0, "90 min (from 1h 30min)"),
    ("1.1h", "minutes", None, 66.0, "66 min (from 1.1h)"),  # decimal, not 66.00000000000001
    ("6", "hours", None, 6.0, ""),
    ("1.5 days", "hours", None, 36.0, "36 h (from 1.5 days)"),
    ("90 minutes", "hours", None, 1.5, "1.5 h (from 90 minutes)"),
    ("3 days", "days", None, 3.0, ""),
    ("36h", "days", None, 1.5, "1.5 d (from 36h)"),
    ("1 week", "days", None, 7.0, "7 d (from 1 week)"),
    ("1.8", "ratio", None, 1.8, ""),
    ("1.8x", "ratio", None, 1.8, ""),
    ("50%", "ratio", None, 0.5, "0.5 (from 50%)"),
    ("0.7%", "ratio", None, 0.007, "0.007 (from 0.7%)"),  # not 0.006999999999999999
    ("yes", "boolean", None, 1.0, ""),
    ("No", "boolean", None, 0.0, ""),
    ("1", "boolean", None, 1.0, ""),
    ("$185,000", "USD", None, 185000.0, ""),
    ("185000 USD", "USD", None, 185000.0, ""),
    ("USD 185,000.50", "USD", None, 185000.5, ""),
    ("$185k", "USD", None, 185000.0, "$185,000 (from $185k)"),
    ("-$1,250", "USD", None, -1250.0, ""),
    ("$-1,250", "USD", None, -1250.0, ""),
    ("$1.1k", "USD", None, 1100.0, "$1,100 (from $1.1k)"),  # not 1100.0000000000002
    ("€99.5", "EUR", None, 99.5, ""),
    ("£1,200", "GBP", None, 1200.0, ""),
    ("CA$5", "CAD", None, 5.0, ""),
    ("¥500", "JPY", None, 500.0, ""),
    ("¥500", "CNY", None, 500.0, ""),  # the yen's sign is the yuan's too
    ("1200 CHF", "CHF", None, 1200.0, ""),
    ("1200", "CHF", None, 1200.0, ""),
]
REFUSED = [
    # (typed, unit, range, words the message must hold)
    ("2h", "percent", PERCENT_RANGE, "duration"),
    ("3 days", "percent", PERCENT_RANGE, "duration"),
    ("0.42", "percent", PERCENT_RANGE, "did you mean 42%? write `0.42%`"),
    ("41,5", "percent", PERCENT_RANGE, "read two ways"),
    ("1.234,5", "USD", None, "read two ways"),
    ("1,23,456", "count", None, "read two ways"),
    ("1.2.3", "count", None, "one decimal point"),
    ("5000 EUR", "USD", None, "in EUR but the metric is in USD"),
    ("€5000", "USD", None, "in EUR but the metric is in USD"),
    ("$5", "CAD", None, "in USD but the metric is in CAD"),
    ("$5", "percent", PERCENT_RANGE, "money"),
    ("50%", "USD", None, "not an amount in USD"),
    ("10%", "count", None, "percentage"),
    ("12 calls", "count", None, "does not know the unit `calls`"),
    ("3 parsecs", "days", None, "does not know the unit"),
    ("-3", "count", None, "negative"),
    ("-2h", "minutes", None, "negative"),
    ("maybe", "boolean", None, "yes/no"),
    ("2", "boolean", None, "yes/no"),
    ("nan", "percent", PERCENT_RANGE, "not a number"),
    ("inf", "count", None, "not a number"),
    ("lots", "count", None, "not a number"),
    ("", "count", None, "no value given"),
    ("   ", "minutes", None, "no value given"),
    ("1__000", "count", None, "underscores"),
    ("2M", "minutes", None, "minutes, months or millions"),
    ("--5", "count", None, "two signs"),
    ("-$-5", "USD", None, "two signs"),  # once stored as +5
    ("\u0664\u0662", "count", None, "digits other than 0-9"),  # Arabic-Indic 42
    ("4\u00b2", "count", None, "digits other than 0-9"),
    ("1 000", "count", None, "grouped by a space"),
    ("1'000", "USD", None, "grouped by a space or an apostrophe"),
    ("¥500", "USD", None, "in JPY or CNY but the metric is in USD"),
    ("1 month", "days", None, "does not know the unit `month`"),
]


@pytest.mark.parametrize(("typed", "unit", "bounds", "stored", "said"), ACCEPTED)
def test_an_accepted_value_is_stored_exactly(typed: str, unit: str,
                                             bounds: tuple[float, float] | None,
                                             stored: float, said: str) -> None:
    reading = read_value(typed, unit, bounds or (None, None))
    assert reading.value == stored
    assert reading.conversion == said


@pytest.mark.parametrize(("typed", "unit", "bounds", "words"), REFUSED)
def test_a_value_that_could_be_misread_is_refused(typed: str, unit: str,
                                                  bounds: tuple[float, float] | None,
                                                  words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        read_value(typed, unit, bounds or (None, None))


def test_every_unit_has_accepted_and_refused_inputs() -> None:
    units = {"percent", "count", "minutes", "hours", "days", "ratio", "boolean", "USD"}
    assert units <= {case[1] for case in ACCEPTED}
    assert units <= {case[1] for case in REFUSED} | {"ratio", "hours"}


@pytest.mark.parametrize(("sent", "unit", "stored"), [
    (42, "minutes", 42.0), (96.5, "percent", 96.5), (0, "count", 0.0), (True, "boolean", 1.0),
    (False, "boolean", 0.0)])
def test_json_numbers_and_booleans(sent: float | bool, unit: str, stored: float) -> None:
    assert read_value(sent, unit, PERCENT_RANGE if unit == "percent" else (None, None)) \
        .value == stored


@pytest.mark.parametrize(("sent", "unit", "words"), [
    (0.42, "percent", "did you mean 42%"), (True, "count", "yes/no answer"),
    (float("nan"), "count", "finite"), (float("inf"), "USD", "finite"),
    (10**400, "count", "finite"), (-1, "days", "negative"), (2, "boolean", "yes/no")])
def test_json_values_that_could_be_misread(sent: float | bool, unit: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        read_value(sent, unit, PERCENT_RANGE if unit == "percent" else (None, None))


def test_exact_shows_every_decimal_stored() -> None:
    assert format_value(0.42, "percent") == "0.4%"
    assert format_value(0.42, "percent", exact=True) == "0.42%"
    assert format_value(1234.5678, "USD", exact=True) == "$1,234.5678"
    assert format_value(120.0, "minutes", exact=True) == "120 min"


# Found by mutmut over measurements/units.py: each fails when the condition it names breaks.

@pytest.mark.parametrize(("text", "unit", "value"), [
    ("1_000", "count", 1000.0),  # underscores between groups of three, as in Python
    ("\u22125", "USD", -5.0),  # the minus sign, as a word processor writes it
    ("2h", "minutes", 120.0),
    ("1,000 CHF", "CHF", 1000.0),  # a code after the number
])
def test_more_values_read_exactly(text: str, unit: str, value: float) -> None:
    assert read_value(text, unit).value == value


def test_parse_value_reads_in_the_metrics_unit() -> None:
    from otpcli.measurements.units import parse_value

    assert parse_value("2h", "minutes") == 120.0
    with pytest.raises(ValueError):
        parse_value("2h", "count")


@pytest.mark.parametrize(("text", "unit", "words"), [
    ("12.", "count", "12."),
    ("1\u2019000", "count", "1\u2019000"),  # grouping by a typographic apostrophe
    ("12,5", "count", "12.5"),  # the hint names both readings
])
def test_more_values_refused_with_the_text_echoed(text: str, unit: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        read_value(text, unit)


def test_a_json_integer_too_large_for_a_float_is_named_not_printed() -> None:
    with pytest.raises(ValueError) as refused:
        read_value(10**400, "count")
    assert "a JSON integer" in str(refused.value) and "0000000000" not in str(refused.value)
    with pytest.raises(ValueError, match="more digits than otp stores exactly"):
        read_value(2**53 + 1, "count")  # a float would hold 2**53: never silently changed
    assert read_value(2**53, "count").value == 2**53
