"""Where an org's files come from.

The loader reads through an :class:`OrgSource`, never from paths directly: the work tree
on disk (:class:`DiskSource`, which refuses symbolic links out of the repository, special
files and oversized files), or a git revision (provided by ``otpcli.history``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

from otpcli.fileio import DEFAULT_MAX_FILE_BYTES, RepositoryFiles

EntryKind = Literal["file", "directory"]


class SourceEntry(NamedTuple):
    """One name in a directory of the org. Anything that is not a directory is listed as a
    file; reading it says what is wrong with it (a link out, a FIFO, ...)."""

    name: str
    kind: EntryKind


class OrgSource(Protocol):
    """Read access to the files of one org, by repo-relative path with forward slashes."""

    #: the org root on disk (for messages and for the commands that write)
    root: Path

    def list(self, directory: str) -> list[SourceEntry] | None:
        """The entries of ``directory`` sorted by name; ``None`` when it does not exist.
        Raises :class:`~otpcli.fileio.UnsafeFileError` for a directory otp must not read."""
        ...

    def read(self, relative: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
        """A file's bytes. Raises :class:`FileNotFoundError` when it does not exist and
        :class:`~otpcli.fileio.UnsafeFileError` when otp must not read it."""
        ...


class DiskSource:
    """The org's files in the work tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = RepositoryFiles(root)

    def list(self, directory: str) -> list[SourceEntry] | None:
        real = self.files.directory(directory)
        if real is None:
            return None
        with os.scandir(real) as entries:
            found = [SourceEntry(entry.name, "directory" if entry.is_dir(follow_symlinks=False)
                                 else "file") for entry in entries]
        return sorted(found)

    def read(self, relative: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
        return self.files.read(relative, limit)
