"""The semantic diff: what changed between two loaded orgs, in the org's own words.

:func:`compare` takes the org before (``base``) and after (``head``) and returns one
:class:`Change` per semantic change, each naming its seat and outcome. ``kind`` is one of
:data:`KINDS` (documented in docs/history.md); ``direction`` says whether a change
tightened or loosened the controls; ``attention`` marks what a reviewer must not miss.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from otpcli.errors import OtpError
from otpcli.org.load import MEASUREMENTS_DIR, Org, SeatFile
from otpcli.org.model import ExceptionCriterion, Outcome, Seat
from otpcli.org.source import GitSource
from otpcli.scorecard.periods import stale_after

Direction = Literal["tightened", "loosened"]

ChangeKind = Literal[
    "config_changed",
    "seat_added",
    "seat_removed",
    "seat_renamed",
    "seat_retired",
    "seat_reinstated",
    "title_changed",
    "holder_changed",
    "model_changed",
    "autonomy_raised",
    "autonomy_lowered",
    "accountable_changed",
    "reports_to_changed",
    "agent_without_accountable_human",
    "review_condition_added",
    "review_condition_removed",
    "capability_added",
    "capability_removed",
    "capability_moved",
    "seat_changed",
    "outcome_added",
    "outcome_removed",
    "outcome_moved",
    "draft_added",
    "draft_removed",
    "statement_changed",
    "metric_changed",
    "range_tightened",
    "range_loosened",
    "cadence_changed",
    "timeframe_changed",
    "stale_after_changed",
    "outcome_changed",
    "exception_added",
    "exception_removed",
    "exception_changed",
    "ladder_lengthened",
    "ladder_shortened",
    "ladder_changed",
    "measurements_added",
    "measurements_rewritten",
]

#: Every change kind, with what it means. Public API: keep the names stable.
KINDS: dict[ChangeKind, str] = {
    "config_changed": "A setting in otp.yaml changed (`field` names it).",
    "seat_added": "A seat file was added.",
    "seat_removed": "A seat file was deleted (its record is gone; retire seats instead).",
    "seat_renamed": "A seat's file (its id) changed; `before` and `after` are the ids.",
    "seat_retired": "A seat was retired; `after` is its retirement record.",
    "seat_reinstated": "A retired seat was made active again.",
    "title_changed": "A seat's title changed.",
    "holder_changed": "A seat's holder changed (`holder.name` or `holder.kind`).",
    "model_changed": "An agent's model changed (`holder.model`).",
    "autonomy_raised": "An agent's autonomy level went up.",
    "autonomy_lowered": "An agent's autonomy level went down.",
    "accountable_changed": "The human seat accountable for an agent changed.",
    "reports_to_changed": "The seat a seat reports to changed.",
    "agent_without_accountable_human": "An active agent no longer has an active human seat "
    "accountable for it (none named, an agent named, or that seat retired or removed).",
    "review_condition_added": "A `human_review` condition was added to a seat.",
    "review_condition_removed": "A `human_review` condition was removed from a seat.",
    "capability_added": "A capability was added to a seat (`field` is the capability, `after` "
    "the seat).",
    "capability_removed": "A capability was removed from a seat (`before` is the seat).",
    "capability_moved": "A capability moved between seats; `before` and `after` are the seats.",
    "seat_changed": "Another seat key changed (`field` names it: tools, not_owned, ...).",
    "outcome_added": "An outcome was added.",
    "outcome_removed": "An outcome was removed.",
    "outcome_moved": "An outcome moved between seats, keeping its id and its measurements.",
    "draft_added": "A draft outcome (a bare sentence) was added.",
    "draft_removed": "A draft outcome was removed (or replaced by a full outcome).",
    "statement_changed": "An outcome's statement changed.",
    "metric_changed": "An outcome's metric changed (`metric.name`, `metric.unit`, "
    "`metric.aggregate`).",
    "range_tightened": "A range bound (`range.min` or `range.max`) narrows what is acceptable.",
    "range_loosened": "A range bound widens what is acceptable.",
    "cadence_changed": "An outcome's cadence (`timeframe.cadence`) changed.",
    "timeframe_changed": "The last day an outcome applies (`timeframe.until`) changed.",
    "stale_after_changed": "How old data may be before it is stale changed.",
    "outcome_changed": "Another outcome key changed (`field` names it: serves, ...).",
    "exception_added": "An exception criterion was added.",
    "exception_removed": "An exception criterion was removed.",
    "exception_changed": "How many periods an exception's condition must hold (`for`) changed.",
    "ladder_lengthened": "An escalation ladder gained rungs.",
    "ladder_shortened": "An escalation ladder lost rungs.",
    "ladder_changed": "An escalation ladder names other seats or other delays.",
    "measurements_added": "Measurement rows were appended; `before` and `after` count rows.",
    "measurements_rewritten": "Recorded measurement rows were changed or deleted (files are "
    "append-only); `before` and `after` count rows.",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic change. ``seat`` is the seat it belongs to after the change (before it,
    for what was removed); ``before`` and ``after`` are JSON values."""

    kind: ChangeKind
    seat: str | None
    outcome: str | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    direction: Direction | None = None
    attention: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "seat": self.seat, "outcome": self.outcome,
                "field": self.field, "before": self.before, "after": self.after,
                "direction": self.direction, "attention": self.attention}

    def concerns(self, seat: str | None = None, outcome: str | None = None) -> bool:
        """Whether the change is about ``seat`` (including moves to or from it) or about
        ``outcome``."""
        if outcome is not None and self.outcome == outcome:
            return True
        if seat is None:
            return False
        if self.seat == seat and (outcome is None or self.outcome is None):
            return True
        moved = self.kind in ("outcome_moved", "capability_moved", "seat_renamed")
        return moved and seat in (self.before, self.after)


