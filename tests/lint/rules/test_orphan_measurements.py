from __future__ import annotations

from .conftest import Lint, at, seat


def test_reports_a_measurement_file_for_no_outcome(lint_org: Lint) -> None:
    findings = lint_org({"bot": seat("")}, files={
        "measurements/refund.csv": "at,value,source,note\n",
        "measurements/notes.txt": "x",
    }, code="OTP006")
    assert [at(f) for f in findings] == [("measurements/notes.txt", 1, 1),
                                         ("measurements/refund.csv", 1, 1)]
    assert "names no outcome (`refund`)" in findings[1].message


def test_near_miss_history_of_an_existing_outcome(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, files={
        "measurements/refunds.csv": "at,value,source,note\n",
        "measurements/.gitkeep": "",
    }, code="OTP006") == []
