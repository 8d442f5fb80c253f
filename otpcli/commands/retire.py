"""``otp retire``: retire a seat as one reviewed commit with an honest record."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import NoCacheOption, split_values

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from otpcli.retire.plan import RetirePlan


def retire(
    ctx: typer.Context,
    seat: Annotated[str, typer.Argument(help="The seat to retire: seat id or holder name.")],
    to: Annotated[
        list[str],
        typer.Option("--to", metavar="SEATS",
                     help="Seats that take over (comma-separated or repeated)."),
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", show_default=False,
                     help="Why the seat is retired, for the record (asked for in a terminal)."),
    ] = None,
    reviewer: Annotated[
        list[str] | None,
        typer.Option("--reviewer", metavar="SEAT", show_default=False,
                     help="Who reviewed the retirement: a human seat, repeatable (asked for in "
                          "a terminal, offering the seat's accountable human)."),
    ] = None,
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
    no_cache: NoCacheOption = False,
) -> None:
    """Retire a seat: hand its capabilities and outcomes to other seats in one reviewed commit.

    Shows the plan and a diff of every file, asks for confirmation, then
    commits the change with Reviewed-by trailers. The seat file stays, marked
    retired, with a record of where everything went and its final scorecard.
    """
    from otpcli.commands._read import use_cache

    use_cache(no_cache)
    from otpcli.errors import ExitCode, OtpError
    from otpcli.org.load import open_org
    from otpcli.retire.apply import apply_retirement, check_repository, new_lint_errors
    from otpcli.retire.plan import (
        default_reviewer,
        plan_document,
        plan_retirement,
        retiring_seat,
    )

    org = open_org(global_options(ctx).repo)
    retiring = retiring_seat(org, seat)
    in_terminal = sys.stdin.isatty() and not yes
    missing = [flag for flag, given in (("--reason TEXT", reason), ("--reviewer SEAT", reviewer))
               if not given]
    if missing and not in_terminal:
        needed = missing + ([] if yes or dry_run else ["--yes"])
        raise OtpError(f"no terminal to ask in: pass {_in_words(needed)}, as in `otp retire "
                       f"{retiring.id} --to {','.join(split_values(to)) or 'SEATS'} --reason "
                       "\"why\" --reviewer SEAT --yes`")
    if not reason:
        reason = _ask("Reason, for the record")
    if not reviewer:
        reviewer = [_ask("Reviewed by (a human seat)", default_reviewer(org, retiring))]
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
    console = make_console(ctx)
    if output_format == "json":
        import json

        sys.stdout.write(json.dumps(plan_document(plan), indent=2) + "\n")
    else:
        _show_plan(console, plan)
        _show_diff(console, plan, paged=in_terminal and console.is_terminal)
    if dry_run:
        sys.stdout.flush()
        sys.stderr.write("dry run: nothing was changed\n")
        return
    sys.stdout.flush()
    if not yes:
        if in_terminal:
            console.print(_summary(plan), highlight=False, soft_wrap=True)
            sys.stdout.flush()
        if not _confirm(f"Retire {plan.seat.id}?", in_terminal):
            sys.stderr.write("cancelled: nothing was changed\n")
            raise typer.Exit(int(ExitCode.FAILED))
    commit = apply_retirement(org, plan, branch=branch)
    where = f" on branch {plan.branch}" if branch else ""
    sys.stderr.write(f"retired {plan.seat.id} in commit {commit[:10]}{where}\n")


def _in_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _ask(question: str, default: str | None = None) -> str:
    """One answer from the terminal; Ctrl-C or end of input stops with nothing changed."""
    try:
        answer = typer.prompt(question, default=default, err=True)
    except typer.Abort:
        sys.stderr.write("\notp: interrupted: nothing was changed\n")
        raise typer.Exit(130) from None
    return str(answer).strip()


def _confirm(question: str, in_terminal: bool) -> bool:
    """The last question. Without a terminal, a pipe may answer it; no answer at all is not
    a "no" (exit 1) but a command that cannot run without --yes (exit 2)."""
    from otpcli.errors import OtpError

    if not in_terminal and not _has_input():
        raise OtpError("no terminal to ask in: pass --yes to confirm")
    try:
        return typer.confirm(question, default=False, err=True)
    except typer.Abort:
        if in_terminal:
            sys.stderr.write("\notp: interrupted: nothing was changed\n")
            raise typer.Exit(130) from None
        sys.stderr.write("\n")
        raise OtpError(f"no answer to `{question}`: pass --yes to confirm without a "
                       "terminal") from None


def _summary(plan: RetirePlan) -> str:
    """The plan in one line, repeated right before the question."""
    from otpcli.errors import plural

    receivers = ", ".join(dict.fromkeys(handover.to for handover in plan.handovers))
    items = " and ".join(plural(len(group), kind) for group, kind in (
        (plan.capabilities, "capability"), (plan.outcomes, "outcome")) if group)
    items = items.replace("capabilitys", "capabilities")
    reviewers = ", ".join(f"{r.seat.holder.name} ({r.id})" for r in plan.reviewers)
    return (f"Retire {plan.seat.id} ({plan.seat.seat.title}): {items or 'nothing'} to "
            f"{receivers or 'nobody'}; {plural(len(plan.after), 'file')} change; reviewed by "
            f"{reviewers}; reason: {plan.reason}")


def _has_input() -> bool:
    """Whether standard input can answer the prompt (a pipe or a test's input stream)."""
    try:
        return not sys.stdin.closed and sys.stdin.readable()
    except (ValueError, OSError):
        return False


def _show_plan(console: Console, plan: RetirePlan) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

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


def _show_diff(console: Console, plan: RetirePlan, *, paged: bool) -> None:
    """The diff of every file, through the pager ($PAGER, else less) in a terminal."""
    import os
    from contextlib import nullcontext

    from rich.text import Text

    if paged:
        os.environ.setdefault("LESS", "FRX")  # as git does: colours, quit if it fits
    with console.pager(styles=True) if paged else nullcontext():
        _print_diff(console, plan, Text)


def _print_diff(console: Console, plan: RetirePlan, text: type[Text]) -> None:
    for line in plan.diff().splitlines():
        style = ("bold" if line.startswith(("---", "+++")) else
                 "green" if line.startswith("+") else
                 "red" if line.startswith("-") else
                 "cyan" if line.startswith("@@") else "")
        console.print(text(line, style=style), soft_wrap=True)
