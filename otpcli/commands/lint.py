"""``otp lint``: a CI-grade linter for vague outcomes and broken governance."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from otpcli.console import global_options, make_console
from otpcli.options import NoCacheOption, OutputOption, split_values

LintFormat = Literal["full", "concise", "json", "github", "sarif", "junit", "gitlab", "rdjson"]


def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATH]...", show_default=False,
                       help="Report only findings in these files or folders (the whole org is "
                            "still linted, so cross-file rules stay exact)."),
    ] = None,
    output_format: Annotated[
        LintFormat | None,
        typer.Option("--format", "-f", show_default=False,
                     help="Output format (default: full; github when GITHUB_ACTIONS=true)."),
    ] = None,
    output: OutputOption = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", show_default=False,
                     help="Rules to run, replacing lint.select: codes, prefixes (OTP1) or names."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", show_default=False, help="Rules to run in addition."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", show_default=False, help="Rules not to run."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REF", show_default=False,
                     help="Only report findings in files changed since the merge-base with REF."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", dir_okay=False, show_default=False,
                     help="Do not report findings recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", dir_okay=False, show_default=False,
                     help="Record every current finding in FILE and exit 0."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print the findings only, no summary.")
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are errors.")
    ] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the org for vague outcomes, activity metrics and broken governance.

    Exit codes: 0 no errors (warnings allowed), 1 errors (or warnings with
    --strict), 2 cannot run. Suppress a finding with a comment on its line or
    the line above: `# otp: ignore[OTP104] the reason`.
    """
    from otpcli.commands._read import use_cache

    use_cache(no_cache)
    from otpcli.errors import ExitCode, OtpError
    from otpcli.fileio import write_text_atomic
    from otpcli.lint.engine import LintOptions, only_in, run_lint
    from otpcli.lint.engine import write_baseline as save_baseline
    from otpcli.lint.output import full, render, summary_line
    from otpcli.org.load import find_root, revision_source

    global_ = global_options(ctx)
    root = find_root(global_.repo)
    if global_.rev is not None and changed_since is not None:
        raise OtpError("--changed-since compares with the work tree; it does not combine "
                       "with --rev")
    source = revision_source(root, global_.rev) if global_.rev is not None else None
    options = LintOptions(
        select=split_values(select) if select else None,
        extend_select=split_values(extend_select),
        ignore=split_values(ignore),
        changed_since=changed_since,
        baseline=baseline,
    )
    report = run_lint(root, options, source=source)
    if paths:
        report = only_in(report, root, paths)
    if write_baseline is not None:
        count = save_baseline(report.all_findings, write_baseline)
        sys.stdout.write(f"wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}\n")
        return
    chosen: LintFormat = output_format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    )
    if output is not None:
        write_text_atomic(output, render(report, chosen))
        sys.stderr.write(summary_line(report) + "\n")
    elif chosen == "full":
        _print_full(ctx, _without_summary(full(report), report) if quiet else full(report))
    elif quiet and chosen == "concise":
        sys.stdout.write(_without_summary(render(report, chosen), report))
    else:
        sys.stdout.write(render(report, chosen))
    failing = report.errors or ((strict or report.strict) and report.warnings)
    if failing and not exit_zero:
        raise typer.Exit(int(ExitCode.FAILED))


def _print_full(ctx: typer.Context, text: str) -> None:
    import re

    from rich.text import Text

    console = make_console(ctx)
    for line in text.splitlines():
        styled = Text(line)
        match = re.match(r"^(\S+?:\d+:\d+:) (OTP\d+) \[(error|warning)\]", line)
        if match:
            styled.stylize("bold", 0, len(match.group(1)))
            colour = "red" if match.group(3) == "error" else "yellow"
            styled.stylize(f"bold {colour}", match.start(2), match.end(3) + 1)
        elif re.match(r"^\s*\d* \| ", line) and "^" in line:
            styled.stylize("red", line.index("^"))
        elif line.startswith(("Found ", "All checks passed")):
            styled.stylize("bold green" if line.startswith("All") else "bold")
        console.print(styled, highlight=False, soft_wrap=True)


def _without_summary(text: str, report: object) -> str:
    """``text`` without the closing summary (and the count table before it): ``--quiet``."""
    from otpcli.lint.engine import LintReport
    from otpcli.lint.output import summary_line

    assert isinstance(report, LintReport)
    body = text.removesuffix(summary_line(report) + "\n").rstrip("\n")
    blocks = body.split("\n\n")
    if blocks and all(line[:5].strip().isdigit() for line in blocks[-1].splitlines() if line):
        blocks = blocks[:-1]  # the count by rule
    return "\n\n".join(blocks) + ("\n" if blocks and blocks != [""] else "")
