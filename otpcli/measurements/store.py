"""Measurement files: ``measurements/<outcome-id>.csv``, append-only.

Columns are ``at,value,source,note``. ``at`` is ISO 8601 with a UTC offset.
An empty ``value`` is an explicit "no value available" report, which is
neither a missing report nor zero.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from otpcli.errors import OtpError, Problem, plural
from otpcli.fileio import open_regular, read_up_to

HEADER = ("at", "value", "source", "note")


@dataclass(frozen=True, slots=True)
class Measurement:
    at: datetime
    value: float | None
    source: str = ""
    note: str = ""

    @property
    def missing(self) -> bool:
        return self.value is None


class MeasurementFileError(OtpError):
    """A measurement file that does not parse; every bad row is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        file = problems[0].file if problems else "a measurement file"
        super().__init__(f"{file} does not parse: {plural(len(problems), 'bad row')}; fix or "
                         "remove those rows", problems=problems)


def parse_time(text: str) -> datetime:
    """ISO 8601 with a UTC offset; ``Z`` is accepted for UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(str(error).replace("Invalid isoformat string",
                                            "not an ISO 8601 time")) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"`{text}` has no UTC offset; write it like 2026-11-20T17:00:00-05:00")
    return moment


def parse_value(text: str) -> float | None:
    stripped = text.strip()
    if not stripped:
        return None
    value = float(stripped)
    if not math.isfinite(value):
        raise ValueError(f"`{text}` is not a finite number")
    return value


def read_measurements(path: Path, file: str) -> list[Measurement]:
    """Every row of one measurement file; :class:`MeasurementFileError` lists bad rows."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        raise MeasurementFileError([Problem(file, 1, 1, "the file is not UTF-8 text; save it "
                                            "as UTF-8 CSV")]) from None
    return parse_measurements(text, file)


def parse_measurements(text: str, file: str) -> list[Measurement]:
    """Every row of a measurement file's text, each validated alike; a file with bad rows
    raises :class:`MeasurementFileError` listing every one (file:line:column)."""
    found: list[Measurement] = []
    problems: list[Problem] = []
    for line, (at_text, value_text, source, note) in csv_rows(text, file, HEADER,
                                                                MeasurementFileError, problems):
        try:
            found.append(Measurement(parse_time(at_text), parse_value(value_text), source, note))
        except ValueError as error:
            problems.append(Problem(file, line, 1, str(error)))
    if problems:
        raise MeasurementFileError(problems)
    return found


