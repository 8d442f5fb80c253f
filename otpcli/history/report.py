"""``otp diff``: which two orgs to compare, as git names them, and what changed between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from otpcli.errors import OtpError
from otpcli.history.diff import Change, compare
from otpcli.history.revisions import (
    WORK_TREE,
    Side,
    empty_org,
    has_org,
    merge_base,
    org_at,
    resolve,
)
from otpcli.org.load import Org


@dataclass(frozen=True)
class DiffReport:
    base: Side
    head: Side
    changes: list[Change]
    #: seat id -> title, from whichever side has the seat (head first)
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def attention(self) -> list[Change]:
        return [change for change in self.changes if change.attention]

    def as_json(self) -> dict[str, Any]:
        return {"base": self.base.as_json(), "head": self.head.as_json(),
                "changes": [change.as_json() for change in self.changes]}


def parse_sides(root: Path, revisions: list[str]) -> tuple[Side, Side]:
    """What ``otp diff`` compares, as ``git diff`` reads its arguments: nothing (HEAD and the
    work tree), ``BASE`` (it and the work tree), ``BASE HEAD``, ``A..B`` (A and B) or
    ``A...B`` (the merge-base of A and B, and B; an empty side is HEAD)."""
    if len(revisions) > 2:
        raise OtpError("otp diff takes at most two revisions: otp diff [BASE [HEAD]]")
    if not revisions:
        return Side("HEAD", resolve(root, "HEAD", "diff")), Side(WORK_TREE, None)
    if len(revisions) == 2 and any(".." in revision for revision in revisions):
        raise OtpError("give either one range (A..B or A...B) or two revisions, not both")
    if "..." in revisions[0]:
        left, _, right = revisions[0].partition("...")
        left, right = left or "HEAD", right or "HEAD"
        return (Side(f"merge-base of {left} and {right}", merge_base(root, left, right)),
                Side(right, resolve(root, right, "diff")))
    if ".." in revisions[0]:
        left, _, right = revisions[0].partition("..")
        revisions = [left or "HEAD", right or "HEAD"]
    base = Side(revisions[0], resolve(root, revisions[0], "diff"))
    if len(revisions) == 1:
        return base, Side(WORK_TREE, None)
    return base, Side(revisions[1], resolve(root, revisions[1], "diff"))


def diff(root: Path, revisions: list[str]) -> DiffReport:
    """The semantic changes between the two orgs ``revisions`` name (see :func:`parse_sides`)."""
    base_side, head_side = parse_sides(root, revisions)
    head = org_at(root, head_side.commit, label=head_side.label)
    if base_side.commit is not None and not has_org(root, base_side.commit):
        base = empty_org(root, head)  # the change that created the org: everything is new
    else:
        base = org_at(root, base_side.commit, label=base_side.label)
    return DiffReport(base_side, head_side, compare(base, head), _titles(base, head))


def _titles(base: Org, head: Org) -> dict[str, str]:
    titles = {seat_id: seat_file.seat.title for seat_id, seat_file in base.seats.items()}
    titles.update({seat_id: seat_file.seat.title for seat_id, seat_file in head.seats.items()})
    return titles
