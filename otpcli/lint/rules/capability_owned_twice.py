from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


def capability_key(capability: str) -> str:
    return " ".join(capability.lower().split())


class CapabilityOwnedTwice(Rule):
    """Two active seats claim the same capability.

    ## What it does
    Compares the `capabilities` of every active seat (ignoring case and
    spacing) and reports a capability already claimed by another seat.

    ## Why is this bad?
    One seat, one owner. When two seats own ad pacing monitoring, each
    assumes the other is watching, and an overspend goes unnoticed. When a
    seat retires, its capabilities must each go to exactly one seat.

    ## Example
    ```yaml
    # seats/dash.yaml
    capabilities: [ad pacing monitoring]
    # seats/jeff.yaml
    capabilities: [ad pacing monitoring]
    ```

    ## Use instead
    ```yaml
    # seats/dash.yaml
    capabilities: [ad pacing monitoring]
    # seats/jeff.yaml
    capabilities: [project reconciliation]
    ```
    """

    code = "OTP203"
    name = "capability-owned-twice"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        owners: dict[str, str] = {}
        for seat_file in context.active_seats():
            for index, capability in enumerate(seat_file.seat.capabilities):
                key = capability_key(capability)
                owner = owners.setdefault(key, seat_file.id)
                if owner != seat_file.id:
                    yield Violation(seat_file.file, f"capability `{capability}` is also owned by "
                                    f"seat `{owner}`; one capability has one owner: remove it "
                                    "from one of the seats", path=("capabilities", index))
