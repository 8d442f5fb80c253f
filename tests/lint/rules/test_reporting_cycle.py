from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_every_seat_in_a_cycle(lint_org: Lint) -> None:
    first = seat("", outcome_id="a").replace("reports_to: ada", "reports_to: second")
    second = seat("", outcome_id="b").replace("reports_to: ada", "reports_to: first")
    findings = lint_org({"first": first, "second": second}, code="OTP005")
    assert [at(f) for f in findings] == [("seats/first.yaml", 3, 13),
                                         ("seats/second.yaml", 3, 13)]
    assert "first -> second -> first" in findings[0].message


def test_reports_a_second_root(lint_org: Lint) -> None:
    text = seat("", outcome_id="b").replace("reports_to: ada\n", "")
    [finding] = lint_org({"zed": text}, code="OTP005")
    assert at(finding) == ("seats/zed.yaml", 1, 1)
    assert "2 active seats have no `reports_to`" in finding.message


def test_near_miss_a_chain_is_not_a_cycle(lint_org: Lint) -> None:
    first = seat("", outcome_id="a")
    second = seat("", outcome_id="b").replace("reports_to: ada", "reports_to: first")
    assert lint_org({"first": first, "second": second}, code="OTP005") == []