def compare(base: Org, head: Org) -> list[Change]:
    """Every semantic change from ``base`` to ``head``: config first, then seat by seat in
    the head's org-chart order (seats only in ``base`` last)."""
    return _Comparison(base, head).run()


class _Comparison:
    def __init__(self, base: Org, head: Org) -> None:
        self.base = base
        self.head = head
        self.changes: list[Change] = []
        #: base seat id -> head seat id, for seats in both (renamed seats included)
        self.same: dict[str, str] = {}

    def emit(self, kind: ChangeKind, seat: str | None, **values: Any) -> None:
        self.changes.append(Change(kind, seat, **values))

    def run(self) -> list[Change]:
        self.config()
        self.match_seats()
        for base_id, head_id in self.same.items():
            self.seat(self.base.seats[base_id], self.head.seats[head_id])
        self.capabilities()
        self.outcomes()
        self.drafts()
        self.measurements()
        self.accountability()
        order = {seat_file.id: rank for rank, seat_file in
                 enumerate(self.head.chart_order(include_retired=True))}
        gone = sorted(set(self.base.seats) - set(self.same))
        order.update({seat_id: len(order) + rank for rank, seat_id in enumerate(gone)})
        return sorted(self.changes, key=lambda change: -1 if change.seat is None
                      else order.get(change.seat, len(order)))

    # -- otp.yaml ------------------------------------------------------------------------------

    def config(self) -> None:
        before = dict(_flatten(self.base.config.model_dump(mode="json", by_alias=True)))
        after = dict(_flatten(self.head.config.model_dump(mode="json", by_alias=True)))
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                self.emit("config_changed", None, field=key, before=before.get(key),
                          after=after.get(key))

    # -- seats ---------------------------------------------------------------------------------

    def match_seats(self) -> None:
        common = set(self.base.seats) & set(self.head.seats)
        self.same = {seat_id: seat_id for seat_id in sorted(common)}
        removed = sorted(set(self.base.seats) - common)
        added = sorted(set(self.head.seats) - common)

        def holder(seat: Seat) -> tuple[str, str]:
            return seat.holder.name.strip().lower(), seat.holder.kind

        # A seat renamed (its file moved) keeps its holder: one removed and one added seat
        # with the same holder, and no other candidate, are the same seat.
        renamed: dict[str, str] = {}
        for base_id in removed:
            key = holder(self.base.seats[base_id].seat)
            candidates = [head_id for head_id in added if head_id not in renamed.values()
                          and holder(self.head.seats[head_id].seat) == key]
            rivals = [other for other in removed if other != base_id
                      and holder(self.base.seats[other].seat) == key]
            if len(candidates) == 1 and not rivals:
                renamed[base_id] = candidates[0]
        self.same.update(renamed)
        for base_id in removed:
            if base_id in renamed:
                self.emit("seat_renamed", renamed[base_id], before=base_id,
                          after=renamed[base_id])
            else:
                seat = self.base.seats[base_id].seat
                self.emit("seat_removed", base_id, before=_seat_summary(seat), attention=True)
        for head_id in added:
            if head_id not in renamed.values():
                self.emit("seat_added", head_id, after=_seat_summary(self.head.seats[head_id].seat))

    def head_id(self, base_id: str | None) -> str | None:
        """A base seat id in the head's terms (a renamed seat by its new id)."""
        if base_id is None:
            return None
        return self.same.get(base_id, base_id)

    def seat(self, base_file: SeatFile, head_file: SeatFile) -> None:
        seat_id = head_file.id
        before, after = base_file.seat, head_file.seat
        if before.status != after.status:
            if after.status == "retired":
                record = after.retirement.model_dump(mode="json") if after.retirement else None
                self.emit("seat_retired", seat_id, field="status", before=before.status,
                          after=record, attention=True)
            else:
                self.emit("seat_reinstated", seat_id, field="status", before=before.status,
                          after=after.status)
        simple: tuple[tuple[str, ChangeKind, Any, Any], ...] = (
            ("title", "title_changed", before.title, after.title),
            ("holder.name", "holder_changed", before.holder.name, after.holder.name),
            ("holder.kind", "holder_changed", before.holder.kind, after.holder.kind),
            ("holder.model", "model_changed", before.holder.model, after.holder.model),
            ("reports_to", "reports_to_changed", self.head_id(before.reports_to),
             after.reports_to),
            ("accountable", "accountable_changed", self.head_id(before.accountable),
             after.accountable))
        for field, kind, old, new in simple:
            if old != new:
                self.emit(kind, seat_id, field=field, before=old, after=new)
        self.autonomy(seat_id, before, after, head_file)
        old_review, new_review = set(before.human_review), set(after.human_review)
        for condition in before.human_review:
            if condition not in new_review:
                self.emit("review_condition_removed", seat_id, field="human_review",
                          before=condition, direction="loosened", attention=True)
        for condition in after.human_review:
            if condition not in old_review:
                self.emit("review_condition_added", seat_id, field="human_review",
                          after=condition, direction="tightened")
        handled = {"title", "holder", "reports_to", "accountable", "autonomy", "human_review",
                   "status", "retirement", "capabilities", "outcomes"}
        self.other_keys(before, after, handled, "seat_changed", seat_id, None)
        if before.holder != after.holder:
            old_holder = before.holder.model_dump(mode="json", exclude={"name", "kind", "model"})
            new_holder = after.holder.model_dump(mode="json", exclude={"name", "kind", "model"})
            for key in sorted(set(old_holder) | set(new_holder)):
                if old_holder.get(key) != new_holder.get(key):
                    self.emit("seat_changed", seat_id, field=f"holder.{key}",
                              before=old_holder.get(key), after=new_holder.get(key))

    def autonomy(self, seat_id: str, before: Seat, after: Seat, head_file: SeatFile) -> None:
        old, new = before.autonomy, after.autonomy
        if old == new:
            return
        if old is None or new is None:
            self.emit("seat_changed", seat_id, field="autonomy", before=old, after=new)
            return
        if new > old:
            unguarded = not after.human_review and not any(
                outcome.exceptions for outcome in head_file.seat.measured_outcomes())
            self.emit("autonomy_raised", seat_id, field="autonomy", before=old, after=new,
                      direction="loosened", attention=unguarded)
        else:
            self.emit("autonomy_lowered", seat_id, field="autonomy", before=old, after=new,
                      direction="tightened")

    def other_keys(self, before: Any, after: Any, handled: set[str], kind: ChangeKind,
                   seat: str, outcome: str | None) -> None:
        """Keys with no kind of their own (tools, not_owned, serves, keys added to the format
        later) are still reported, so no change passes unseen."""
        old = before.model_dump(mode="json", by_alias=True, exclude=handled)
        new = after.model_dump(mode="json", by_alias=True, exclude=handled)
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                self.emit(kind, seat, outcome=outcome, field=key, before=old.get(key),
                          after=new.get(key))

    # -- capabilities --------------------------------------------------------------------------

    def capabilities(self) -> None:
        before = _owners(self.base, self.head_id)
        after = _owners(self.head, lambda seat_id: seat_id)
        for capability in sorted(set(before) | set(after)):
            old = before.get(capability, [])
            new = after.get(capability, [])
            lost = [seat for seat in old if seat not in new]
            gained = [seat for seat in new if seat not in old]
            while lost and gained:
                source, target = lost.pop(0), gained.pop(0)
                self.emit("capability_moved", target, field=capability, before=source,
                          after=target)
            for seat in lost:
                self.emit("capability_removed", seat, field=capability, before=seat)
            for seat in gained:
                self.emit("capability_added", seat, field=capability, after=seat)

    # -- outcomes ------------------------------------------------------------------------------

    def outcomes(self) -> None:
        before = self.base.outcomes
        after = self.head.outcomes
        for outcome_id, ref in after.items():
            if outcome_id not in before:
                self.emit("outcome_added", ref.seat.id, outcome=outcome_id,
                          after=ref.outcome.statement)
        for outcome_id, old_ref in before.items():
            new_ref = after.get(outcome_id)
            old_seat = self.head_id(old_ref.seat.id)
            if new_ref is None:
                self.emit("outcome_removed", old_seat, outcome=outcome_id,
                          before=old_ref.outcome.statement)
                continue
            seat_id = new_ref.seat.id
            if old_seat != seat_id:
                self.emit("outcome_moved", seat_id, outcome=outcome_id, field="seat",
                          before=old_seat, after=seat_id)
            self.outcome(seat_id, old_ref.outcome, new_ref.outcome)

    def outcome(self, seat_id: str, before: Outcome, after: Outcome) -> None:
        outcome_id = after.id

        def emit(kind: ChangeKind, **values: Any) -> None:
            self.emit(kind, seat_id, outcome=outcome_id, **values)

        if before.statement != after.statement:
            emit("statement_changed", field="statement", before=before.statement,
                 after=after.statement)
        old_metric = before.metric.model_dump(mode="json") if before.metric else None
        new_metric = after.metric.model_dump(mode="json") if after.metric else None
        if old_metric is None or new_metric is None:
            if old_metric != new_metric:
                emit("metric_changed", field="metric", before=old_metric, after=new_metric)
        else:
            for key in ("name", "unit", "aggregate"):
                if old_metric[key] != new_metric[key]:
                    emit("metric_changed", field=f"metric.{key}", before=old_metric[key],
                         after=new_metric[key])
        self.range(emit, before, after)
        old_cadence = before.timeframe.cadence if before.timeframe else None
        new_cadence = after.timeframe.cadence if after.timeframe else None
        if old_cadence != new_cadence:
            emit("cadence_changed", field="timeframe.cadence", before=old_cadence,
                 after=new_cadence)
        old_until = before.timeframe.until if before.timeframe else None
        new_until = after.timeframe.until if after.timeframe else None
        if old_until != new_until:
            emit("timeframe_changed", field="timeframe.until",
                 before=old_until.isoformat() if old_until else None,
                 after=new_until.isoformat() if new_until else None)
        if before.stale_after != after.stale_after:
            old_age = stale_after(before.stale_after, old_cadence or "weekly")
            new_age = stale_after(after.stale_after, new_cadence or "weekly")
            direction: Direction | None = None if old_age == new_age else (
                "loosened" if new_age > old_age else "tightened")
            emit("stale_after_changed", field="stale_after", before=before.stale_after,
                 after=after.stale_after, direction=direction)
        self.exceptions(emit, before.exceptions, after.exceptions)
        handled = {"id", "statement", "metric", "range", "timeframe", "stale_after",
                   "exceptions"}
        self.other_keys(before, after, handled, "outcome_changed", seat_id, outcome_id)

    @staticmethod
    def range(emit: Any, before: Outcome, after: Outcome) -> None:
        for bound in ("min", "max"):
            old = getattr(before.range, bound) if before.range else None
            new = getattr(after.range, bound) if after.range else None
            if old == new:
                continue
            if old is None:
                tightened = True
            elif new is None:
                tightened = False
            else:
                tightened = new > old if bound == "min" else new < old
            emit("range_tightened" if tightened else "range_loosened", field=f"range.{bound}",
                 before=old, after=new, direction="tightened" if tightened else "loosened",
                 attention=not tightened)

    @staticmethod
    def exceptions(emit: Any, before: list[ExceptionCriterion],
                   after: list[ExceptionCriterion]) -> None:
        """Criteria are matched by their condition (``when``), in order."""
        for when in dict.fromkeys([c.when for c in before] + [c.when for c in after]):
            old = [c for c in before if c.when == when]
            new = [c for c in after if c.when == when]
            for index in range(max(len(old), len(new))):
                field = f"exceptions[{when}]" if max(len(old), len(new)) == 1 \
                    else f"exceptions[{when}#{index + 1}]"
                if index >= len(old):
                    emit("exception_added", field=field, after=_criterion(new[index]),
                         direction="tightened")
                    continue
                if index >= len(new):
                    emit("exception_removed", field=field, before=_criterion(old[index]),
                         direction="loosened", attention=True)
                    continue
                was, now = old[index], new[index]
                if was.for_ != now.for_:
                    emit("exception_changed", field=f"{field}.for", before=was.for_,
                         after=now.for_,
                         direction="loosened" if now.for_ > was.for_ else "tightened")
                old_ladder, new_ladder = _ladder(was), _ladder(now)
                if old_ladder != new_ladder:
                    kind = ("ladder_lengthened" if len(new_ladder) > len(old_ladder) else
                            "ladder_shortened" if len(new_ladder) < len(old_ladder) else
                            "ladder_changed")
                    emit(kind, field=f"{field}.escalate", before=old_ladder, after=new_ladder)

    def drafts(self) -> None:
        before: dict[tuple[str, str], None] = {}
        for seat_file in self.base.seats.values():
            for entry in seat_file.seat.outcomes:
                if isinstance(entry, str):
                    before[(self.head_id(seat_file.id) or seat_file.id, entry)] = None
        after: dict[tuple[str, str], None] = {}
        for seat_file in self.head.seats.values():
            for entry in seat_file.seat.outcomes:
                if isinstance(entry, str):
                    after[(seat_file.id, entry)] = None
        for seat_id, text in before:
            if (seat_id, text) not in after:
                self.emit("draft_removed", seat_id, before=text)
        for seat_id, text in after:
            if (seat_id, text) not in before:
                self.emit("draft_added", seat_id, after=text)

    # -- measurements --------------------------------------------------------------------------

    def measurements(self) -> None:
        for outcome_id, ref in self.head.outcomes.items():
            relative = f"{MEASUREMENTS_DIR}/{outcome_id}.csv"
            if _same_blob(self.base, self.head, relative):
                continue
            old, new = _read(self.base, relative), _read(self.head, relative)
            if old is None or new is None or old == new:
                continue
            old_rows, new_rows = _count_rows(old), _count_rows(new)
            appended = new.startswith(old) and (not old or old.endswith(b"\n"))
            if appended and new_rows > old_rows:
                self.emit("measurements_added", ref.seat.id, outcome=outcome_id, field="rows",
                          before=old_rows, after=new_rows)
            elif not appended:
                self.emit("measurements_rewritten", ref.seat.id, outcome=outcome_id,
                          field="rows", before=old_rows, after=new_rows, attention=True)

    # -- accountability ------------------------------------------------------------------------

    def accountability(self) -> None:
        reverse = {head_id: base_id for base_id, head_id in self.same.items()}
        for seat_file in self.head.seats.values():
            seat = seat_file.seat
            if not (seat.active and seat.is_agent) or _answered_for(self.head, seat):
                continue
            base_id = reverse.get(seat_file.id)
            earlier = self.base.seats[base_id].seat if base_id is not None else None
            if earlier is not None and earlier.active and earlier.is_agent and \
                    not _answered_for(self.base, earlier):
                continue  # it already had no accountable human: not this change's doing
            self.emit("agent_without_accountable_human", seat_file.id, field="accountable",
                      before=self.head_id(earlier.accountable) if earlier else None,
                      after=seat.accountable, attention=True)


