"""Where an org's files come from.

The loader reads through an :class:`OrgSource`, never from paths directly: the work tree
on disk (:class:`DiskSource`, which refuses symbolic links out of the repository, special
files and oversized files), or a git revision (:class:`GitSource`, which reads blobs
without touching the work tree, the index or HEAD, and refuses symbolic links and
submodules).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from otpcli.fileio import DEFAULT_MAX_FILE_BYTES, RepositoryFiles, UnsafeFileError, too_large

if TYPE_CHECKING:
    from git import Repo

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


_LINK_MODE = 0o120000
_SUBMODULE_MODE = 0o160000
_TREE_MODE = 0o040000


def tip(source: object) -> str:
    """The revision an org was read at: its commit for a :class:`GitSource`, else ``HEAD``
    (the work tree builds on it)."""
    return source.commit if isinstance(source, GitSource) else "HEAD"


class GitSource:
    """The org's files as they are in one commit, read from git's object database.

    Nothing on disk is read or changed (not the work tree, the index or HEAD). A symbolic
    link or a submodule where otp expects a file or a directory is refused, never followed:
    in a commit it could point anywhere on the machine that runs otp.
    """

    def __init__(self, root: Path, rev: str, repo: Repo | None = None,
                 label: str | None = None) -> None:
        from otpcli.git import open_repo, resolve_commit, work_tree_path

        self.root = root
        self.rev = rev
        #: how messages name the revision (what the user asked for)
        self.label = label or rev
        self.repo = repo if repo is not None else open_repo(root)
        #: the commit id ``rev`` named when the source was made
        self.commit = resolve_commit(self.repo, rev)
        prefix = work_tree_path(self.repo, root)
        self.prefix = "" if prefix in ("", ".") else prefix
        self._top: bytes = self.repo.commit(self.commit).tree.binsha
        self._trees: dict[bytes, dict[str, tuple[int, bytes]]] = {}

    def _path(self, relative: str) -> str:
        relative = relative.strip("/")
        return "/".join(part for part in (self.prefix, relative) if part)

    def _entry(self, path: str) -> tuple[int, bytes] | None:
        """``(mode, object id)`` of ``path`` in the commit; ``None`` when it is not there.
        Every directory on the way must be a real directory of the commit."""
        mode, binsha = _TREE_MODE, self._top
        walked: list[str] = []
        for name in (part for part in path.split("/") if part):
            if mode != _TREE_MODE:
                raise UnsafeFileError("/".join(walked), _refusal(mode, "directory"))
            found = self._children(binsha).get(name)
            if found is None:
                return None
            mode, binsha = found
            walked.append(name)
        return mode, binsha

    def list(self, directory: str) -> list[SourceEntry] | None:
        try:
            found = self._entry(self._path(directory))
        except UnsafeFileError as error:
            raise UnsafeFileError(self._relative(error.file) or directory, error.reason) from None
        if found is None:
            return None
        mode, binsha = found
        if mode != _TREE_MODE:
            raise UnsafeFileError(directory, _refusal(mode, "directory"))
        return sorted(SourceEntry(name, "directory" if child_mode == _TREE_MODE else "file")
                      for name, (child_mode, _) in self._children(binsha).items())

    def _children(self, binsha: bytes) -> dict[str, tuple[int, bytes]]:
        """A tree's entries by name, parsed once."""
        children = self._trees.get(binsha)
        if children is None:
            from git.objects.fun import tree_entries_from_data

            data = self.repo.odb.stream(binsha).read()
            children = {name: (mode, sha) for sha, mode, name in tree_entries_from_data(data)}
            self._trees[binsha] = children
        return children

    def blob_id(self, relative: str) -> str | None:
        """The git object id of a regular file in the commit (a perfect cache key); ``None``
        when it is not there or is not a regular file."""
        try:
            found = self._entry(self._path(relative))
        except UnsafeFileError:
            return None
        if found is None or _kind(found[0]) != "file":
            return None
        return found[1].hex()

    def read(self, relative: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
        try:
            found = self._entry(self._path(relative))
        except UnsafeFileError as error:
            raise UnsafeFileError(relative, error.reason) from None
        if found is None:
            raise FileNotFoundError(relative)
        mode, binsha = found
        if _kind(mode) != "file":
            raise UnsafeFileError(relative, _refusal(mode, "file"))
        info = self.repo.odb.info(binsha)
        if info.size > limit:
            raise UnsafeFileError(relative, too_large(info.size, limit))
        data: bytes = self.repo.odb.stream(binsha).read()
        return data

    def _relative(self, path: str) -> str:
        if self.prefix and (path + "/").startswith(self.prefix + "/"):
            return path[len(self.prefix) + 1:]
        return path


def _kind(mode: int) -> str:
    if mode == _TREE_MODE:
        return "directory"
    if mode == _LINK_MODE:
        return "link"
    if mode == _SUBMODULE_MODE:
        return "submodule"
    return "file"


def _refusal(mode: int, expected: str) -> str:
    kind = _kind(mode)
    if kind == "link":
        return ("a symbolic link in the revision; otp does not follow links when it reads "
                "a revision")
    if kind == "submodule":
        return "a submodule in the revision; otp does not read submodules"
    return f"a {kind} in the revision, not a {expected}"
