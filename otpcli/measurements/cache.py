"""A cache of parsed measurement series, so the scorecard does not re-parse unchanged history.

Reading every row of every measurement file is the scorecard's largest cost
on a big org, and measurement files only ever grow. The cache keeps each
file's parsed ``(timestamp, value)`` series keyed by its size and modification
time; any change to a file (an append changes both) makes otp parse it again.

It lives in ``.otp_cache/`` at the org root, which ignores itself for git
(like ``.ruff_cache``). The format is a JSON index followed by packed doubles
— never pickle, since an org repository may come from someone else. Files
modified in the last two seconds are not cached (their modification time may
not yet tell two versions apart). ``OTP_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import json
import math
import os
import time
from array import array
from collections.abc import Callable
from pathlib import Path

from otpcli.fileio import write_bytes_atomic
from otpcli.measurements.store import Series, parse_series, read_series

CACHE_DIR = ".otp_cache"
CACHE_FILE = "measurements-v1.bin"
_MAGIC = b"otp-series-v1\n"
_RACY_SECONDS = 2.0
_NONE = math.nan  # values are floats; NaN cannot be a recorded value, so it stands for "none"


class SeriesCache:
    def __init__(self, root: Path) -> None:
        self.path = root / CACHE_DIR / CACHE_FILE
        self.enabled = not os.environ.get("OTP_NO_CACHE")
        self._index: dict[str, list[int]] = {}
        self._times = array("d")
        self._values = array("d")
        self._fresh: dict[str, tuple[int, int, Series]] = {}
        if self.enabled:
            self._read()

    def _read(self) -> None:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return
        try:
            if not raw.startswith(_MAGIC):
                return
            header_end = raw.index(b"\n", len(_MAGIC))
            index = json.loads(raw[len(_MAGIC):header_end])
            body = memoryview(raw)[header_end + 1:]
            count = sum(entry[3] for entry in index.values())
            times, values = array("d"), array("d")
            times.frombytes(body[: count * 8])
            values.frombytes(body[count * 8: count * 16])
        except (ValueError, TypeError, KeyError, IndexError):
            return  # a damaged cache is ignored and rewritten
        if len(times) == count and len(values) == count:
            self._index, self._times, self._values = index, times, values

    def get(self, name: str, stat: os.stat_result) -> Series | None:
        entry = self._index.get(name)
        if entry is None or entry[0] != stat.st_size or entry[1] != stat.st_mtime_ns:
            return None
        offset, count = entry[2], entry[3]
        values = self._values[offset:offset + count]
        return list(zip(self._times[offset:offset + count],
                        [None if value != value else value for value in values], strict=True))

    def put(self, name: str, stat: os.stat_result, series: Series) -> None:
        if self.enabled and time.time() - stat.st_mtime > _RACY_SECONDS:
            self._fresh[name] = (stat.st_size, stat.st_mtime_ns, series)

    def series(self, path: str, file: str) -> Series:
        """The series of one measurement file, from the cache when the file is unchanged."""
        try:
            stat = os.stat(path)  # noqa: PTH116 - str paths: thousands of files
        except FileNotFoundError:
            return []
        name = os.path.basename(path)  # noqa: PTH119
        cached = self.get(name, stat)
        if cached is not None:
            return cached
        parsed = read_series(path, file)
        self.put(name, stat, parsed)
        return parsed

    def blob_series(self, blob_id: str, read: Callable[[], bytes], file: str) -> Series:
        """The series of a measurement file as git stores it: the blob id names the content
        exactly, so a parsed blob never needs parsing again."""
        name = f"git-blob:{blob_id}"
        entry = self._index.get(name)
        if entry is not None:
            offset, count = entry[2], entry[3]
            values = self._values[offset:offset + count]
            return list(zip(self._times[offset:offset + count],
                            [None if value != value else value for value in values],
                            strict=True))
        parsed = parse_series(read(), file)
        if self.enabled:
            self._fresh[name] = (0, 0, parsed)
        return parsed

    def save(self) -> None:
        """Write the cache if anything new was parsed; never fails the command."""
        if not self.enabled or not self._fresh:
            return
        index: dict[str, list[int]] = {}
        times, values = array("d"), array("d")
        for name in sorted(set(self._index) - set(self._fresh)):
            size, mtime, offset, count = self._index[name]
            index[name] = [size, mtime, len(times), count]
            times.extend(self._times[offset:offset + count])
            values.extend(self._values[offset:offset + count])
        for name, (size, mtime, series) in sorted(self._fresh.items()):
            index[name] = [size, mtime, len(times), len(series)]
            times.extend(point[0] for point in series)
            values.extend(_NONE if point[1] is None else point[1] for point in series)
        payload = (_MAGIC + json.dumps(index, separators=(",", ":")).encode() + b"\n"
                   + times.tobytes() + values.tobytes())
        try:
            directory = self.path.parent
            directory.mkdir(exist_ok=True)
            ignore = directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by otp; safe to delete.\n*\n", encoding="utf-8")
            write_bytes_atomic(self.path, payload)
        except OSError:
            pass  # a read-only checkout still gets its scorecard
