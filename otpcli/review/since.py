"""What "since the last review" means: ``--since DATE|REV`` (default: seven days before the
review) resolved to the commit the org is compared with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError
from otpcli.measurements.record import parse_moment

DEFAULT_SINCE = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Base:
    """The org as it was at the last review."""

    label: str  # what was asked for: "7 days ago", a date, a revision
    moment: datetime | None  # the date asked for, or the revision's commit time
    commit: str | None  # the commit compared with; None: no commit then (or no git)
    in_git: bool = True  # False: the org is not in a git repository, so no history


def resolve_since(root: Path, since: str | None, *, as_of: datetime, zone: ZoneInfo,
                  head: str = "HEAD") -> Base:
    """``since`` as a date or time (the last commit of ``head`` at or before it) or a git
    revision."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        moment = as_of - DEFAULT_SINCE if since is None else _moment(since, zone)
        return Base(since or "7 days ago", moment, None, in_git=False)
    if since is None:
        return _at(root, "7 days ago", as_of - DEFAULT_SINCE, head)
    moment = _moment(since, zone)
    if moment is not None:
        return _at(root, since, moment, head)
    try:
        commit = repo.commit(since)
    except (git.BadName, git.BadObject, ValueError):
        raise OtpError(f"--since: `{since}` is neither a date (2026-11-16) nor a revision of "
                       "this repository (a commit, tag or branch)") from None
    return Base(since, commit.committed_datetime.astimezone(zone), commit.hexsha)


def _moment(text: str, zone: ZoneInfo) -> datetime | None:
    if not text[:1].isdigit() or "-" not in text:
        return None
    try:
        return parse_moment(text, zone)
    except ValueError:
        return None


def _at(root: Path, label: str, moment: datetime, head: str) -> Base:
    """The commit of ``head``'s first-parent line in effect at ``moment``."""
    from otpcli.history.revisions import revision_at

    try:
        found = revision_at(root, moment, head)
    except OtpError:  # no commit at all yet
        found = None
    return Base(label, moment, found)
