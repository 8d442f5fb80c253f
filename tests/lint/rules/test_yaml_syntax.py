from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_invalid_yaml_at_its_position(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": "title: [Bot\nholder: x\n"}, code="OTP001")
    assert at(finding) == ("seats/bot.yaml", 2, 7)
    assert finding.severity == "error"
    assert finding.name == "yaml-syntax"


def test_reports_a_duplicate_key_at_the_second_one(lint_org: Lint) -> None:
    [finding] = lint_org({"bot": seat("autonomy: 3\n")}, code="OTP001")
    assert at(finding) == ("seats/bot.yaml", 6, 1)
    assert "duplicate key `autonomy`" in finding.message


def test_near_miss_valid_yaml_with_the_same_keys(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, code="OTP001") == []
