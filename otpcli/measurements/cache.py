"""A cache of parsed measurement series, so the scorecard does not re-parse unchanged history.

Reading every row of every measurement file is the scorecard's largest cost
on a big org, and measurement files only ever grow. The cache keeps each
file's parsed ``(timestamp, value)`` series keyed by what user space cannot
forge together, as git's index does: the file's size, modification time,
status-change time (``st_ctime_ns``, which ``touch -r``, ``cp -p`` and
``rsync -a`` cannot set) and inode number (a file replaced through a rename is
another inode). Any change to a file makes otp parse it again.

It lives in ``.otp_cache/`` at the org root, which ignores itself for git
(like ``.ruff_cache``). The format is a JSON index followed by packed doubles
and a CRC-32 of them — never pickle, since an org repository may come from
someone else. A cache that does not check out is ignored and rewritten, so it is
written without waiting for the disk (no fsync): a torn write costs a re-parse,
never a wrong number. The first run in a checkout only leaves a mark
(``seen``); from the second run on the cache is written, so a one-off run (a CI
job) pays nothing for a cache it would never read. Files changed in the last
two seconds are not cached (their times may not yet tell two versions apart).
A linked ``.otp_cache`` is never read or written through. ``--no-cache`` or
``OTP_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

from otpcli.fileio import (
    DEFAULT_MAX_MEASUREMENT_BYTES,
    RepositoryFiles,
    UnsafeFileError,
    too_large,
)
from otpcli.measurements.store import Columns, Series, parse_columns

CACHE_DIR = ".otp_cache"
CACHE_FILE = "measurements-v2.bin"
SEEN_FILE = "seen"
_MAGIC = b"otp-series-v2\n"
_RACY_SECONDS = 2.0
_NONE = math.nan  # values are floats; NaN cannot be a recorded value, so it stands for "none"
_DISABLED = [False]

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


IGNORE = "# Created by otp; safe to delete.\n*\n"


def ensure_ignored(directory: Path) -> None:
    """``.otp_cache`` ignores itself for git, even after a killed run made it and no more."""
    ignore = directory / ".gitignore"
    if not ignore.exists():
        temporary = directory / f".gitignore.{os.getpid()}.tmp"
        temporary.write_text(IGNORE, encoding="utf-8")
        temporary.replace(ignore)


def disable() -> None:
    """Turn the cache off for this process (``--no-cache``)."""
    _DISABLED[0] = True


def enabled() -> bool:
    return not (_DISABLED[0] or os.environ.get("OTP_NO_CACHE"))


def stamp(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _slice(times: array[float], values: array[float], offset: int, count: int) -> Series:
    numbers = values[offset:offset + count]
    return list(zip(times[offset:offset + count],
                    [None if number != number else number for number in numbers], strict=True))


class SeriesCache:
    """Parsed measurement files of the org at ``root``, read as safely as any org file (a
    link out of the repository, a special file or a file over ``limit`` bytes is refused
    with :class:`~otpcli.fileio.UnsafeFileError`). With ``keep``, a file asked for twice in
    one run (by two lint rules) is parsed once, even when nothing is written to disk."""

    def __init__(self, root: Path, limit: int = DEFAULT_MAX_MEASUREMENT_BYTES, *,
                 keep: bool = False) -> None:
        self.files = RepositoryFiles(root)
        self.keep = keep
        self.limit = limit
        self.directory = root / CACHE_DIR
        self.path = self.directory / CACHE_FILE
        self.enabled = enabled()
        self._index: dict[str, list[int]] = {}
        self._times = array("d")
        self._values = array("d")
        # Newly parsed series are packed as they arrive (the parsed rows can then be freed):
        # name -> (stamp, offset, count) into the two arrays below.
        self._fresh: dict[str, tuple[Stamp, int, int]] = {}
        self._fresh_times = array("d")
        self._fresh_values = array("d")
        #: the oldest time (modification or change, whichever is later) of a file parsed
        #: this run; a run that parsed only files too recent to cache leaves no mark
        self._oldest_parsed: int | None = None
        self.writes = False  # whether this run packs what it parses and writes the cache
        if self.enabled:
            self._read()
            self.writes = bool(self._index) or self._seen()

    def _real_directory(self) -> bool:
        """Whether ``.otp_cache`` is a directory of its own (not a link to elsewhere)."""
        try:
            return stat.S_ISDIR(os.lstat(self.directory).st_mode)
        except OSError:
            return False

    def _seen(self) -> bool:
        """Whether an earlier run in this checkout parsed measurements (and left the mark)."""
        return self._real_directory() and os.path.lexists(self.directory / SEEN_FILE)

    def _read(self) -> None:
        if not self._real_directory():
            return
        try:
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                raw = handle.read()
        except OSError:
            return
        finally:
            os.close(descriptor)
        try:
            if not raw.startswith(_MAGIC):
                return
            header_end = raw.index(b"\n", len(_MAGIC))
            header = json.loads(raw[len(_MAGIC):header_end])
            index, checksum = header["index"], header["crc32"]
            body = memoryview(raw)[header_end + 1:]
            count = sum(entry[5] for entry in index.values())
            if len(body) != count * 16 or zlib.crc32(body) != checksum:
                return  # torn or damaged: ignored, and rewritten
            times, values = array("d"), array("d")
            times.frombytes(body[: count * 8])
            values.frombytes(body[count * 8: count * 16])
        except (ValueError, TypeError, KeyError, IndexError):
            return  # a damaged cache is ignored and rewritten
        self._index, self._times, self._values = index, times, values

    def get(self, name: str, status: os.stat_result) -> Series | None:
        key = stamp(status)
        fresh = self._fresh.get(name)
        if fresh is not None and fresh[0] == key:  # parsed earlier in this run
            return _slice(self._fresh_times, self._fresh_values, fresh[1], fresh[2])
        entry = self._index.get(name)
        if entry is None or tuple(entry[:4]) != key:
            return None
        return _slice(self._times, self._values, entry[4], entry[5])

    def _pack(self, name: str, key: Stamp, columns: Columns) -> None:
        times, values = columns
        self._fresh[name] = (key, len(self._fresh_times), len(times))
        self._fresh_times.extend(times)  # C-level: this runs for every file on a cold run
        self._fresh_values.extend([_NONE if value is None else value for value in values]
                                  if None in values else cast("list[float]", values))

    def series(self, file: str) -> Series:
        """The series of one measurement file (``measurements/<id>.csv``), from the cache
        when the file is unchanged; no file is no measurements."""
        try:
            _, status = self.files.resolve(file)
        except FileNotFoundError:
            return []
        name = file.rpartition("/")[2]
        cached = self.get(name, status)
        if cached is not None:
            return cached
        if status.st_size > self.limit:
            raise UnsafeFileError(file, too_large(status.st_size, self.limit,
                                                  "limits.max_measurement_bytes"))
        try:
            raw = self.files.read(file, self.limit)
        except FileNotFoundError:
            return []
        return self._parse(name, stamp(status), raw, file,
                           changed=max(status.st_mtime_ns, status.st_ctime_ns))

    def blob_series(self, blob_id: str, read: Callable[[], bytes], file: str) -> Series:
        """The series of a measurement file as git stores it: the blob id names the content
        exactly, so a parsed blob never needs parsing again."""
        name = f"git-blob:{blob_id}"
        entry = self._index.get(name)
        if entry is not None:
            return _slice(self._times, self._values, entry[4], entry[5])
        fresh = self._fresh.get(name)
        if fresh is not None:
            return _slice(self._fresh_times, self._fresh_values, fresh[1], fresh[2])
        # a blob's content never changes: always worth caching
        return self._parse(name, (0, 0, 0, 0), read(), file, changed=0)

    def _parse(self, name: str, key: Stamp, raw: bytes, file: str, *, changed: int) -> Series:
        """Parse a file, keep it for this run or the next (``keep``, ``writes``), and note
        the time it last ``changed`` (whether the cache may keep it)."""
        columns = parse_columns(raw, file)
        if self._oldest_parsed is None or changed < self._oldest_parsed:
            self._oldest_parsed = changed
        if self.writes or self.keep:
            self._pack(name, key, columns)
        return list(zip(*columns, strict=True))

    def save(self) -> None:
        """Write the cache if anything new was parsed; never fails the command.

        A file changed within the last two seconds is left out: its times may not yet tell
        two versions apart. "Now" is the file system's own clock (the change time of the
        cache file being written), not the process's, which may be faked or skewed."""
        if not self.enabled:
            return
        if not self.writes:
            if self._oldest_parsed is not None:
                self._mark_seen(self._oldest_parsed)
            return
        if not self._fresh:
            return
        try:
            temporary = self._create()
        except OSError:
            return  # a read-only checkout still gets its scorecard
        if temporary is None:
            return
        path, handle, now_ns, created = temporary
        racy = now_ns - int(_RACY_SECONDS * 1e9)
        self._fresh = {name: entry for name, entry in self._fresh.items()
                       if entry[0] == (0, 0, 0, 0) or max(entry[0][1], entry[0][2]) < racy}
        try:
            with handle:
                if self._fresh:
                    for part in self._payload():
                        handle.write(part)
            if self._fresh:
                path.replace(self.path)
        except OSError:
            pass
        finally:
            path.unlink(missing_ok=True)
            if not self._fresh:  # nothing to keep: leave no trace
                self._leave_no_trace(created)

    def _payload(self) -> tuple[bytes, array[float], array[float]]:
        index: dict[str, list[int]] = {}
        times, values = array("d"), array("d")
        for name in sorted(set(self._index) - set(self._fresh)):
            entry = self._index[name]
            offset, count = entry[4], entry[5]
            index[name] = [*entry[:4], len(times), count]
            times.extend(self._times[offset:offset + count])
            values.extend(self._values[offset:offset + count])
        base = len(times)
        if sum(entry[2] for entry in self._fresh.values()) == len(self._fresh_times):
            # every packed row is still wanted (the usual case): one copy of each array
            for name, (key, offset, count) in sorted(self._fresh.items()):
                index[name] = [*key, base + offset, count]
            times.extend(self._fresh_times)
            values.extend(self._fresh_values)
        else:  # a file parsed twice, or left out as too recent: copy only what is kept
            for name, (key, offset, count) in sorted(self._fresh.items()):
                index[name] = [*key, len(times), count]
                times.extend(self._fresh_times[offset:offset + count])
                values.extend(self._fresh_values[offset:offset + count])
        checksum = zlib.crc32(values, zlib.crc32(times))
        header = json.dumps({"index": index, "crc32": checksum}, separators=(",", ":"))
        return _MAGIC + header.encode() + b"\n", times, values

    def _mark_seen(self, oldest_parsed: int) -> None:
        """The first run in a checkout writes only a mark: a one-off run (a CI job) pays
        nothing for a cache it will never read; the next run writes the cache. A run that
        parsed only files changed in the last two seconds (none of which the cache would
        keep) leaves no trace."""
        with contextlib.suppress(OSError):
            opened = self._open_inside(SEEN_FILE, os.O_WRONLY | os.O_CREAT)
            if opened is None:
                return
            descriptor, now_ns, created = opened
            os.close(descriptor)
            if oldest_parsed < now_ns - int(_RACY_SECONDS * 1e9):
                return
            (self.directory / SEEN_FILE).unlink()
            self._leave_no_trace(created)

    def _create(self) -> tuple[Path, BinaryIO, int, bool] | None:
        """A new temporary file in the cache directory (renamed over the cache once written:
        no fsync, see the module docstring), the file system's time now, and whether the
        directory was made for it; ``None`` when ``.otp_cache`` is a link."""
        path = self.directory / f".{CACHE_FILE}.{os.getpid()}.tmp"
        opened = self._open_inside(path.name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        if opened is None:
            return None
        descriptor, now_ns, created = opened
        return path, os.fdopen(descriptor, "wb"), now_ns, created

    def _open_inside(self, name: str, flags: int) -> tuple[int, int, bool] | None:
        """A file of the cache directory (made, ignoring itself for git, when missing)
        opened with ``flags``, the file system's time now (the file's change time), and
        whether the directory was made now; ``None`` when ``.otp_cache`` is a link, which is
        never written through."""
        created = not os.path.lexists(self.directory)
        if created:
            self.directory.mkdir()
        if not self._real_directory():
            return None
        ensure_ignored(self.directory)
        descriptor = os.open(self.directory / name, flags | os.O_NOFOLLOW, 0o644)
        try:
            status = os.fstat(descriptor)
        except OSError:
            os.close(descriptor)
            raise
        return descriptor, max(status.st_mtime_ns, status.st_ctime_ns), created

    def _leave_no_trace(self, created: bool) -> None:
        """Remove the cache directory again if this run made it (and it holds nothing)."""
        if created:
            (self.directory / ".gitignore").unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                self.directory.rmdir()
