from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.load import SeatFile
from otpcli.org.yamlfile import PathKey


class DanglingReference(Rule):
    """A seat reference names no seat, or a retired one.

    ## What it does
    Checks every `reports_to`, `accountable`, `escalate[].to` and
    `reporters[]` of an active seat, and reports those that name a seat that
    does not exist or has been retired; and every outcome's `serves`, which
    must name one of its own seat's capabilities.

    ## Why is this bad?
    An escalation to a seat nobody holds is an escalation nobody receives: the
    exception fires and no human steps in. A seat reporting to a retired
    seat has no manager.

    ## Example
    ```yaml
    reports_to: jeff        # retired
    outcomes:
      - id: kpi-accuracy
        exceptions:
          - when: missing
            escalate:
              - to: janet   # no such seat
    ```

    ## Use instead
    ```yaml
    reports_to: bogdan
    outcomes:
      - id: kpi-accuracy
        exceptions:
          - when: missing
            escalate:
              - to: janine
    ```
    """

    code = "OTP004"
    name = "dangling-reference"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            seat = seat_file.seat
            if seat.reports_to is not None:
                yield from self._check(context, seat_file, seat.reports_to, ("reports_to",),
                                       "reports_to")
            if seat.accountable is not None:
                yield from self._check(context, seat_file, seat.accountable, ("accountable",),
                                       "accountable")
            owned = {" ".join(c.lower().split()) for c in seat.capabilities}
            for index, outcome in context.outcomes(seat_file):
                if outcome.serves is not None and " ".join(outcome.serves.lower().split()) \
                        not in owned:
                    yield Violation(seat_file.file, f"`serves` names `{outcome.serves}`, which is "
                                    f"not a capability of `{seat_file.id}`; name one of its "
                                    "`capabilities` or add it there",
                                    path=("outcomes", index, "serves"))
                for number, reporter in enumerate(outcome.reporters):
                    yield from self._check(context, seat_file, reporter,
                                           ("outcomes", index, "reporters", number), "reporters")
                for number, criterion in enumerate(outcome.exceptions):
                    for rung, step in enumerate(criterion.escalate):
                        path = ("outcomes", index, "exceptions", number, "escalate", rung, "to")
                        yield from self._check(context, seat_file, step.to, path, "escalate.to")

    def _check(
        self, context: LintContext, seat_file: SeatFile, target: str, path: PathKey, key: str
    ) -> Iterator[Violation]:
        found = context.org.seats.get(target)
        if found is None and target in context.org.unreadable:
            return  # its file is there but does not load: that file's finding says why
        if found is None:
            close = sorted(context.org.seats, key=lambda other: _distance(other, target))[:1]
            hint = f"did you mean `{close[0]}`?" if close and _distance(close[0], target) <= 2 \
                else "name an existing seat id (the file name in seats/)"
            yield Violation(seat_file.file, f"`{key}` names `{target}`, which is no seat; "
                            f"{hint}", path=path)
        elif not found.seat.active:
            yield Violation(seat_file.file, f"`{key}` names `{target}`, which is retired; name "
                            "the seat that took over its work", path=path)


def _distance(first: str, second: str) -> int:
    """Levenshtein distance, for did-you-mean hints."""
    previous = list(range(len(second) + 1))
    for row, left in enumerate(first, start=1):
        current = [row]
        for column, right in enumerate(second, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (left != right)))
        previous = current
    return previous[-1]
