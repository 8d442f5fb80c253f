"""Acknowledgements: ``acknowledgements/<outcome-id>.csv``, append-only, like measurements.

Columns are ``at,by,when,note``: when the seat ``by`` acted, on which exception condition
of the outcome (``out_of_range``, ``stale`` or ``missing``), and what it did. A row is
appended under the same exclusive lock as a measurement, so concurrent acknowledgements
never lose or interleave rows, and the review history is in git.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import cast, get_args

from otpcli import secrets
from otpcli.errors import OtpError, Problem, plural, printable
from otpcli.fileio import RepositoryFiles
from otpcli.measurements.store import append_lines, commit_appends, csv_rows, parse_time
from otpcli.org.load import Org
from otpcli.org.model import SLUG_PATTERN, ExceptionTrigger

ACKS_DIR = "acknowledgements"
HEADER = ("at", "by", "when", "note")
CONDITIONS: tuple[str, ...] = get_args(ExceptionTrigger)
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A seat took an exception of an outcome: from ``at`` on, its ladder stops climbing."""

    outcome: str
    by: str
    at: datetime
    when: ExceptionTrigger
    note: str = ""


class AcknowledgementFileError(OtpError):
    """An acknowledgement file that does not parse; every bad row is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{problems[0].file} does not parse: "
                         f"{plural(len(problems), 'bad row')}; fix or remove those rows",
                         problems=problems)


def ack_file(outcome_id: str) -> str:
    """The repo-relative file holding an outcome's acknowledgements."""
    return f"{ACKS_DIR}/{outcome_id}.csv"


def read_acknowledgements(org: Org, outcome_id: str) -> list[Acknowledgement]:
    """An outcome's acknowledgements in file order, read as safely as any org file (no
    link out of the repository, no special file, no file over the size limit)."""
    file = ack_file(outcome_id)
    try:
        raw = org.read(file)  # UnsafeFileError: "<file>: a symbolic link to ... outside"
    except FileNotFoundError:
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AcknowledgementFileError([Problem(file, 1, 1, "the file is not UTF-8 text; "
                                                "save it as UTF-8 CSV")]) from None
    return parse_acknowledgements(text, outcome_id, file)


def parse_acknowledgements(text: str, outcome_id: str, file: str) -> list[Acknowledgement]:
    found: list[Acknowledgement] = []
    problems: list[Problem] = []
    for line, (at_text, by, when, note) in csv_rows(text, file, HEADER, AcknowledgementFileError,
                                                    problems):
        by, when = by.strip(), when.strip()
        try:
            at = parse_time(at_text)
        except ValueError as error:
            problems.append(Problem(file, line, 1, str(error)))
            continue
        if not _SLUG.match(by):
            problems.append(Problem(file, line, 1, f"`by` must be a seat id, not `{by}`"))
            continue
        if when not in CONDITIONS:
            problems.append(Problem(file, line, 1, f"`when` must be one of "
                                    f"{', '.join(CONDITIONS)}, not `{when}`"))
            continue
        found.append(Acknowledgement(outcome_id, by, at, cast(ExceptionTrigger, when),
                                     printable(secrets.redact(note))))
    if problems:
        raise AcknowledgementFileError(problems)
    return found


def format_rows(acks: list[Acknowledgement]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for ack in acks:
        writer.writerow([ack.at.isoformat(), ack.by, ack.when, ack.note])
    return buffer.getvalue()


def header_line() -> str:
    return ",".join(HEADER) + "\n"


def append_acknowledgements(org: Org, acks: list[Acknowledgement],
                            commit_message: str | None = None) -> Path:
    """Append the rows of one outcome's acknowledgements; with ``commit_message``, as one
    commit of exactly that file, all or nothing even when killed (the commit is made first,
    the rows appended after; see :func:`otpcli.measurements.store.commit_appends`)."""
    outcome_id = acks[0].outcome
    file = ack_file(outcome_id)
    files = RepositoryFiles(org.root)
    files.directory(ACKS_DIR)  # refuses a directory linked out of the repository
    with contextlib.suppress(FileNotFoundError):
        files.resolve(file)  # refuses a link out, a FIFO, ...
    path = org.root / file
    if commit_message is not None:
        commit_appends(org.root, {path: (header_line(), format_rows(acks))}, commit_message,
                       operation="acknowledgement", nothing_done="nothing was acknowledged")
    else:
        append_lines(path, header_line(), format_rows(acks))
    return path
