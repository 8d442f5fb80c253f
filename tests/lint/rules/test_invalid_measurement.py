from __future__ import annotations

from .conftest import Lint, at, seat

HEADER = "at,value,source,note\n"


def test_reports_every_bad_row_at_its_line(lint_org: Lint) -> None:
    findings = lint_org({"bot": seat("")}, files={"measurements/refunds.csv": (
        HEADER
        + "2026-11-16T09:00:00+00:00,2.5,bot,\n"
        + "2026-11-17T09:00:00,2.5,bot,\n"  # no UTC offset
        + "2026-11-18T09:00:00+00:00,nan,bot,\n"  # not a finite number
        + "2026-11-19T09:00:00+00:00,2,5,bot,late\n"  # a decimal comma makes five columns
    )}, code="OTP007")
    assert [at(f) for f in findings] == [("measurements/refunds.csv", 3, 1),
                                         ("measurements/refunds.csv", 4, 1),
                                         ("measurements/refunds.csv", 5, 1)]
    assert "no UTC offset" in findings[0].message
    assert "not a finite number" in findings[1].message
    assert "5 columns" in findings[2].message
    assert {f.severity for f in findings} == {"error"}


def test_a_wrong_header_and_a_note_over_the_csv_modules_default(lint_org: Lint) -> None:
    # the file's size is bounded, so a note longer than csv's 128 KiB default is read
    # (on the csv-module path as on the fast path), not refused
    findings = lint_org({"bot": seat("")}, files={
        "measurements/refunds.csv": "when,value\n2026-11-16T09:00:00+00:00,1\n",
        "measurements/revenue.csv": HEADER + '2026-11-16T09:00:00+00:00,1,bot,"'
                                    + "x" * 200_000 + '"\n',
    }, code="OTP007")
    assert [at(f) for f in findings] == [("measurements/refunds.csv", 1, 1)]
    assert "the header must be" in findings[0].message


def test_near_miss_quoted_notes_with_commas_and_no_value_reports(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, files={"measurements/refunds.csv": (
        HEADER
        + '2026-11-16T09:00:00+00:00,2.5,bot,"late, but fine"\n'
        + "2026-11-17T09:00:00Z,,bot,source API returned 500\n"
        + "2026-11-18T09:00:00-05:00,0,bot\n"
    )}, code="OTP007") == []