def _answered_for(org: Org, seat: Seat) -> bool:
    """Whether an active human seat is accountable for the agent ``seat``."""
    accountable = org.seats.get(seat.accountable) if seat.accountable else None
    return accountable is not None and accountable.seat.active and \
        not accountable.seat.is_agent


def _seat_summary(seat: Seat) -> dict[str, Any]:
    return {"title": seat.title, "holder": seat.holder.name, "kind": seat.holder.kind,
            "status": seat.status}


def _owners(org: Org, rename: Any) -> dict[str, list[str]]:
    """Each capability of an active seat and the seats (ids as ``rename`` maps them) that
    list it, in file order."""
    owners: dict[str, list[str]] = {}
    for seat_file in org.seats.values():
        if not seat_file.seat.active:
            continue
        for capability in seat_file.seat.capabilities:
            owners.setdefault(capability, []).append(rename(seat_file.id))
    return owners


def _criterion(criterion: ExceptionCriterion) -> dict[str, Any]:
    return criterion.model_dump(mode="json", by_alias=True, exclude_none=True)


def _ladder(criterion: ExceptionCriterion) -> list[str]:
    return [rung.to if rung.after is None else f"{rung.to} after {rung.after}"
            for rung in criterion.escalate]


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict) and value:
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _same_blob(base: Org, head: Org, relative: str) -> bool:
    """Both sides are commits holding the same blob: equal without reading either."""
    if isinstance(base.source, GitSource) and isinstance(head.source, GitSource):
        old = base.source.blob_id(relative)
        return old is not None and old == head.source.blob_id(relative)
    return False


def _read(org: Org, relative: str) -> bytes | None:
    """A measurement file's bytes; empty when there is none, ``None`` when otp refuses to
    read it (``otp lint`` reports why)."""
    try:
        return org.read(relative)
    except FileNotFoundError:
        return b""
    except (OSError, OtpError):
        return None


def _count_rows(data: bytes) -> int:
    """Data rows of a measurement file (quoted notes may span lines)."""
    text = data.decode("utf-8-sig", errors="replace")
    rows = sum(1 for row in csv.reader(io.StringIO(text, newline="")) if row)
    return max(rows - 1, 0)


def kinds_markdown(kinds: Iterable[ChangeKind] = KINDS) -> str:
    """The documented list of kinds as a Markdown table (docs/history.md)."""
    lines = ["| kind | meaning |", "|---|---|"]
    lines += [f"| `{kind}` | {KINDS[kind]} |" for kind in kinds]
    return "\n".join(lines) + "\n"
