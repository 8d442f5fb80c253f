"""Find the one seat file that holds an outcome, without loading the whole org.

Recording a value (``otp record``, MCP's ``record_measurement``) needs one outcome: its
metric, its seat and the seats allowed to write it. Loading every seat for that costs
seconds and hundreds of megabytes at fleet size, so the recording path loads ``otp.yaml``
and the one seat file instead.

Which file holds an outcome is remembered in ``.otp_cache/outcomes-v1.json``. An entry is
trusted only while the ``seats/`` directory and the file are unchanged (size, modification
and change times, inode: what git's index compares), and the file is parsed and checked to
define the outcome every time; anything else falls back to a scan that reads the seat files
as bytes and parses only those that mention the outcome id. The scan keeps the loader's
rule for a duplicated id: the first seat file by name wins.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from otpcli.errors import OrgLoadError, OtpError
from otpcli.fileio import RepositoryFiles, UnsafeFileError, write_bytes_atomic
from otpcli.org.load import MEASUREMENTS_DIR, SEATS_DIR, Org, load_org
from otpcli.org.source import DiskSource, SourceEntry

CACHE_DIR = ".otp_cache"
INDEX_FILE = "outcomes-v1.json"
_VERSION = 1

Stamp = list[int]


class OnlySeat:
    """A source that shows only the named seat files in ``seats/`` (those that exist) and
    everything else as it is."""

    def __init__(self, inner: DiskSource, *names: str) -> None:
        self.inner = inner
        self.root = inner.root
        self.names = names

    def list(self, directory: str) -> list[SourceEntry] | None:
        if directory == SEATS_DIR:
            seats = self.root / SEATS_DIR
            return [SourceEntry(name, "file") for name in dict.fromkeys(self.names)
                    if os.path.lexists(seats / name)]
        return self.inner.list(directory)

    def read(self, relative: str, limit: int = 1_000_000) -> bytes:
        return self.inner.read(relative, limit)


def _stamp(status: os.stat_result) -> Stamp:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def locate_outcome(root: Path, outcome_id: str, with_seats: tuple[str, ...] = ()) -> Org:
    """An org holding ``otp.yaml`` and only the seat that defines ``outcome_id``.

    Raises :class:`OtpError` when no seat file defines it, and :class:`OrgLoadError` when
    ``otp.yaml`` or that seat file does not load. ``with_seats`` are seat ids to load as
    well (the seat acting for an MCP client), when their files exist.
    """
    source = DiskSource(root)
    index = _Index(root, source.files)
    remembered = index.get(outcome_id)
    if remembered is not None:
        org = _load_one(root, source, remembered, with_seats)
        if outcome_id in org.outcomes:
            return org
    broken: OrgLoadError | None = None
    for name in _candidates(source, outcome_id):
        try:
            org = _load_one(root, source, name, with_seats)
        except OrgLoadError as error:
            broken = broken or error  # it may be the file that defines it
            continue
        if outcome_id in org.outcomes:
            index.put(outcome_id, name)
            return org
    if broken is not None:
        raise broken
    raise OtpError(f"no outcome `{outcome_id}` in this org; {_hint(source, outcome_id)}")


def _hint(source: DiskSource, outcome_id: str) -> str:
    """A did-you-mean from the measurement files' names (each is an outcome id)."""
    from otpcli.errors import did_you_mean

    try:
        entries = source.list(MEASUREMENTS_DIR) or []
    except UnsafeFileError:
        entries = []
    known = [entry.name.removesuffix(".csv") for entry in entries
             if entry.name.endswith(".csv")]
    if outcome_id in known:
        return (f"{MEASUREMENTS_DIR}/{outcome_id}.csv exists, but no seat file defines it "
                "(`otp lint` shows what is wrong)")
    return did_you_mean(outcome_id, known, "`otp scorecard` lists the outcomes")


def _load_one(root: Path, source: DiskSource, name: str, with_seats: tuple[str, ...]) -> Org:
    extra = tuple(f"{seat}.yaml" for seat in with_seats)
    loaded = load_org(root, source=OnlySeat(source, name, *extra))
    if loaded.problems:
        raise OrgLoadError(loaded.problems)
    return loaded.org


def _candidates(source: DiskSource, outcome_id: str) -> list[str]:
    """Seat files, by name, whose bytes mention ``outcome_id``."""
    needle = outcome_id.encode()
    entries = source.list(SEATS_DIR) or []
    found: list[str] = []
    for entry in entries:
        if entry.kind != "file" or not entry.name.endswith(".yaml") or \
                entry.name.startswith("."):
            continue
        try:
            raw = source.read(f"{SEATS_DIR}/{entry.name}")
        except (OSError, UnsafeFileError):
            continue  # the full loader and `otp lint` report it
        if needle in raw:
            found.append(entry.name)
    return found


class _Index:
    """``.otp_cache/outcomes-v1.json``: outcome id -> seat file name and its stamp."""

    def __init__(self, root: Path, files: RepositoryFiles) -> None:
        self.root = root
        self.files = files
        self.entries: dict[str, list[object]] = {}
        self.seats_stamp: Stamp | None = None
        try:
            seats = files.directory(SEATS_DIR)
        except UnsafeFileError:
            seats = None
        if seats is None:
            return
        self.seats_stamp = _stamp(Path(seats).stat())
        try:
            data = json.loads(files.read(f"{CACHE_DIR}/{INDEX_FILE}"))
        except (OSError, OtpError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _VERSION and \
                data.get("seats") == self.seats_stamp and isinstance(data.get("outcomes"), dict):
            self.entries = data["outcomes"]

    def get(self, outcome_id: str) -> str | None:
        entry = self.entries.get(outcome_id)
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
            return None
        name, stamp = entry[0], entry[1]
        try:
            _, status = self.files.resolve(f"{SEATS_DIR}/{name}")
        except (OSError, UnsafeFileError):
            return None
        return name if _stamp(status) == stamp else None

    def put(self, outcome_id: str, name: str) -> None:
        """Remember where ``outcome_id`` is; never fails the command."""
        if self.seats_stamp is None:
            return
        try:
            _, status = self.files.resolve(f"{SEATS_DIR}/{name}")
            directory = self.files.directory(CACHE_DIR)
            if directory is None:
                (self.root / CACHE_DIR).mkdir()
                (self.root / CACHE_DIR / ".gitignore").write_text(
                    "# Created by otp; safe to delete.\n*\n", encoding="utf-8")
            elif not stat.S_ISDIR(os.lstat(self.root / CACHE_DIR).st_mode):
                return  # a link: never write through it
            self.entries[outcome_id] = [name, _stamp(status)]
            payload = json.dumps({"version": _VERSION, "seats": self.seats_stamp,
                                  "outcomes": self.entries}, separators=(",", ":"))
            write_bytes_atomic(self.root / CACHE_DIR / INDEX_FILE, payload.encode())
        except (OSError, OtpError):
            pass
