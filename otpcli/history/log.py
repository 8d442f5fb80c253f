"""``otp log``: the history of one seat or outcome, commit by commit, in the org's words.

Each commit on the first-parent line of the tip (HEAD, or ``--rev``) that touched the seat
files (and, with ``measurements``, the measurement files) is compared with its first
parent by :func:`~otpcli.history.diff.compare`; the changes that concern the subject are
kept. An outcome is followed from seat to seat (its id never changes); a seat is followed
through a rename. A retirement that moved an outcome comes with the retired seat's record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from otpcli.errors import OtpError, did_you_mean
from otpcli.history.diff import Change, compare
from otpcli.history.revisions import empty_org, load_at, revision_at
from otpcli.org.load import MEASUREMENTS_DIR, SEATS_DIR, Org

if TYPE_CHECKING:
    from git import Repo

SubjectKind = Literal["seat", "outcome"]
#: What happens to a seat as a whole; listed first in a commit's changes.
_SEAT_EVENTS = ("seat_added", "seat_removed", "seat_renamed", "seat_retired", "seat_reinstated")


@dataclass(frozen=True)
class Entry:
    """One commit and what it changed about the subject."""

    commit: str
    at: datetime
    author: str
    subject: str  # the commit's subject line
    seat: str | None  # the seat holding the subject after the commit (an outcome's seat)
    changes: tuple[Change, ...]
    unreadable: int = 0  # org files that did not load at this commit or its parent

    def as_json(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.at.isoformat(), "author": self.author,
                "subject": self.subject, "seat": self.seat, "unreadable": self.unreadable,
                "changes": [change.as_json() for change in self.changes]}


@dataclass(frozen=True)
class Tenure:
    """A stretch of time an outcome spent under one seat."""

    seat: str
    since: datetime | None  # None: before the oldest commit shown
    until: datetime | None  # None: still there
    since_commit: str | None = None
    until_commit: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"seat": self.seat, "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "since_commit": self.since_commit, "until_commit": self.until_commit}


@dataclass(frozen=True)
class History:
    subject: str
    kind: SubjectKind
    tip: str  # what was asked for: HEAD or --rev
    entries: list[Entry] = field(default_factory=list)  # newest first
    tenure: list[Tenure] = field(default_factory=list)  # oldest first (outcomes only)

    def as_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "kind": self.kind, "tip": self.tip,
                "tenure": [stretch.as_json() for stretch in self.tenure],
                "commits": [entry.as_json() for entry in self.entries]}


@dataclass(frozen=True, slots=True)
class _Commit:
    sha: str
    parent: str | None
    at: datetime
    author: str
    subject: str


def history(root: Path, name: str, *, tip: str | None = None, since: str | None = None,
            measurements: bool = False, limit: int | None = None) -> History:
    """The commits that changed seat or outcome ``name`` (an id or a holder name), newest
    first. ``since`` is a date or time (commits after the one in effect then) or a revision
    (commits after it); ``measurements`` also lists commits that only added measurement
    rows; ``limit`` caps the number of entries."""
    from otpcli.git import open_repo, resolve_commit, work_tree_path

    repo = open_repo(root)
    tip_label = tip or "HEAD"
    tip_commit = resolve_commit(repo, tip_label)
    orgs: dict[str | None, tuple[Org, list[str]]] = {}

    def org(commit: str | None) -> tuple[Org, list[str]]:
        if commit not in orgs:
            if commit is None:
                orgs[commit] = (empty_org(root, org(tip_commit)[0]), [])
            else:
                loaded = load_at(root, commit, repo)
                orgs[commit] = (loaded.org, sorted({p.file for p in loaded.problems}))
        return orgs[commit]

    tip_org = org(tip_commit)[0]
    kind, subject = _subject(tip_org, name)
    zone = ZoneInfo(tip_org.config.timezone)
    prefix = work_tree_path(repo, root)
    prefix = "" if prefix in ("", ".") else prefix + "/"
    paths = [prefix + SEATS_DIR] + ([prefix + MEASUREMENTS_DIR] if measurements else [])
    start = _since(root, repo, since, tip_commit, zone)
    commits = _commits(repo, tip_commit, start, paths, zone)
    entries: list[Entry] = []
    aliases = {subject}
    states: list[tuple[_Commit, str | None]] = []  # (commit, the outcome's seat after it)
    visited: list[_Commit] = []
    for commit in commits:
        if limit is not None and len(entries) >= limit:
            break
        visited.append(commit)
        head, head_problems = org(commit.sha)
        base, base_problems = org(commit.parent)
        changes = [change for change in compare(base, head)
                   if _concerns(change, kind, aliases)
                   and (measurements or not change.kind.startswith("measurements"))]
        unreadable = sorted(set(head_problems) | set(base_problems))
        changes = [change for change in changes if not _unloaded(change, unreadable)]
        if kind == "outcome":
            changes += _retirements(base, head, changes)
            ref = head.outcomes.get(subject)
            states.append((commit, ref.seat.id if ref else None))
        for change in changes:
            if change.kind == "seat_renamed" and change.after in aliases:
                aliases.add(str(change.before))
        if changes:
            changes.sort(key=lambda change: change.kind not in _SEAT_EVENTS)
            seat = states[-1][1] if kind == "outcome" else _seat_of(changes, aliases)
            entries.append(Entry(commit.sha, commit.at, commit.author, commit.subject, seat,
                                 tuple(changes), len(unreadable)))
    tenure: list[Tenure] = []
    if kind == "outcome" and visited:
        oldest = visited[-1]
        before_ref = org(oldest.parent)[0].outcomes.get(subject)
        tenure = _tenure(before_ref.seat.id if before_ref else None, list(reversed(states)))
    return History(subject, kind, tip_label, entries, tenure)


def _subject(org: Org, name: str) -> tuple[SubjectKind, str]:
    wanted = name.strip()
    if wanted.lower() in org.seats:
        return "seat", wanted.lower()
    if wanted in org.outcomes:
        return "outcome", wanted
    found = org.find_seat(wanted)
    if found is not None:
        return "seat", found.id
    known = list(org.seats) + list(org.outcomes)
    hint = did_you_mean(wanted, known, "give a seat id, a holder name or an outcome id (see "
                                       "`otp seats --all`)")
    raise OtpError(f"no seat or outcome `{name}`; {hint}")


def _concerns(change: Change, kind: SubjectKind, aliases: set[str]) -> bool:
    if kind == "outcome":
        return any(change.outcome == alias for alias in aliases)
    return any(change.concerns(seat=alias) for alias in aliases)


def _unloaded(change: Change, unreadable: list[str]) -> bool:
    """A seat that appears or disappears only because its file did not load."""
    return change.kind in ("seat_added", "seat_removed") and \
        f"{SEATS_DIR}/{change.seat}.yaml" in unreadable


def _retirements(base: Org, head: Org, changes: list[Change]) -> list[Change]:
    """The retirement of the seat an outcome moved away from, when it happened in the same
    commit: its record says why and who reviewed it."""
    found: list[Change] = []
    for change in changes:
        if change.kind != "outcome_moved" or not isinstance(change.before, str):
            continue
        before = base.seats.get(change.before)
        after = head.seats.get(change.before)
        if before is not None and after is not None and before.seat.active and \
                not after.seat.active:
            record = after.seat.retirement
            found.append(Change("seat_retired", change.before, field="status",
                                before=before.seat.status,
                                after=record.model_dump(mode="json") if record else None,
                                attention=True))
    return found


def _seat_of(changes: list[Change], aliases: set[str]) -> str | None:
    for change in changes:
        if change.seat in aliases:
            return change.seat
    return None


def _since(root: Path, repo: Repo, since: str | None, tip: str, zone: ZoneInfo) -> str | None:
    """The commit after which the log starts (``None``: from the first commit)."""
    if since is None:
        return None
    from otpcli.git import resolve_commit
    from otpcli.measurements.record import parse_moment

    if since[:1].isdigit() and "-" in since:
        try:
            moment = parse_moment(since, zone)
        except ValueError:
            pass
        else:
            return revision_at(root, moment, tip)
    return resolve_commit(repo, since, "--since")


def _commits(repo: Repo, tip: str, start: str | None, paths: list[str],
             zone: ZoneInfo) -> list[_Commit]:
    """The first-parent commits from ``tip`` back (to ``start``, excluded) that touched
    ``paths``, newest first."""
    import git

    revisions = f"{start}..{tip}" if start else tip
    try:
        text = repo.git.log("--first-parent", "--format=%H%x1f%P%x1f%aI%x1f%an%x1f%s",
                            revisions, "--", *paths)
    except git.GitCommandError as error:
        from otpcli.git import describe_error

        raise OtpError(f"git log failed: {describe_error(error)}") from None
    found: list[_Commit] = []
    for line in text.splitlines():
        sha, parents, at, author, subject = line.split("\x1f", 4)
        parent = parents.split()[0] if parents.split() else None
        found.append(_Commit(sha, parent, datetime.fromisoformat(at).astimezone(zone), author,
                             subject))
    return found


def _tenure(first_seat: str | None, states: list[tuple[_Commit, str | None]]) -> list[Tenure]:
    """Stretches under one seat, oldest first, from each commit's holding seat."""
    stretches: list[Tenure] = []
    current, since, since_commit = first_seat, None, None
    for commit, seat in states:
        if seat == current:
            continue
        if current is not None:
            stretches.append(Tenure(current, since, commit.at, since_commit, commit.sha))
        current, since, since_commit = seat, commit.at, commit.sha
    if current is not None:
        stretches.append(Tenure(current, since, None, since_commit, None))
    return stretches
