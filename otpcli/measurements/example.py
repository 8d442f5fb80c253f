"""The bundled example orgs, created with their measurements moved to the present."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli import clock
from otpcli.errors import OtpError
from otpcli.fileio import write_text_atomic
from otpcli.git import EXAMPLE_AUTHOR
from otpcli.measurements.cache import CACHE_DIR
from otpcli.measurements.store import Measurement, format_row, header_line, read_measurements
from otpcli.org.calendar import month_index, shift_local, week_start, weekday_index
from otpcli.org.init import SCHEMAS_DIR, bundled, commit_all, point_modelines_at, staged
from otpcli.org.load import MEASUREMENTS_DIR, Org, require_org
from otpcli.org.model import Cadence, OrgConfig
from otpcli.org.schema import write_schemas

EXAMPLES = ("sneeze-it",)
ACKS_DIR = "acknowledgements"  # the format is otpcli.exceptions.acks (a layer above)


def create_example(target: Path, example: str, now: datetime | None = None) -> str:
    """Copy a bundled example into a new repository, dates moved to the current week."""
    if example not in EXAMPLES:
        raise OtpError(f"unknown example `{example}`; available: {', '.join(EXAMPLES)}")
    source = bundled("examples") / example
    with staged(target) as stage:
        shutil.copytree(source, stage, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", CACHE_DIR))
        point_modelines_at(stage)
        write_schemas(stage / SCHEMAS_DIR)
        org = require_org(stage)
        shift_example_dates(stage, org.config, cadences(org), now or clock.now())
        return commit_all(stage, f"Create org {org.config.name} from the {example} example",
                          fallback=EXAMPLE_AUTHOR)


def shift_example_dates(
    root: Path, config: OrgConfig, cadences: dict[str, Cadence], now: datetime
) -> None:
    """Move every measurement so the example's newest period becomes the current one.

    Daily and weekly outcomes move by whole weeks, so that the newest week of
    their data becomes the current week (weekdays and local times stay).
    Monthly and quarterly outcomes move by whole months, so that the newest
    month of their data becomes the current month (the day of the month stays,
    clamped at the end of a shorter month, so every row stays in its month and
    a month's sum keeps its rows). Each group is anchored on its own newest
    row. Rows that would land in the future are dropped: the bundled data runs
    to the end of its newest period, so whatever the day, every outcome has
    rows up to the present moment of its cadence.
    """
    zone = ZoneInfo(config.timezone)
    first_weekday = weekday_index(config.week_start)
    files = sorted((root / MEASUREMENTS_DIR).glob("*.csv"))
    histories = {path: read_measurements(path, f"{MEASUREMENTS_DIR}/{path.name}")
                 for path in files}
    today = now.astimezone(zone).date()

    def by_months(path: Path) -> bool:
        return cadences.get(path.stem, "weekly") in ("monthly", "quarterly")

    def newest_day(monthly: bool) -> date | None:
        moments = [m.at for path, rows in histories.items() if by_months(path) == monthly
                   for m in rows]
        return max(moments).astimezone(zone).date() if moments else None

    newest_weekly, newest_monthly = newest_day(False), newest_day(True)
    weeks = 0 if newest_weekly is None else (
        week_start(today, first_weekday) - week_start(newest_weekly, first_weekday)).days // 7
    months = 0 if newest_monthly is None else month_index(today) - month_index(newest_monthly)
    for path, rows in histories.items():
        if by_months(path):
            step = months - months % 3 if cadences.get(path.stem) == "quarterly" else months
            moved = [shift_local(m.at, zone, months=step) for m in rows]
        else:
            moved = [shift_local(m.at, zone, weeks=weeks) for m in rows]
        kept = [Measurement(at, m.value, m.source, m.note)
                for at, m in zip(moved, rows, strict=True) if at <= now]
        write_text_atomic(path, header_line() + "".join(format_row(m) for m in kept))
    for path in sorted((root / ACKS_DIR).glob("*.csv")):  # acknowledgements move with the data
        step = months - months % 3 if cadences.get(path.stem) == "quarterly" else months
        _shift_first_column(path, zone, now, *((0, step) if by_months(path) else (weeks, 0)))


def _shift_first_column(path: Path, zone: ZoneInfo, now: datetime, weeks: int, months: int
                        ) -> None:
    """Move the times (the ``at`` column, first) of an append-only CSV file as the
    measurements moved; rows that would land in the future are dropped."""
    header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        moved = shift_local(datetime.fromisoformat(row[0]), zone, weeks=weeks, months=months)
        if moved <= now:
            writer.writerow([moved.isoformat(), *row[1:]])
    write_text_atomic(path, buffer.getvalue())


def cadences(org: Org) -> dict[str, Cadence]:
    return {outcome_id: ref.outcome.timeframe.cadence
            for outcome_id, ref in org.outcomes.items() if ref.outcome.timeframe is not None}
