"""Recording measurements: validate against the org, append, optionally commit.

A record or an import is one transaction: every row is validated before
anything is written, and if a write or the commit fails, every append made so
far is taken back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError, Problem, plural
from otpcli.fileio import RepositoryFiles, UnsafeFileError
from otpcli.measurements.store import (
    Appended,
    Measurement,
    append_measurements,
    commit_appends,
    format_row,
    header_line,
    undo_append,
)
from otpcli.measurements.units import format_value, read_value
from otpcli.org.load import MEASUREMENTS_DIR, Org
from otpcli.org.model import Outcome

#: Clocks differ a little between machines; more than this in the future is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=5)
IMPORT_COLUMNS = ("outcome", "at", "value", "source", "note")


class ImportRowsError(OtpError):
    """Bad rows in an import file; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{plural(len(problems), 'bad row')}; nothing was written",
                         problems=problems)


def parse_moment(text: str, zone: ZoneInfo, *, end_of_day: bool = False) -> datetime:
    """ISO 8601 time; without an offset it is local to the org, a bare date is midnight
    (or the end of that day with ``end_of_day``)."""
    raw = text.strip()
    try:
        if len(raw) == 10 and raw[4:5] == "-":
            day = date.fromisoformat(raw)
            if end_of_day:
                return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone) - \
                    timedelta(microseconds=1)
            return datetime.combine(day, time(0), tzinfo=zone)
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"`{text}` is not an ISO 8601 time such as 2026-11-20T17:00:00-05:00 "
                         "or 2026-11-20") from None
    except OverflowError:
        raise ValueError(f"`{text}` is beyond the last day otp can count to") from None
    moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
    try:
        moment.astimezone(zone)
    except OverflowError:
        raise ValueError(f"`{text}` is beyond the last day otp can count to") from None
    return moment


def as_of_moment(text: str | None, zone: ZoneInfo, option: str = "--as-of") -> datetime:
    """The moment a read command looks at: ``text`` (a date means the end of that day) or now;
    :class:`OtpError` naming ``option`` when it is no time."""
    from otpcli import clock

    if not text:
        return clock.now(zone)
    try:
        return parse_moment(text, zone, end_of_day=True)
    except ValueError as error:
        raise OtpError(f"{option}: {error}") from None


