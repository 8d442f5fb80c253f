"""``otp retire``: retire a seat as one reviewed commit with an honest record."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import split_values

if TYPE_CHECKING:
    from otpcli.retire.plan import RetirePlan


def retire(
    ctx: typer.Context,
    seat: Annotated[str, typer.Argument(help="The seat to retire: seat id or holder name.")],
    to: Annotated[
        list[str],
        typer.Option("--to", help="Seats that take over (comma-separated or repeated)."),
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the seat is retired, for the record.")
    ],
    reviewer: Annotated[
        list[str],
        typer.Option("--reviewer", help="Who reviewed the retirement (a human seat; repeatable)."),
    ],
    assign: Annotated[
        list[str] | None,
        typer.Option("--assign", metavar="ITEM=SEAT", show_default=False,
                     help="Give a capability or an outcome id to a seat, overriding the "
                          "proposal (repeatable)."),
    ] = None,
    escalate_to: Annotated[
        str | None,
        typer.Option("--escalate-to", metavar="SEAT", show_default=False,
                     help="Where escalations to the seat go (default: its accountable seat, "
                          "else its manager)."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Confirm without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the plan and the diff; change nothing.")
    ] = False,
    branch: Annotated[
        bool, typer.Option("--branch", help="Commit on a new branch retire/<seat> for a PR.")
    ] = False,
    output_format: Annotated[
        Literal["table", "json"], typer.Option("--format", "-f", help="How to show the plan.")
    ] = "table",
) -> None:
    """Retire a seat: hand its capabilities and outcomes to other seats in one reviewed commit.

    Shows the plan and a diff of every file, asks for confirmation, then
    commits the change with Reviewed-by trailers. The seat file stays, marked
    retired, with a record of where everything went and its final scorecard.
    """
    from otpcli.errors import ExitCode, OtpError
    from otpcli.org.load import open_org
    from otpcli.retire.apply import apply_retirement, check_repository, new_lint_errors
    from otpcli.retire.plan import plan_document, plan_retirement

    org = open_org(global_options(ctx).repo)
    plan = plan_retirement(org, seat, split_values(to), reason=reason,
                           reviewer_names=split_values(reviewer), assign=assign or [],
                           escalate_to=escalate_to)
    check_repository(org, plan, branch=branch)
    added = new_lint_errors(org, plan)
    if added:
        for finding in added:
            sys.stderr.write(f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                             f"{finding.message}\n")
        raise OtpError(f"the retirement would add {len(added)} lint error"
                       f"{'s' if len(added) != 1 else ''}; nothing was changed")
    if output_format == "json":
        import json

        sys.stdout.write(json.dumps(plan_document(plan), indent=2) + "\n")
    else:
        _show_plan(ctx, plan)
    if dry_run:
        sys.stdout.flush()
        sys.stderr.write("dry run: nothing was changed\n")
        return
    sys.stdout.flush()
    if not yes:
        if not sys.stdin.isatty() and not _has_input():
            raise OtpError("confirm with --yes when there is no terminal to ask in")
        if not typer.confirm(f"Retire {plan.seat.id} and commit?", default=False,
                             err=True):
            sys.stderr.write("cancelled: nothing was changed\n")
            raise typer.Exit(int(ExitCode.FAILED))
    commit = apply_retirement(org, plan, branch=branch)
    where = f" on branch {plan.branch}" if branch else ""
    sys.stderr.write(f"retired {plan.seat.id} in commit {commit[:10]}{where}\n")


def _has_input() -> bool:
    """Whether standard input can answer the prompt (a pipe or a test's input stream)."""
    try:
        return not sys.stdin.closed and sys.stdin.readable()
    except (ValueError, OSError):
        return False


def _show_plan(ctx: typer.Context, plan: RetirePlan) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = make_console(ctx)
    seat = plan.seat
    console.print(Text.assemble(("Retire ", "bold"), (seat.id, "bold red"),
                                f" ({seat.seat.title}, held by {seat.seat.holder.name})"))
    console.print(f"Reason: {plan.reason}")
    console.print("Reviewed by: " + ", ".join(f"{r.seat.holder.name} ({r.id})"
                                              for r in plan.reviewers))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("Hands over")
    table.add_column("Kind", no_wrap=True)
    table.add_column("To", no_wrap=True, style="bold green")
    table.add_column("Why")
    for handover in plan.handovers:
        table.add_row(handover.item, handover.kind, handover.to, handover.why)
    console.print(table)
    if plan.rerouted:
        console.print(f"Escalations re-routed to {plan.escalate_to}: {', '.join(plan.rerouted)}")
    if plan.moved_reports:
        console.print(f"Direct reports now report to {plan.reports_to}: "
                      f"{', '.join(plan.moved_reports)}")
    if plan.moved_accountable:
        console.print(f"Agents now accountable to {plan.escalate_to}: "
                      f"{', '.join(plan.moved_accountable)}")
    console.print()
    for line in plan.diff().splitlines():
        style = ("bold" if line.startswith(("---", "+++")) else
                 "green" if line.startswith("+") else
                 "red" if line.startswith("-") else
                 "cyan" if line.startswith("@@") else "")
        console.print(Text(line, style=style), soft_wrap=True)
