from __future__ import annotations

import multiprocessing
import os
from datetime import datetime
from pathlib import Path

import pytest

from otpcli.errors import OtpError
from otpcli.exceptions.acks import (
    Acknowledgement,
    AcknowledgementFileError,
    append_acknowledgements,
    parse_acknowledgements,
    read_acknowledgements,
)
from otpcli.org.load import require_org

AT = datetime.fromisoformat("2026-03-25T09:00:00+00:00")


def test_rows_round_trip_through_the_file(minimal_org: Path) -> None:
    org = require_org(minimal_org)
    acks = [Acknowledgement("sla", "ada", AT, "out_of_range", 'Paused it, "for now", twice'),
            Acknowledgement("sla", "ada", AT, "stale", "")]
    append_acknowledgements(org, acks[:1])
    append_acknowledgements(org, acks[1:])
    path = minimal_org / "acknowledgements" / "sla.csv"
    assert path.read_text() == (
        "at,by,when,note\n"
        '2026-03-25T09:00:00+00:00,ada,out_of_range,"Paused it, ""for now"", twice"\n'
        "2026-03-25T09:00:00+00:00,ada,stale,\n")
    assert read_acknowledgements(org, "sla") == acks
    assert read_acknowledgements(org, "no-such-outcome") == []


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = ("at,by,when,note\n"
            "2026-03-25T09:00:00+00:00,ada,out_of_range,fine\n"
            "2026-03-25T09:00:00,ada,out_of_range,no offset\n"
            "2026-03-25T09:00:00+00:00,Ada Lovelace,out_of_range,not an id\n"
            "2026-03-25T09:00:00+00:00,ada,late,unknown condition\n"
            "2026-03-25T09:00:00+00:00,ada,stale,a,b\n")
    with pytest.raises(AcknowledgementFileError) as caught:
        parse_acknowledgements(text, "sla", "acknowledgements/sla.csv")
    assert [problem.render() for problem in caught.value.problems] == [
        "acknowledgements/sla.csv:3:1: `2026-03-25T09:00:00` has no UTC offset; write it like "
        "2026-11-20T17:00:00-05:00",
        "acknowledgements/sla.csv:4:1: `by` must be a seat id, not `Ada Lovelace`",
        "acknowledgements/sla.csv:5:1: `when` must be one of out_of_range, stale, missing, "
        "not `late`",
        "acknowledgements/sla.csv:6:1: 5 columns, expected at most 4 (at,by,when,note); quote "
        "a note that has commas",
    ]


def test_a_wrong_header_is_refused() -> None:
    with pytest.raises(AcknowledgementFileError) as caught:
        parse_acknowledgements("at,value,source,note\n", "sla", "acknowledgements/sla.csv")
    assert [problem.render() for problem in caught.value.problems] == [
        "acknowledgements/sla.csv:1:1: the header must be `at,by,when,note`, not "
        "`at,value,source,note`"]


def test_a_note_longer_than_the_csv_modules_default_field_limit_is_read() -> None:
    # csv refuses fields over 128 KiB by default; the file's size is bounded before it is
    # read, so a long note is read as the measurement files' notes are
    note = "x" * 200_000
    text = f"at,by,when,note\n2026-03-25T09:00:00+00:00,ada,stale,{note}\n"
    acks = parse_acknowledgements(text, "sla", "acknowledgements/sla.csv")
    assert [len(ack.note) for ack in acks] == [200_000]


def test_an_unreadable_time_names_the_file_and_line() -> None:
    with pytest.raises(AcknowledgementFileError) as caught:
        parse_acknowledgements("at,by,when,note\nyesterday,ada,stale,\n", "sla",
                               "acknowledgements/sla.csv")
    assert [problem.render() for problem in caught.value.problems] == [
        "acknowledgements/sla.csv:2:1: not an ISO 8601 time: 'yesterday'"]


def test_a_link_out_of_the_repository_is_neither_read_nor_written(
    minimal_org: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("at,by,when,note\n")
    (minimal_org / "acknowledgements").mkdir()
    (minimal_org / "acknowledgements" / "sla.csv").symlink_to(outside)
    org = require_org(minimal_org)
    with pytest.raises(OtpError, match="outside the repository"):
        read_acknowledgements(org, "sla")
    with pytest.raises(OtpError, match="outside the repository"):
        append_acknowledgements(org, [Acknowledgement("sla", "ada", AT, "stale")])
    assert outside.read_text() == "at,by,when,note\n"


def _append_many(root: str, writer: int) -> None:
    org = require_org(Path(root))
    for index in range(50):
        append_acknowledgements(org, [Acknowledgement("sla", "ada", AT, "stale",
                                                      f"writer {writer} row {index}")])


@pytest.mark.skipif(os.name != "posix", reason="the lock is POSIX flock")
def test_concurrent_appends_lose_and_interleave_nothing(minimal_org: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_many, args=(str(minimal_org), writer))
               for writer in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    acks = read_acknowledgements(require_org(minimal_org), "sla")
    assert sorted(ack.note for ack in acks) == sorted(
        f"writer {writer} row {index}" for writer in range(4) for index in range(50))
    text = (minimal_org / "acknowledgements" / "sla.csv").read_text()
    assert text.count("at,by,when,note") == 1
