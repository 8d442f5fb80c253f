from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class AgentWithoutAccountableHuman(Rule):
    """An agent seat has no human answerable for it.

    ## What it does
    Reports an active agent seat without `accountable`, or whose
    `accountable` names another agent seat.

    ## Why is this bad?
    Every agent holds a seat with one owner. When an agent goes wrong there
    must be a person who answers for it and can stop it; an agent
    accountable to an agent only moves the question.

    ## Example
    ```yaml
    title: Inbox Manager
    holder: {name: Pepper, kind: agent}
    accountable: radar      # an agent seat
    ```

    ## Use instead
    ```yaml
    title: Inbox Manager
    holder: {name: Pepper, kind: agent}
    reports_to: radar
    accountable: david      # a human seat
    ```
    """

    code = "OTP202"
    name = "agent-without-accountable-human"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            seat = seat_file.seat
            if not seat.is_agent or seat_file.invalid_at("accountable") or \
                    seat_file.invalid_at("holder", "kind"):
                continue
            if seat.accountable is None:
                yield Violation(seat_file.file, f"agent seat `{seat_file.id}` has no "
                                "`accountable` human; add `accountable: <human seat id>`",
                                path=("holder", "kind"))
                continue
            target = context.org.seats.get(seat.accountable)
            if target is not None and target.seat.is_agent and \
                    not target.invalid_at("holder", "kind"):  # a guessed kind proves nothing
                yield Violation(seat_file.file, f"`accountable` names `{seat.accountable}`, an "
                                "agent seat; name the human seat answerable for this agent",
                                path=("accountable",))
