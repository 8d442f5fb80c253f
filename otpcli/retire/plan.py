"""Plan a retirement: who takes each capability and outcome, where escalations and reporting
lines go. :func:`plan_retirement` writes nothing; it returns a :class:`RetirePlan` holding the
new text of every file (see :mod:`otpcli.retire.record`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from otpcli import clock
from otpcli.errors import OtpError
from otpcli.measurements.units import format_value
from otpcli.org.load import Org, SeatFile
from otpcli.org.model import Outcome

_STOPWORDS = frozenset((
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "by", "with", "at", "per", "each",
    "every", "all", "from", "into", "or", "our", "its", "is", "are", "be", "as", "than",
    "least", "most", "within", "before", "after", "over", "under",
))
_WORD = re.compile(r"[a-z0-9]+")


class RetireRefusedError(OtpError):
    """The retirement cannot go ahead; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Handover:
    """One capability or outcome of the retiring seat and the seat that takes it."""

    kind: Literal["capability", "outcome"]
    item: str
    to: str
    why: str


@dataclass
class RetirePlan:
    seat: SeatFile
    targets: list[SeatFile]
    reviewers: list[SeatFile]
    reason: str
    day: date
    handovers: list[Handover]
    escalate_to: str
    reports_to: str | None
    rerouted: list[str] = field(default_factory=list)  # "seat-id: outcome-id" per ladder
    moved_reports: list[str] = field(default_factory=list)
    moved_accountable: list[str] = field(default_factory=list)
    final_scorecard: dict[str, dict[str, Any]] = field(default_factory=dict)
    before: dict[str, bytes] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)

    @property
    def capabilities(self) -> list[Handover]:
        return [h for h in self.handovers if h.kind == "capability"]

    @property
    def outcomes(self) -> list[Handover]:
        return [h for h in self.handovers if h.kind == "outcome"]

    @property
    def branch(self) -> str:
        return f"retire/{self.seat.id}"

    def diff(self) -> str:
        """A unified diff of every file the retirement changes."""
        chunks: list[str] = []
        for file, new in self.after.items():
            old = self.before[file].decode("utf-8")
            chunks.extend(difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True),
                fromfile=f"a/{file}", tofile=f"b/{file}"))
        return "".join(chunk if chunk.endswith("\n") else chunk + "\n" for chunk in chunks)

    def commit_message(self) -> str:
        seat = self.seat
        receivers = list(dict.fromkeys(h.to for h in self.capabilities)) or \
            list(dict.fromkeys(h.to for h in self.outcomes))
        subject = f"Retire {seat.id} ({seat.seat.title})"
        if receivers:
            subject += f": {'capabilities' if self.capabilities else 'outcomes'} to " \
                       f"{', '.join(receivers)}"
        body = [subject, "", f"Reason: {self.reason}"]
        if self.capabilities:
            body += ["", "Capabilities:"] + [f"- {h.item} -> {h.to}" for h in self.capabilities]
        if self.outcomes:
            body += ["", "Outcomes (ids and measurement history kept):"]
            body += [f"- {h.item} -> {h.to}" for h in self.outcomes]
        if self.rerouted:
            body += ["", f"Escalations re-routed to {self.escalate_to}: "
                     f"{', '.join(self.rerouted)}"]
        if self.moved_reports:
            body += [f"Direct reports now report to {self.reports_to}: "
                     f"{', '.join(self.moved_reports)}"]
        if self.moved_accountable:
            body += [f"Agents now accountable to {self.escalate_to}: "
                     f"{', '.join(self.moved_accountable)}"]
        if self.final_scorecard:
            units = {o.id: o.metric.unit if o.metric else None
                     for o in seat.seat.measured_outcomes()}
            body += ["", "Final scorecard:"]
            for outcome_id, line in self.final_scorecard.items():
                share = line.get("on_track_share")
                share_text = f", {share:.0%} of periods on track" if share is not None else ""
                last = format_value(line.get("last_value"), units.get(outcome_id))
                body.append(f"- {outcome_id}: last {last} ({line['status']}{share_text})")
        body.append("")
        body += [f"Reviewed-by: {r.seat.holder.name} <seat:{r.id}>" for r in self.reviewers]
        body.append(f"Otp-Retired-Seat: {seat.id}")
        return "\n".join(body) + "\n"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _tokens(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in _STOPWORDS}


def _related(first: str, second: str) -> bool:
    """Same word, or the same stem (monitor/monitoring, reconcile/reconciliation)."""
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter[:max(5, len(shorter) - 3)])


def _shared(words: set[str], text: str) -> list[str]:
    other = _tokens(text)
    return sorted(word for word in words if any(_related(word, o) for o in other))


