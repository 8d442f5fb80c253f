"""OTP101, OTP102, OTP103 and OTP104: an outcome mapping missing one of its parts."""

from __future__ import annotations

import pytest

from .conftest import Lint, at, seat


@pytest.mark.parametrize(
    ("line_to_drop", "code", "words"),
    [
        ("    metric: {name: Median refund time, unit: days, aggregate: mean}\n", "OTP101",
         "has no metric"),
        ("    range: {max: 3}\n", "OTP102", "has no range"),
        ("    timeframe: {cadence: weekly}\n", "OTP103", "has no timeframe"),
        ("    exceptions:\n      - when: out_of_range\n        escalate: [{to: ada}]\n", "OTP104",
         "nobody said when a human steps in"),
    ],
)
def test_reports_the_missing_part_at_the_outcome(
    lint_org: Lint, line_to_drop: str, code: str, words: str
) -> None:
    text = seat("")
    assert line_to_drop in text
    [finding] = lint_org({"bot": text.replace(line_to_drop, "")}, code=code)
    assert at(finding) == ("seats/bot.yaml", 7, 5)
    assert (finding.end_line, finding.end_column) == (7, 16)
    assert finding.path == "outcomes[0]"
    assert finding.subject == "refunds"
    assert words in finding.message


@pytest.mark.parametrize("code", ["OTP101", "OTP102", "OTP103", "OTP104"])
def test_near_miss_complete_outcome_and_retired_seat(lint_org: Lint, code: str) -> None:
    assert lint_org({"bot": seat("")}, code=code) == []
    retired = seat("status: retired\n").replace("    range: {max: 3}\n", "")
    assert lint_org({"bot": retired.replace("    exceptions:\n", "    x: 1\n")
                     if code == "OTP002" else retired}, code=code) == []


def test_severities_match_the_catalogue(lint_org: Lint) -> None:
    text = seat("").replace("    range: {max: 3}\n", "").replace(
        "    exceptions:\n      - when: out_of_range\n        escalate: [{to: ada}]\n", "")
    severities = {f.code: f.severity for f in lint_org({"bot": text})}
    assert severities == {"OTP102": "error", "OTP104": "warning"}
