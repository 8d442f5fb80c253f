from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_the_second_claim_ignoring_case_and_spacing(lint_org: Lint) -> None:
    first = seat("capabilities: [refund approvals]\n")
    second = seat("capabilities:\n  - chargebacks\n  - Refund  Approvals\n", outcome_id="b")
    [finding] = lint_org({"a": first, "b": second}, code="OTP203")
    assert at(finding) == ("seats/b.yaml", 8, 5)
    assert "also owned by seat `a`" in finding.message


def test_near_miss_a_retired_seat_keeps_its_old_capabilities(lint_org: Lint) -> None:
    first = seat("capabilities: [refund approvals]\nstatus: retired\n")
    second = seat("capabilities: [refund approvals]\n", outcome_id="b")
    assert lint_org({"a": first, "b": second}, code="OTP203") == []