def propose(capability: str, targets: Sequence[SeatFile]) -> tuple[str | None, str]:
    """The target whose title, capabilities and outcomes are closest to ``capability``,
    and why; ``None`` when no target or more than one is equally close."""
    words = _tokens(capability)
    scored: list[tuple[int, str, str]] = []
    for target in targets:
        seat = target.seat
        if any(_key(capability) == _key(excluded) for excluded in seat.not_owned):
            scored.append((-1, target.id, f"`{target.id}` lists it under not_owned"))
            continue
        score = 0
        shared: set[str] = set()
        places: Counter[str] = Counter()
        for label, weight, texts in (
            ("title", 3, [seat.title]),
            ("capability", 3, list(seat.capabilities)),
            ("outcome", 1, [f"{o.statement} {o.metric.name if o.metric else ''}"
                            for o in seat.measured_outcomes()]),
        ):
            for text in texts:
                common = _shared(words, text)
                if common:
                    score += weight * len(common)
                    shared.update(common)
                    places[label] += 1
        if score:
            where = ", ".join(
                "its title" if label == "title" else
                f"{count} {'capabilities' if label == 'capability' else 'outcomes'}"
                if count > 1 else f"1 {label}" for label, count in places.items())
            why = f"shares {', '.join(repr(w) for w in sorted(shared))} with {where}"
        else:
            why = "nothing in common"
        scored.append((score, target.id, why))
    scored.sort(key=lambda entry: -entry[0])
    if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None, "; ".join(f"{target}: {why}" for _, target, why in scored)
    return scored[0][1], scored[0][2]


