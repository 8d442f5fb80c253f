from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class AccountableHumanWithoutHandle(Rule):
    """A human who answers for an agent names no GitHub handle.

    ## What it does
    In an org that names GitHub handles (`holder.github` on at least one
    active human seat), reports each active human seat that is `accountable`
    for an active agent but names no handle.

    ## Why is this bad?
    `otp codeowners` makes each agent's accountable human the required
    reviewer of the agent's seat file, so with branch protection no change to
    an agent merges unless the person who answers for it approved it. Without
    a handle that person cannot be named in CODEOWNERS, and the agent's seat
    falls to whoever sits above them.

    ## Example
    ```yaml
    title: Head of Finance
    holder: {name: Janine, kind: human}   # Tally's accountable human
    ```

    ## Use instead
    ```yaml
    title: Head of Finance
    holder: {name: Janine, kind: human, github: janine-r}
    ```
    """

    code = "OTP207"
    name = "accountable-human-without-handle"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        seats = list(context.active_seats())
        humans = {seat_file.id: seat_file for seat_file in seats if not seat_file.seat.is_agent}
        if not any(seat_file.seat.holder.github for seat_file in humans.values()):
            return  # the org does not use GitHub handles
        agents: dict[str, list[str]] = {}
        for seat_file in seats:
            accountable = seat_file.seat.accountable
            if seat_file.seat.is_agent and accountable in humans:
                agents.setdefault(accountable, []).append(seat_file.id)
        for human_id, agent_ids in sorted(agents.items()):
            human = humans[human_id]
            if human.seat.holder.github:
                continue
            names = ", ".join(f"`{agent_id}`" for agent_id in agent_ids)
            yield Violation(human.file, f"`{human_id}` is accountable for the agent seat"
                            f"{'s' if len(agent_ids) > 1 else ''} {names} but names no GitHub "
                            "handle; add `holder.github: <handle>` so `otp codeowners` can make "
                            "them the reviewer", path=("holder",), on_key=True)
