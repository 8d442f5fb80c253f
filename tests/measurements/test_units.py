from __future__ import annotations

import pytest

from otpcli.measurements.units import format_range, format_value, parse_value


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


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [("96.5", "percent", 96.5), ("96.5%", "percent", 96.5), ("$185,000", "USD", 185000.0),
     ("185000 USD", "USD", 185000.0), ("yes", "boolean", 1.0), ("0", "boolean", 0.0),
     ("42 min", "minutes", 42.0), ("0", "count", 0.0), ("1_000", "count", 1000.0)],
)
def test_parse_value(text: str, unit: str, value: float) -> None:
    assert parse_value(text, unit) == value


@pytest.mark.parametrize(
    ("text", "unit", "words"),
    [("maybe", "boolean", "boolean"), ("-3", "count", "negative"), ("50%", "USD", "percentage"),
     ("nan", "percent", "not a number"), ("lots", "count", "not a number")],
)
def test_parse_value_refuses(text: str, unit: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_value(text, unit)