def _assignments(pairs: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        item, equals, seat = pair.rpartition("=")
        if not equals or not item.strip() or not seat.strip():
            raise RetireRefusedError(f"--assign `{pair}`: write it as \"CAPABILITY=SEAT\" or "
                                "\"OUTCOME-ID=SEAT\"")
        found[_key(item)] = seat.strip().lower()
    return found


def plan_retirement(
    org: Org,
    seat_name: str,
    target_names: Sequence[str],
    *,
    reason: str,
    reviewer_names: Sequence[str],
    assign: Sequence[str] = (),
    escalate_to: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> RetirePlan:
    """Everything the retirement will do, and the new text of every file; writes nothing."""
    seat = _active_seat(org, seat_name, "seat to retire")
    if not reason.strip():
        raise RetireRefusedError("--reason is required: say why the seat is retired, for the "
                                 "record")
    targets = _unique([_active_seat(org, name, "--to") for name in target_names])
    if not targets:
        raise RetireRefusedError("--to names no seat: say which seats take over")
    if any(t.id == seat.id for t in targets):
        raise RetireRefusedError(f"--to: `{seat.id}` cannot take over from itself")
    reviewers = _unique([_active_seat(org, name, "--reviewer") for name in reviewer_names])
    if not reviewers:
        raise RetireRefusedError("--reviewer is required: name the seat (a human) who "
                                 "reviewed this")
    for reviewer in reviewers:
        if reviewer.id == seat.id:
            raise RetireRefusedError(f"--reviewer: `{seat.id}` cannot review its own retirement")
        if reviewer.seat.is_agent and not org.config.retire.agent_reviewers:
            raise RetireRefusedError(f"--reviewer: `{reviewer.id}` is an agent seat; a human "
                                     "reviews "
                                "retirements (set retire.agent_reviewers: true in otp.yaml to "
                                "allow agents)")
    reports_to = seat.seat.reports_to
    if reports_to is None:
        raise RetireRefusedError(f"`{seat.id}` is the root seat; make another seat the root "
                                 "before retiring it")
    handovers = _hand_over(seat, targets, _assignments(assign))
    successor = _escalation_successor(org, seat, escalate_to)
    plan = RetirePlan(seat=seat, targets=targets, reviewers=reviewers, reason=reason.strip(),
                      day=today or clock.today(ZoneInfo(org.config.timezone)),
                      handovers=handovers, escalate_to=successor, reports_to=reports_to)
    from otpcli.retire.record import edit_files, final_scorecard

    plan.final_scorecard = final_scorecard(org, seat, now)
    edit_files(org, plan)
    return plan


def retiring_seat(org: Org, name: str) -> SeatFile:
    """The seat ``name`` names, if it can be retired at all (active, not the root); else
    :class:`RetireRefusedError`, with a did-you-mean for a typo."""
    seat = _active_seat(org, name, "seat to retire")
    if seat.seat.reports_to is None:
        raise RetireRefusedError(f"`{seat.id}` is the root seat; make another seat the root "
                                 "before retiring it")
    return seat


def default_reviewer(org: Org, seat: SeatFile) -> str | None:
    """Who reviews by default: the human accountable for the seat (an agent's `accountable`
    seat, a person's nearest human manager), when that seat is active."""
    candidate = seat.seat.accountable if seat.seat.is_agent else seat.seat.reports_to
    seen: set[str] = set()
    while candidate and candidate not in seen:
        seen.add(candidate)
        found = org.seats.get(candidate)
        if found is None or not found.seat.active:
            return None
        if not found.seat.is_agent:
            return found.id
        candidate = found.seat.accountable or found.seat.reports_to
    return None


def _unique(seats: list[SeatFile]) -> list[SeatFile]:
    return list({s.id: s for s in seats}.values())


def _active_seat(org: Org, name: str, role: str) -> SeatFile:
    found = org.find_seat(name)
    if found is None:
        from otpcli.errors import did_you_mean

        hint = did_you_mean(name.strip().lower(), org.seats, "give a seat id or a holder name")
        raise RetireRefusedError(f"{role}: no seat `{name}`; {hint}")
    if not found.seat.active:
        raise RetireRefusedError(f"{role}: `{found.id}` is already retired")
    return found


def _hand_over(
    seat: SeatFile, targets: list[SeatFile], assigned: dict[str, str]
) -> list[Handover]:
    target_ids = {t.id for t in targets}
    for to in assigned.values():
        if to not in target_ids:
            raise RetireRefusedError(f"--assign: `{to}` is not among --to "
                                     f"({', '.join(sorted(target_ids))}); "
                                "add it there")
    capabilities = {_key(c): c for c in seat.seat.capabilities}
    outcome_ids = {o.id for o in seat.seat.measured_outcomes()}
    unknown = [item for item in assigned if item not in capabilities and item not in outcome_ids]
    if unknown:
        raise RetireRefusedError(f"--assign: `{unknown[0]}` is neither a capability nor an "
                                 "outcome of "
                            f"`{seat.id}`")
    handovers: list[Handover] = []
    unassigned: list[str] = []
    owner_of: dict[str, str] = {}
    for key, capability in capabilities.items():
        if key in assigned:
            to, why = assigned[key], "assigned with --assign"
        elif len(targets) == 1:
            to, why = targets[0].id, "the only target"
        else:
            proposed, why = propose(capability, targets)
            if proposed is None:
                unassigned.append(f"`{capability}` ({why})")
                continue
            to = proposed
        owner_of[key] = to
        handovers.append(Handover("capability", capability, to, why))
    for outcome in seat.seat.measured_outcomes():
        receiver, why = _outcome_target(outcome, seat, targets, assigned, owner_of)
        if receiver is None:
            unassigned.append(f"outcome `{outcome.id}` ({why})")
            continue
        handovers.append(Handover("outcome", outcome.id, receiver, why))
    if unassigned:
        raise RetireRefusedError(
            "no target for " + "; ".join(unassigned) + ". Assign each with --assign "
            "\"CAPABILITY=SEAT\" or --assign \"OUTCOME-ID=SEAT\"")
    return handovers


def _outcome_target(
    outcome: Outcome, seat: SeatFile, targets: list[SeatFile], assigned: dict[str, str],
    owner_of: dict[str, str],
) -> tuple[str | None, str]:
    if outcome.id in assigned:
        return assigned[outcome.id], "assigned with --assign"
    if outcome.serves is not None:
        served = _key(outcome.serves)
        if served in owner_of:
            return owner_of[served], f"serves `{outcome.serves}`"
        return None, f"serves `{outcome.serves}`, which `{seat.id}` does not own"
    if len(owner_of) == 1:
        capability, to = next(iter(owner_of.items()))
        return to, f"the seat's only capability `{capability}` went there"
    if len(targets) == 1:
        return targets[0].id, "the only target"
    words = _tokens(f"{outcome.id.replace('-', ' ')} {outcome.statement} "
                    f"{outcome.metric.name if outcome.metric else ''}")
    scores = Counter({key: len(_shared(words, key)) for key in owner_of})
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return owner_of[ranked[0][0]], f"closest to capability `{ranked[0][0]}`"
    return None, "no `serves` and no capability it clearly belongs to"


def _escalation_successor(org: Org, seat: SeatFile, escalate_to: str | None) -> str:
    if escalate_to is not None:
        successor = _active_seat(org, escalate_to, "--escalate-to")
    else:
        default = seat.seat.accountable or seat.seat.reports_to
        if default is None:
            raise RetireRefusedError(f"`{seat.id}` has no accountable or reports_to seat to "
                                     "take its "
                                "escalations; give --escalate-to SEAT")
        successor = _active_seat(org, default, "escalations go to")
    if successor.id == seat.id:
        raise RetireRefusedError("--escalate-to: escalations cannot go to the retiring seat")
    return successor.id


def plan_document(plan: RetirePlan) -> dict[str, Any]:
    """The plan as `otp retire --format json` prints it (and MCP's plan_retirement)."""
    return {
        "seat": plan.seat.id,
        "reason": plan.reason,
        "reviewers": [r.id for r in plan.reviewers],
        "handovers": [{"kind": h.kind, "item": h.item, "to": h.to, "why": h.why}
                      for h in plan.handovers],
        "escalations_to": plan.escalate_to,
        "rerouted": plan.rerouted,
        "reports_moved_to": plan.reports_to if plan.moved_reports else None,
        "moved_reports": plan.moved_reports,
        "moved_accountable": plan.moved_accountable,
        "final_scorecard": plan.final_scorecard,
        "files": sorted(plan.after),
        "commit_message": plan.commit_message(),
    }
