from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class AgentKeysOnHumanSeat(Rule):
    """A human seat carries keys that only mean something for agents.

    ## What it does
    Reports `accountable`, `autonomy` or `holder.model` on a seat whose
    holder is a human.

    ## Why is this bad?
    These keys describe how an agent is run and who answers for it. On a
    human seat they are usually left over from a seat that changed hands —
    and they make the fleet inventory wrong.

    ## Example
    ```yaml
    holder: {name: Janine, kind: human, model: gpt-4.1}
    autonomy: 3
    ```

    ## Use instead
    ```yaml
    holder: {name: Janine, kind: human}
    ```
    """

    code = "OTP206"
    name = "agent-keys-on-human-seat"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for seat_file in context.active_seats():
            seat = seat_file.seat
            if seat.is_agent:
                continue
            present = [("accountable",), ("autonomy",), ("holder", "model")]
            for path in present:
                if seat_file.gives(*path):
                    key = ".".join(str(part) for part in path)
                    yield Violation(seat_file.file, f"`{key}` applies to agent seats; "
                                    f"`{seat_file.id}` is held by a human: remove it", path=path,
                                    on_key=True)
