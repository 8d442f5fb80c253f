"""Create org repositories: an empty one, or one from a bundled example.

The new repository is built and committed in a temporary directory next to
the target and renamed into place at the end, so a failure never leaves a
half-made org behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli import clock
from otpcli.errors import OtpError
from otpcli.fileio import write_text_atomic
from otpcli.measurements import (
    Measurement,
    format_row,
    header_line,
    read_measurements,
)
from otpcli.org.calendar import month_index, shift_local, week_start, weekday_index
from otpcli.org.load import CONFIG_FILE, MEASUREMENTS_DIR, SEATS_DIR, Org, require_org
from otpcli.org.model import SLUG_PATTERN, Cadence, OrgConfig
from otpcli.org.schema import write_schemas

EXAMPLES = ("sneeze-it",)
SCHEMAS_DIR = "schemas"
_MODELINE = re.compile(r"^(# yaml-language-server: \$schema=)(?:\.\./)*(schemas/)", re.MULTILINE)


def bundled(kind: str) -> Path:
    """Where the bundled ``examples`` or ``schemas`` live: in the wheel, or in a checkout."""
    package = Path(__file__).resolve().parent.parent  # otpcli/
    packaged = package / "_bundled" / kind
    if packaged.is_dir():
        return packaged
    checkout = package.parent / kind
    if checkout.is_dir():
        return checkout
    raise OtpError(f"the bundled {kind} are missing from this otp installation; reinstall otp")


def create_org(
    target: Path,
    *,
    name: str,
    timezone: str,
    week_start_day: str,
    root_seat: str,
    root_title: str,
    holder: str,
) -> str:
    """Create a new org repository with one root seat; return the first commit's id."""
    if not re.match(SLUG_PATTERN, root_seat):
        raise OtpError(f"`{root_seat}` is not a seat id: use lowercase letters, digits and "
                       "hyphens, such as `founder`")
    OrgConfig.model_validate({"name": name, "timezone": timezone, "week_start": week_start_day})
    with _staged(target) as stage:
        write_text_atomic(stage / CONFIG_FILE, _config_text(name, timezone, week_start_day))
        (stage / SEATS_DIR).mkdir()
        write_text_atomic(stage / SEATS_DIR / f"{root_seat}.yaml", _root_seat_text(root_title,
                                                                                   holder))
        (stage / MEASUREMENTS_DIR).mkdir()
        (stage / MEASUREMENTS_DIR / ".gitkeep").touch()
        write_schemas(stage / SCHEMAS_DIR)
        return _commit_all(stage, f"Create org {name}")


def create_example(target: Path, example: str, now: datetime | None = None) -> str:
    """Copy a bundled example into a new repository, dates moved to the current week."""
    if example not in EXAMPLES:
        raise OtpError(f"unknown example `{example}`; available: {', '.join(EXAMPLES)}")
    source = bundled("examples") / example
    with _staged(target) as stage:
        shutil.copytree(source, stage, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _point_modelines_at(stage)
        write_schemas(stage / SCHEMAS_DIR)
        org = require_org(stage)
        shift_example_dates(stage, org.config, _cadences(org), now or clock.now())
        return _commit_all(stage, f"Create org {org.config.name} from the {example} example")


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


def _cadences(org: Org) -> dict[str, Cadence]:
    return {outcome_id: ref.outcome.timeframe.cadence
            for outcome_id, ref in org.outcomes.items() if ref.outcome.timeframe is not None}


@contextmanager
def _staged(target: Path) -> Iterator[Path]:
    """A temporary directory beside ``target``, renamed to it if the block succeeds."""
    target = target.expanduser().absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OtpError(f"{target} already exists and is not empty; otp init creates a new org "
                       "repository, so give it a new or empty directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.otp-init-", dir=target.parent))
    try:
        yield stage
        if target.exists():
            target.rmdir()
        stage.replace(target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _commit_all(root: Path, message: str) -> str:
    from otpcli.git import commit_paths, init_repo

    repo = init_repo(root)
    paths = sorted(str(path.relative_to(root)) for path in root.rglob("*")
                   if path.is_file() and ".git" not in path.relative_to(root).parts)
    return commit_paths(repo, paths, message)


def _point_modelines_at(root: Path) -> None:
    """Bundled files point at the otp checkout's schemas/; point them at the org's own."""
    for path in [root / CONFIG_FILE, *sorted((root / SEATS_DIR).glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        depth = "" if path.parent == root else "../"
        updated = _MODELINE.sub(rf"\g<1>{depth}\g<2>", text, count=1)
        if updated != text:
            write_text_atomic(path, updated)


def local_timezone() -> str:
    """The machine's IANA time zone name, or UTC when it cannot be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = str(Path("/etc/localtime").resolve()).split("zoneinfo/", 1)[1]
        except (OSError, IndexError):
            name = "UTC"
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return "UTC"
    return name


def _config_text(name: str, timezone: str, week_start_day: str) -> str:
    return (
        f"# yaml-language-server: $schema={SCHEMAS_DIR}/otp.schema.json\n"
        "# The org's settings. Every key is described in otp's docs/format.md.\n"
        f"name: {_quote(name)}\n"
        f"timezone: {timezone}   # periods are computed in this IANA time zone\n"
        f"week_start: {week_start_day}\n"
    )


def _root_seat_text(title: str, holder: str) -> str:
    return (
        f"# yaml-language-server: $schema=../{SCHEMAS_DIR}/seat.schema.json\n"
        "# The root seat: every other seat reports up to it, directly or not.\n"
        "# Add outcomes (metric, range, timeframe, exceptions) so it is on the scorecard.\n"
        f"title: {_quote(title)}\n"
        "holder:\n"
        f"  name: {_quote(holder)}\n"
        "  kind: human\n"
        "capabilities: []\n"
        "outcomes: []\n"
    )


def _quote(text: str) -> str:
    """Plain when that reads back as the same string, double-quoted otherwise."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&'()-]*", text) and not text.endswith(" ") and (
        text.lower() not in ("true", "false", "null", "yes", "no", "on", "off")
    ):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
