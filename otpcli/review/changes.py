"""Section 4 of the review: how the definitions changed since the last review, from git.

The commits that changed the org's definitions (``otp.yaml`` and ``seats/``) since the base
are listed here. What each one changed, read semantically (seats added or retired, outcomes
added, removed or moved, ranges tightened or loosened, autonomy raised, accountable human
changed), comes from ``otpcli.history``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli.history.diff import Change, compare
from otpcli.org.load import CONFIG_FILE, SEATS_DIR, Org
from otpcli.org.source import tip
from otpcli.review.since import Base

#: A review lists at most this many commits (the newest); the count says how many there were.
MAX_COMMITS = 50

#: Appended rows are data, not definitions: the scorecard shows them.
NOT_DEFINITIONS = frozenset({"measurements_added"})


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    at: datetime
    author: str
    subject: str


@dataclass(frozen=True)
class Changes:
    base: Base
    commits: tuple[Commit, ...] = ()  # newest first
    total: int = 0
    #: what the definitions gained and lost from the base to now, in org-chart order
    semantic: tuple[Change, ...] = ()
    #: files of the base revision that did not load (their changes cannot be told)
    unreadable: tuple[str, ...] = ()

    @property
    def loosened(self) -> tuple[Change, ...]:
        """Ranges that now accept more than at the last review."""
        return tuple(change for change in self.semantic if change.kind == "range_loosened")


def changes_since(org: Org, base: Base, zone: ZoneInfo) -> Changes:
    """The commits since ``base`` that changed otp.yaml or a seat file, newest first, and
    what they changed, read semantically: the org at ``base`` compared with ``org``."""
    if not base.in_git:
        return Changes(base)
    commits, total = _commits(org.root, base, zone, tip(org.source))
    if base.commit is None:  # everything is new: the section says so, not seat by seat
        return Changes(base, commits, total)
    semantic, unreadable = _semantic(org, base.commit)
    return Changes(base, commits, total, semantic, unreadable)


def _semantic(org: Org, commit: str) -> tuple[tuple[Change, ...], tuple[str, ...]]:
    from otpcli.history.revisions import load_at

    loaded = load_at(org.root, commit)
    before, problems = loaded.org, loaded.problems
    unreadable = tuple(sorted({problem.file for problem in problems if problem.file}))
    changes = tuple(change for change in compare(before, org)
                    if change.kind not in NOT_DEFINITIONS)
    return changes, unreadable


def _commits(root: Path, base: Base, zone: ZoneInfo,
             head: str) -> tuple[tuple[Commit, ...], int]:
    import git

    repo = git.Repo(root, search_parent_directories=True)
    top = Path(str(repo.working_tree_dir)).resolve()
    paths = [(root.resolve() / name).relative_to(top).as_posix()
             for name in (CONFIG_FILE, SEATS_DIR)]
    revisions = f"{base.commit}..{head}" if base.commit else head
    try:
        log = repo.git.log("--format=%H%x1f%ct%x1f%an%x1f%s", revisions, "--", *paths)
    except git.GitCommandError:  # no commit yet
        return (), 0
    commits = []
    lines = log.splitlines()
    for line in lines[:MAX_COMMITS]:
        sha, seconds, author, subject = line.split("\x1f", 3)
        commits.append(Commit(sha, datetime.fromtimestamp(int(seconds), zone), author, subject))
    return tuple(commits), len(lines)
