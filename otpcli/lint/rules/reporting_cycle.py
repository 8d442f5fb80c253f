from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class ReportingCycle(Rule):
    """The reporting lines are not one tree with one root.

    ## What it does
    Follows `reports_to` between active seats and reports a seat that is part
    of a cycle, and an org with no root or more than one (a root is an active
    seat without `reports_to`).

    ## Why is this bad?
    Escalations, the org chart and seat retirement all walk the reporting
    lines upwards. In a cycle nobody is at the top; with two roots, the org
    is two orgs and nobody owns the whole.

    ## Example
    ```yaml
    # seats/bogdan.yaml
    reports_to: dash
    # seats/dash.yaml
    reports_to: bogdan
    ```

    ## Use instead
    ```yaml
    # seats/bogdan.yaml
    reports_to: david
    # seats/dash.yaml
    reports_to: bogdan
    ```
    """

    code = "OTP005"
    name = "reporting-cycle"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        active = {seat_file.id: seat_file for seat_file in context.active_seats()}
        # a seat whose `reports_to` is invalid is not a root: its schema error says so
        roots = [seat_file for seat_file in active.values() if seat_file.seat.reports_to is None
                 and not seat_file.invalid_at("reports_to")]
        if len(roots) > 1:
            names = ", ".join(f"`{root.id}`" for root in roots)
            for root in roots[1:]:
                yield Violation(root.file, f"{len(roots)} active seats have no `reports_to` "
                                f"({names}); exactly one seat is the root: set `reports_to` "
                                "on the others", path=("title",), on_key=True)
        in_cycle: set[str] = set()
        for start in active:
            trail: list[str] = []
            current: str | None = start
            while current is not None and current in active and current not in trail:
                if current in in_cycle:
                    break
                trail.append(current)
                current = active[current].seat.reports_to
            if current is not None and current in trail:
                cycle = trail[trail.index(current):]
                for seat_id in cycle:
                    if seat_id not in in_cycle:
                        in_cycle.add(seat_id)
                        loop = " -> ".join([*cycle[cycle.index(seat_id):],
                                            *cycle[:cycle.index(seat_id)], seat_id])
                        yield Violation(active[seat_id].file, f"reporting cycle: {loop}; point "
                                        "one of these `reports_to` at a seat outside the cycle",
                                        path=("reports_to",))
        if active and not roots and not in_cycle:
            first = next(iter(active.values()))
            yield Violation(first.file, "no active seat is the root: every seat has "
                            "`reports_to`; remove it from the seat at the top of the org",
                            path=("reports_to",))
