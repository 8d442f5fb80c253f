"""Files: reading inside the org repository without ever leaving it, and writes that never
leave a half-written file (write a temporary file, then rename).

The org repository is untrusted input (a pull request controls it), so every read of an
org file goes through :class:`RepositoryFiles`: a symbolic link that resolves outside the
repository is refused, never followed; FIFOs, devices, sockets and directories where a file
is expected are refused without being opened; a file over the size limit is refused before
it is read.
"""

# ruff: noqa: PTH116, PTH118 - plain string paths: a large org reads thousands of files

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from otpcli.errors import OtpError

#: The default size limit for one org file (settable in otp.yaml: limits.max_file_bytes).
DEFAULT_MAX_FILE_BYTES = 1_000_000
#: The default size limit for one measurement file (limits.max_measurement_bytes).
DEFAULT_MAX_MEASUREMENT_BYTES = 16_000_000


class UnsafeFileError(OtpError):
    """A file otp refuses to read or write; ``reason`` completes "<file>: ..."."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


OUTSIDE = "a symbolic link to a file outside the repository; otp does not follow it"


def describe_mode(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def not_regular(mode: int) -> str:
    return f"{describe_mode(mode)}, not a regular file; otp reads only regular files"


class RepositoryFiles:
    """Reads files under one root, refusing anything that would leave it.

    Symbolic links that stay inside the root are followed; the check is on the real path,
    so a link anywhere on the way (a linked ``seats/`` directory included) is caught.
    Directories are resolved once and remembered, so reading thousands of files costs one
    ``lstat`` and one ``open`` each.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = os.path.realpath(root)
        self._directories: dict[str, str | None] = {}

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)

    def directory(self, relative: str) -> str | None:
        """The real path of a directory under the root; ``None`` when it does not exist."""
        if relative in ("", "."):
            return self.root
        if relative in self._directories:
            return self._directories[relative]
        real = os.path.realpath(os.path.join(self.root, relative))
        if not self._inside(real):
            raise UnsafeFileError(relative, "a symbolic link to a directory outside the "
                                  "repository; otp does not follow it")
        try:
            mode = os.stat(real).st_mode
        except FileNotFoundError:
            found: str | None = None
        else:
            if not stat.S_ISDIR(mode):
                raise UnsafeFileError(relative, f"{describe_mode(mode)}, not a directory")
            found = real
        self._directories[relative] = found
        return found

    def resolve(self, relative: str) -> tuple[str, os.stat_result]:
        """The real path of a regular file under the root, and its status.

        Raises :class:`FileNotFoundError` when there is no such file (a dangling link
        included) and :class:`UnsafeFileError` for anything otp must not open.
        """
        parent, _, name = relative.rpartition("/")
        directory = self.directory(parent)
        if directory is None:
            raise FileNotFoundError(relative)
        path = os.path.join(directory, name)
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            path = os.path.realpath(path)
            if not self._inside(path):
                raise UnsafeFileError(relative, OUTSIDE)
            status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFileError(relative, not_regular(status.st_mode))
        return path, status

    def read(self, relative: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
        """The bytes of a regular file under the root, at most ``limit`` of them."""
        path, status = self.resolve(relative)
        if status.st_size > limit:
            raise UnsafeFileError(relative, too_large(status.st_size, limit))
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode) or opened.st_ino != status.st_ino:
                raise UnsafeFileError(relative, "the file changed while otp opened it; run "
                                      "the command again")
            data = read_up_to(descriptor, limit + 1)
        finally:
            os.close(descriptor)
        if len(data) > limit:
            raise UnsafeFileError(relative, too_large(len(data), limit))  # it grew meanwhile
        return data


def open_regular(path: Path, flags: int) -> int:
    """``os.open`` that never follows a symbolic link and never blocks on or writes to a
    FIFO, device or socket: a file swapped for one after it was checked is refused."""
    try:
        descriptor = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFileError(path.name, "a symbolic link; otp does not write through "
                                  "it") from None
        if error.errno == errno.ENXIO:  # a FIFO nobody reads
            raise UnsafeFileError(path.name, not_regular(stat.S_IFIFO)) from None
        if error.errno == errno.EISDIR:
            raise UnsafeFileError(path.name, not_regular(stat.S_IFDIR)) from None
        raise
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise UnsafeFileError(path.name, not_regular(mode))
    return descriptor


def too_large(size: int, limit: int, setting: str = "limits.max_file_bytes") -> str:
    return (f"the file is {size:,} bytes, over the limit of {limit:,}; split it, or raise "
            f"{setting} in otp.yaml")


def read_up_to(descriptor: int, count: int = sys.maxsize) -> bytes:
    """At most ``count`` bytes of an open file, from where it stands (a new one: its start)."""
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def write_text_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, in order) to ``path`` all or nothing."""
    if isinstance(text, str):
        write_bytes_atomic(path, text.encode("utf-8"))
    else:
        write_bytes_atomic(path, (piece.encode("utf-8") for piece in text))


def write_bytes_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def process_alive(pid: object) -> bool:
    """Whether ``pid`` is a running process other than this one."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_temporary(directory: Path, pattern: str) -> None:
    """Remove temporary files ``pattern`` (``*`` stands for the writer's process id) that a
    killed process left in ``directory``; never one of a process still running."""
    prefix, _, suffix = pattern.partition("*")
    try:
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            return  # a link: nothing is removed through it
        names = os.listdir(directory)  # noqa: PTH208 - names, not paths
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix):
            owner = name[len(prefix):len(name) - len(suffix)].split("-")[0]
            if not process_alive(int(owner) if owner.isdigit() else None):
                with contextlib.suppress(OSError):
                    (directory / name).unlink()
