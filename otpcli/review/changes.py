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

from otpcli.org.load import CONFIG_FILE, SEATS_DIR
from otpcli.review.since import Base

#: A review lists at most this many commits (the newest); the count says how many there were.
MAX_COMMITS = 50


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


def changes_since(root: Path, base: Base, zone: ZoneInfo) -> Changes:
    """The commits since ``base`` that changed otp.yaml or a seat file, newest first."""
    if not base.in_git:
        return Changes(base)
    import git

    repo = git.Repo(root, search_parent_directories=True)
    top = Path(str(repo.working_tree_dir)).resolve()
    paths = [(root.resolve() / name).relative_to(top).as_posix()
             for name in (CONFIG_FILE, SEATS_DIR)]
    revisions = f"{base.commit}..HEAD" if base.commit else "HEAD"
    try:
        log = repo.git.log("--format=%H%x1f%ct%x1f%an%x1f%s", revisions, "--", *paths)
    except git.GitCommandError:  # no commit yet
        return Changes(base)
    commits = []
    lines = log.splitlines()
    for line in lines[:MAX_COMMITS]:
        sha, seconds, author, subject = line.split("\x1f", 3)
        commits.append(Commit(sha, datetime.fromtimestamp(int(seconds), zone), author, subject))
    return Changes(base, tuple(commits), len(lines))