def write_moment(text: str | None, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Now, and the moment a write is stamped with: ``--at`` (``text``) or now;
    :class:`OtpError` naming ``--at`` when it is no time."""
    from otpcli import clock

    now = clock.now(zone)
    try:
        return now, parse_moment(text, zone) if text is not None else now
    except ValueError as error:
        raise OtpError(f"--at: {error}") from None


def find_outcome(org: Org, outcome_id: str) -> Outcome:
    ref = org.outcomes.get(outcome_id)
    if ref is None:
        from otpcli.errors import did_you_mean

        hint = did_you_mean(outcome_id, org.outcomes, "`otp scorecard` lists the outcomes")
        raise OtpError(f"no outcome `{outcome_id}` in this org; {hint}")
    return ref.outcome


def make_measurement(
    org: Org, outcome_id: str, value: str | float | None, *, at: datetime, now: datetime,
    source: str = "", note: str = "",
) -> tuple[Measurement, str]:
    """A validated measurement and how its value was converted from what was typed ("120 min
    (from 2h)", empty when it was not); ``value=None`` is an explicit no-value report.

    The value is read exactly in the metric's unit or refused (:func:`read_value`)."""
    outcome = find_outcome(org, outcome_id)
    if at - now > FUTURE_TOLERANCE:
        raise OtpError(f"{at.isoformat()} is in the future; record what was measured, when it "
                       "was measured")
    reading = None
    if value is not None:
        unit = outcome.metric.unit if outcome.metric else "count"
        bounds = (outcome.range.min, outcome.range.max) if outcome.range else (None, None)
        try:
            reading = read_value(value, unit, bounds)
        except ValueError as error:
            raise OtpError(f"{outcome_id}: {error}") from None
    for field_name, text in (("source", source), ("note", note)):
        if "\n" in text or "\r" in text:
            raise OtpError(f"--{field_name} must be one line")
    measurement = Measurement(at=at, value=None if reading is None else reading.value,
                              source=source, note=note)
    return measurement, "" if reading is None else reading.conversion


@dataclass
class ImportPlan:
    rows: dict[str, list[Measurement]]
    #: "file:line: outcome = 120 min (from 2h)" for every value converted from what was typed
    conversions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def plan_import(
    org: Org, text: str, file: str, now: datetime,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Validate every row of an import file; :class:`ImportRowsError` lists all bad rows."""
    zone = ZoneInfo(org.config.timezone)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [column.strip().lower() for column in next(reader, [])]
    if header[:3] != list(IMPORT_COLUMNS[:3]) or any(
        column not in IMPORT_COLUMNS for column in header
    ):
        raise ImportRowsError([Problem(file, 1, 1, "the header must be `outcome,at,value` "
                                    "optionally followed by `,source,note`")])
    plan = ImportPlan(rows={})
    problems: list[Problem] = []
    for line, row in enumerate(reader, start=2):
        if progress is not None and line % 1000 == 0:
            progress(1000)
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(file, line, 1, f"{len(row)} columns but the header has "
                                    f"{len(header)}; quote values that contain commas"))
            continue
        cells = dict(zip(header, row, strict=False))
        try:
            at = parse_moment(cells.get("at", ""), zone)
            value_text = cells.get("value", "").strip()
            measurement, conversion = make_measurement(
                org, cells["outcome"].strip(), value_text or None, at=at, now=now,
                source=cells.get("source", "").strip(), note=cells.get("note", "").strip())
        except (ValueError, OtpError) as error:
            message = error.message if isinstance(error, OtpError) else str(error)
            problems.append(Problem(file, line, 1, message))
            continue
        plan.rows.setdefault(cells["outcome"].strip(), []).append(measurement)
        if conversion:
            plan.conversions.append(f"{file}:{line}: {cells['outcome'].strip()} = {conversion}")
    if problems:
        raise ImportRowsError(problems)
    return plan


def write_rows(
    org: Org,
    rows: dict[str, list[Measurement]],
    *,
    commit_message: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Append every outcome's rows; with ``commit_message``, as one commit. All or nothing,
    even when the process is killed: without a commit, a failed append takes back the
    others; with one, the commit is made first (see :func:`otpcli.git.commit_files`) and the
    rows are appended after, finished by the next otp command if it was interrupted.

    A measurement file is written only inside the repository: a link out of it, or a special
    file, is refused (:class:`~otpcli.fileio.UnsafeFileError`)."""
    targets = {outcome_id: measurement_target(org, outcome_id) for outcome_id in rows}
    if commit_message is not None:
        commit_appends(org.root, {targets[outcome_id]: (header_line(), "".join(
            format_row(row) for row in rows[outcome_id])) for outcome_id in rows},
            commit_message, operation="recording", nothing_done="nothing was recorded")
        if progress is not None:
            progress(sum(len(measurements) for measurements in rows.values()))
        return
    done: list[Appended] = []
    try:
        for outcome_id, measurements in rows.items():
            done.append(append_measurements(targets[outcome_id], measurements))
            if progress is not None:
                progress(len(measurements))
    except BaseException:
        for appended in reversed(done):
            undo_append(appended)
        raise


def measurement_target(org: Org, outcome_id: str) -> Path:
    """The real path ``measurements/<id>.csv`` is written at, inside the repository."""
    files = RepositoryFiles(org.root)
    relative = f"{MEASUREMENTS_DIR}/{outcome_id}.csv"
    try:
        real, _ = files.resolve(relative)
        return Path(real)
    except FileNotFoundError:
        pass
    if (org.root / relative).is_symlink():  # a dangling link: never created through
        raise UnsafeFileError(relative, "a symbolic link to a file that does not exist; "
                              "otp does not write through it")
    directory = files.directory(MEASUREMENTS_DIR)
    if directory is None:
        (org.root / MEASUREMENTS_DIR).mkdir(exist_ok=True)
        directory = files.directory(MEASUREMENTS_DIR)
    assert directory is not None
    return Path(directory) / f"{outcome_id}.csv"


def describe(outcome: Outcome, measurement: Measurement, conversion: str = "") -> str:
    """``stale-data-flag-time = 120 min (from 2h) at 2026-11-24T09:00:00-05:00``."""
    unit = outcome.metric.unit if outcome.metric else None
    value = "no value" if measurement.value is None else \
        conversion or format_value(measurement.value, unit, exact=True)
    return f"{outcome.id} = {value} at {measurement.at.isoformat()}"
