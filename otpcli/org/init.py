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
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError
from otpcli.fileio import write_text_atomic
from otpcli.org.load import CONFIG_FILE, MEASUREMENTS_DIR, SEATS_DIR
from otpcli.org.model import SLUG_PATTERN, OrgConfig
from otpcli.org.schema import write_schemas

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
    with staged(target) as stage:
        write_text_atomic(stage / CONFIG_FILE, _config_text(name, timezone, week_start_day))
        (stage / SEATS_DIR).mkdir()
        write_text_atomic(stage / SEATS_DIR / f"{root_seat}.yaml", _root_seat_text(root_title,
                                                                                   holder))
        (stage / MEASUREMENTS_DIR).mkdir()
        (stage / MEASUREMENTS_DIR / ".gitkeep").touch()
        write_schemas(stage / SCHEMAS_DIR)
        return commit_all(stage, f"Create org {name}")


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A temporary directory beside ``target``, renamed to it if the block succeeds."""
    target = target.expanduser().absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OtpError(f"{target} already exists and is not empty; otp init creates a new org "
                       "repository, so give it a new or empty directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.otp-init-", dir=target.parent))
    moved: list[Path] = []
    try:
        yield stage
        if not target.exists():
            stage.replace(target)
            return
        # An empty directory that exists (the one a shell stands in, say) keeps its identity:
        # the new repository moves into it, entry by entry, and is taken back on failure.
        for entry in sorted(stage.iterdir()):
            entry.replace(target / entry.name)
            moved.append(target / entry.name)
        stage.rmdir()
    except BaseException:
        for path in moved:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(stage, ignore_errors=True)
        raise


def commit_all(root: Path, message: str, fallback: tuple[str, str] | None = None) -> str:
    from otpcli.git import commit_paths, init_repo

    repo = init_repo(root)
    paths = sorted(str(path.relative_to(root)) for path in root.rglob("*")
                   if path.is_file() and ".git" not in path.relative_to(root).parts)
    return commit_paths(repo, paths, message, fallback)


def point_modelines_at(root: Path) -> None:
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
