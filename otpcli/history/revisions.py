"""The org at a git revision, and which revision was in effect at a moment.

Loading reads blobs through :class:`~otpcli.org.source.GitSource`: the work tree, the index
and HEAD are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otpcli.errors import OtpError
from otpcli.fileio import DEFAULT_MAX_FILE_BYTES
from otpcli.org.load import (
    CONFIG_FILE,
    LoadResult,
    Org,
    load_org,
    require_org,
    revision_source,
)
from otpcli.org.source import GitSource, SourceEntry

if TYPE_CHECKING:
    from git import Repo

WORK_TREE = "work tree"


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a commit, or the work tree (``commit`` is ``None``)."""

    label: str  # what was asked for: "main", "HEAD~2", "work tree"
    commit: str | None

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "commit": self.commit}


def org_at(root: Path, rev: str | None, repo: Repo | None = None,
           label: str | None = None) -> Org:
    """The org as it is at ``rev`` (``None``: the work tree); :class:`OrgLoadError` lists
    every problem when it does not load (naming the revision as ``label``, default ``rev``),
    :class:`OtpError` when ``rev`` names no commit."""
    if rev is None:
        return require_org(root)
    return require_org(root, revision_source(root, rev, repo, label))


def has_org(root: Path, rev: str, repo: Repo | None = None) -> bool:
    """Whether the org (its ``otp.yaml``) exists at ``rev``."""
    return GitSource(root, rev, repo).blob_id(CONFIG_FILE) is not None


def load_at(root: Path, rev: str, repo: Repo | None = None) -> LoadResult:
    """The org at ``rev`` as far as it loads, never raising on bad files; a commit that has
    no org yet (no ``otp.yaml``) gives an empty org."""
    source = GitSource(root, rev, repo)
    try:
        source.read(CONFIG_FILE)
    except FileNotFoundError:
        return LoadResult(empty_org(root), [])
    except OtpError:
        pass  # an unsafe otp.yaml: the loader reports it
    return load_org(root, source=source)


class EmptySource:
    """No files at all: the org before its first commit."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def list(self, directory: str) -> list[SourceEntry] | None:
        return None

    def read(self, relative: str, limit: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
        raise FileNotFoundError(relative)


def empty_org(root: Path, like: Org | None = None) -> Org:
    """An org with no seats (and ``like``'s settings, so they do not show as changed)."""
    from otpcli.org.model import OrgConfig

    config = like.config if like is not None else OrgConfig(name=root.name or "org")
    return Org(root=root, config=config, config_document=None, source=EmptySource(root))


def resolve(root: Path, rev: str, option: str = "--rev") -> str:
    """The commit id ``rev`` names; :class:`OtpError` with git's message when none."""
    from otpcli.git import open_repo, resolve_commit

    return resolve_commit(open_repo(root), rev, option)


def merge_base(root: Path, first: str, second: str) -> str:
    """The best common ancestor of two revisions, as ``git diff A...B`` uses it."""
    import git

    from otpcli.git import open_repo, resolve_commit

    repo = open_repo(root)
    left, right = resolve_commit(repo, first, "diff"), resolve_commit(repo, second, "diff")
    try:
        return str(repo.git.merge_base(left, right).strip())
    except git.GitCommandError:
        raise OtpError(f"{first} and {second} share no history: there is no merge-base to "
                       "compare with") from None


def revision_at(root: Path, moment: datetime, head: str = "HEAD") -> str | None:
    """The commit that was in effect at ``moment`` on ``head``'s first-parent line (the
    newest one committed at or before it), or ``None`` when there was none yet."""
    import git

    from otpcli.git import open_repo, resolve_commit

    repo = open_repo(root)
    tip = resolve_commit(repo, head)
    limit = moment.timestamp()
    try:  # compared here, not with --before: git reads no date past 2099
        lines = repo.git.rev_list("--first-parent", "--timestamp", tip, "--").splitlines()
    except git.GitCommandError:
        return None
    for line in lines:
        seconds, _, commit = line.partition(" ")
        if int(seconds) <= limit:
            return str(commit)
    return None
