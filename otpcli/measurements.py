"""Measurement files: ``measurements/<outcome-id>.csv``, append-only.

Columns are ``at,value,source,note``. ``at`` is ISO 8601 with a UTC offset.
An empty ``value`` is an explicit "no value available" report, which is
neither a missing report nor zero.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from otpcli.errors import OtpError, Problem

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
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].render() if problems else "bad measurement file")
        self.problems = problems


def parse_time(text: str) -> datetime:
    """ISO 8601 with a UTC offset; ``Z`` is accepted for UTC."""
    moment = datetime.fromisoformat(text.strip())
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
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        return []
    if tuple(column.strip() for column in header) != HEADER:
        raise MeasurementFileError([Problem(file, 1, 1, f"the header must be `{','.join(HEADER)}`"
                                            f", not `{','.join(header)}`")])
    found: list[Measurement] = []
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) > len(HEADER):
            problems.append(Problem(file, line, 1, f"{len(row)} columns, expected at most 4 "
                                    f"({','.join(HEADER)}); quote a note that has commas"))
            continue
        at_text, value_text, source, note = (*row, "", "", "")[:4]
        try:
            found.append(Measurement(parse_time(at_text), parse_value(value_text), source, note))
        except ValueError as error:
            problems.append(Problem(file, line, 1, str(error).replace("Invalid isoformat string",
                                                                      "not an ISO 8601 time")))
    if problems:
        raise MeasurementFileError(problems)
    return found


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
