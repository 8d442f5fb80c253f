from __future__ import annotations

import pytest

from .conftest import Lint, at, seat


@pytest.mark.parametrize(
    ("range_", "unit", "column", "words"),
    [
        ("{min: 5, max: 3}", "days", 12, "above max"),
        ("{}", "days", 12, "is empty"),
        ("{min: 0.9, max: 120}", "percent", 28, "outside 0-100"),
        ("{max: -1}", "minutes", 18, "negative"),
        ("{min: 2}", "boolean", 18, "outside 0-1"),
    ],
)
def test_reports_an_impossible_range(
    lint_org: Lint, range_: str, unit: str, column: int, words: str
) -> None:
    text = seat("").replace("range: {max: 3}", f"range: {range_}").replace(
        "unit: days", f"unit: {unit}")
    [finding] = lint_org({"bot": text}, code="OTP107")
    assert at(finding) == ("seats/bot.yaml", 10, column)
    assert words in finding.message


def test_near_miss_a_fraction_in_ratio_units_and_negative_currency(lint_org: Lint) -> None:
    ratio = seat("").replace("range: {max: 3}", "range: {min: 0.9, max: 1.2}").replace(
        "unit: days", "unit: ratio")
    money = seat("", outcome_id="cash").replace("range: {max: 3}", "range: {min: -5000}").replace(
        "unit: days", "unit: EUR")
    assert lint_org({"bot": ratio, "cash": money}, code="OTP107") == []