def csv_rows(text: str, file: str, header: tuple[str, ...],
             error: Callable[[list[Problem]], OtpError],
             problems: list[Problem]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The rows of an org CSV file (measurements, acknowledgements) with their line numbers,
    each padded to ``header``'s columns. A row with more columns is added to ``problems``
    and skipped; a wrong header, or text the csv module refuses, raises ``error``
    (constructed with its problems) at once."""
    # A field may be as long as the file (whose size is bounded before it is read), so the
    # csv module reads what the fast path reads instead of refusing fields over 128 KiB.
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    rows = csv.reader(io.StringIO(text, newline=""))
    padding = ("",) * len(header)
    try:
        first = next(rows, None)
        if first is None:
            return
        if tuple(column.strip() for column in first) != header:
            raise error([Problem(file, 1, 1, f"the header must be `{','.join(header)}`, not "
                                 f"`{','.join(first)}`")])
        for line, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) > len(header):
                problems.append(Problem(file, line, 1, f"{len(row)} columns, expected at most "
                                        f"{len(header)} ({','.join(header)}); quote a note "
                                        "that has commas"))
                continue
            yield line, (*row, *padding)[:len(header)]
    except csv.Error as refused:  # what csv refuses is a finding, never a traceback
        raise error([Problem(file, rows.line_num or 1, 1,
                             f"not readable as CSV: {refused}")]) from None


class Point(NamedTuple):
    """A measurement reduced to what the scorecard needs."""

    at: datetime
    value: float | None


Series = list[tuple[float, float | None]]  # (POSIX timestamp, value)


def read_series(path: Path | str, file: str) -> Series:
    """``(timestamp, value)`` for every row of a measurement file, fast.

    The scorecard reads every measurement file of the org, so the common case
    (no quotes, valid rows) is parsed with one regular expression and C-level
    maps. Anything unusual sends the whole file through
    :func:`parse_measurements`, which validates every row and reports exact
    problems.
    """
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - str paths: thousands of files
            raw = handle.read()
    except FileNotFoundError:
        return []
    return parse_series(raw, file)


def parse_series(raw: bytes, file: str) -> Series:
    """:func:`read_series` on a file's bytes (read from git, say)."""
    times, values = parse_columns(raw, file)
    return list(zip(times, values, strict=True))


#: A series as two columns: POSIX timestamps, and values (``None``: reported, no value).
Columns = tuple[list[float], list[float | None]]


def parse_columns(raw: bytes, file: str) -> Columns:
    """:func:`parse_series` as two columns (what the cache packs without building pairs)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MeasurementFileError([Problem(file, 1, 1, "the file is not UTF-8 text; save it "
                                            "as UTF-8 CSV")]) from None
    header, _, body = text.partition("\n")
    if header.rstrip("\r") != _HEADER_LINE or '"' in body or "\r" in body or \
            _TOO_MANY_COLUMNS.search(body):
        return _validated(text, file)
    pairs = _AT_AND_VALUE.findall(body)
    if not pairs:
        return ([], []) if not body.strip() else _validated(text, file)
    try:
        # A line the expression skipped (one starting with a comma) makes the counts differ;
        # so do runs of blank lines. Both go the slow way, which handles them exactly.
        lines = body.count("\n") + (not body.endswith("\n"))
        if len(pairs) != lines - body.count("\n\n") - body.startswith("\n"):
            raise ValueError("a line without a time, or blank lines")
        at_texts, value_texts = zip(*pairs, strict=True)
        moments = list(map(datetime.fromisoformat, at_texts))
        if None in map(_OFFSET, moments):
            raise ValueError("a time without a UTC offset")
        values: list[float | None] = (
            [float(v) if v else None for v in value_texts] if "" in value_texts
            else list(map(float, value_texts))
        )
    except ValueError:
        return _validated(text, file)
    if not math.isfinite(sum(filter(None, values))):  # nan or inf somewhere: validate properly
        return _validated(text, file)
    return list(map(datetime.timestamp, moments)), values


def _validated(text: str, file: str) -> Columns:
    measurements = parse_measurements(text, file)
    return [m.at.timestamp() for m in measurements], [m.value for m in measurements]


_AT_AND_VALUE = re.compile(r"^([^,\n]+),([^,\n]*)", re.MULTILINE)
#: a line with a fifth column: the fast path must refuse exactly what the slow path refuses
_TOO_MANY_COLUMNS = re.compile(r"^(?:[^,\n]*,){4}", re.MULTILINE)
_OFFSET = attrgetter("tzinfo")
_HEADER_LINE = ",".join(HEADER)


def format_row(measurement: Measurement) -> str:
    """One CSV line (with its newline) for ``measurement``."""
    buffer = io.StringIO()
    value = "" if measurement.value is None else format_number(measurement.value)
    csv.writer(buffer, lineterminator="\n").writerow(
        [measurement.at.isoformat(), value, measurement.source, measurement.note]
    )
    return buffer.getvalue()


def format_number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def header_line() -> str:
    return ",".join(HEADER) + "\n"


@dataclass(frozen=True, slots=True)
class Appended:
    """Where an append went, so a failed transaction can take it back."""

    path: Path
    previous_size: int
    length: int
    created: bool


def append_measurements(path: Path, rows: list[Measurement]) -> Appended:
    """Append ``rows`` to one measurement file, safely among concurrent writers.

    The file is opened in append mode and locked exclusively for the write, the
    header is written only if the file is empty, and all rows go out in one
    ``write`` call: no lost or interleaved rows, and the cost does not depend on
    the size of the history. (Appends are not written to a temporary file and
    renamed: that would copy the whole history on every append and lose rows
    written in between.)
    """
    return append_lines(path, header_line(), "".join(format_row(row) for row in rows))


def append_lines(path: Path, header: str, lines: str) -> Appended:
    """Append ``lines`` (each ending in a newline) to an append-only CSV file under an
    exclusive lock, writing ``header`` first if the file is empty (see
    :func:`append_measurements`; acknowledgements are appended the same way)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = lines.encode("utf-8")
    created = not path.exists()
    descriptor = open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        _lock(descriptor)
        size = os.fstat(descriptor).st_size
        prefix = b""
        if size == 0:
            prefix = header.encode("utf-8")
        elif not _ends_with_newline(path, size):
            prefix = b"\n"
        _write_all(descriptor, prefix + payload)
        os.fsync(descriptor)
        return Appended(path, size, len(prefix) + len(payload), created)
    finally:
        os.close(descriptor)  # closing releases the lock


def lock_for_append(path: Path) -> int:
    """An open descriptor of an existing append-only file, holding its exclusive lock (the one
    every append takes) until it is closed."""
    descriptor = open_regular(path, os.O_RDONLY)
    try:
        _lock(descriptor)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def undo_append(appended: Appended) -> None:
    """Take back an append (when the transaction it was part of failed)."""
    descriptor = open_regular(appended.path, os.O_RDWR)
    try:
        _lock(descriptor)
        size = os.fstat(descriptor).st_size
        ours_end = appended.previous_size + appended.length
        if size == ours_end:
            if appended.created:
                appended.path.unlink()
                return
            os.ftruncate(descriptor, appended.previous_size)
            return
        # Someone appended after us: cut out exactly our bytes, keep theirs.
        data = appended.path.read_bytes()
        kept = data[:appended.previous_size] + data[ours_end:]
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        _write_all(descriptor, kept)
    finally:
        os.close(descriptor)


def commit_appends(root: Path, additions: dict[Path, tuple[str, str]], message: str, *,
                   operation: str, nothing_done: str) -> None:
    """Append lines to files that only grow (path -> (header line, lines)) as one commit, all
    or nothing even when killed (see :func:`otpcli.git.commit_files`): the files are locked
    meanwhile so no other writer's row slips in between (they wait, then append after
    ours). ``nothing_done`` ends the message when git refuses ("nothing was recorded")."""
    import git

    from otpcli.git import commit_files, describe_error, open_repo, work_tree_path

    repo = open_repo(root)
    held: list[int] = []
    try:
        files: dict[str, bytes] = {}
        added: dict[str, bytes] = {}
        for target in sorted(additions):
            header, lines = additions[target]
            current = b""
            if target.exists():
                descriptor = lock_for_append(target)
                held.append(descriptor)
                current = read_up_to(descriptor)
            prefix = header.encode("utf-8") if not current else (
                b"" if current.endswith(b"\n") else b"\n")
            relative = work_tree_path(repo, target)
            files[relative] = current + prefix + lines.encode("utf-8")
            added[relative] = prefix + lines.encode("utf-8")
        commit_files(repo, files, message, operation=operation, appended=added)
    except git.GitCommandError as error:
        raise OtpError(f"git commit failed, {nothing_done}: {describe_error(error)}") from None
    finally:
        for descriptor in held:
            os.close(descriptor)  # closing releases the lock


def _ends_with_newline(path: Path, size: int) -> bool:
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) == b"\n"


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _lock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: O_APPEND writes are still atomic per call
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)
