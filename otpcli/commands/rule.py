"""``otp rule``: print a lint rule's documentation."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from otpcli.console import make_console

RuleFormat = Literal["table", "json", "markdown"]


def rule(
    ctx: typer.Context,
    code: Annotated[
        str | None, typer.Argument(help="Rule code (OTP102) or name.", show_default=False)
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every rule.")] = False,
    output_format: Annotated[
        RuleFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
) -> None:
    """Explain a lint rule: what it does, why it matters, an example and the fix."""
    from otpcli.errors import OtpError, did_you_mean
    from otpcli.lint.output import rule_help_uri, rules_markdown
    from otpcli.lint.rules import BY_CODE, BY_NAME, RULES

    if show_all == (code is not None):
        raise OtpError("give one rule code or name, or --all")
    if code is not None:
        found = BY_CODE.get(code.upper()) or BY_NAME.get(code.lower())
        if found is None:
            hint = did_you_mean(code, [*BY_CODE, *BY_NAME], "`otp rule --all` lists them")
            raise OtpError(f"no rule `{code}`; {hint}")
        chosen = [found]
    else:
        chosen = list(RULES)
    if output_format == "json":
        import json

        payload = [
            {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary(),
             "what_it_does": r.section("What it does"), "why": r.section("Why is this bad?"),
             "example": r.section("Example"), "use_instead": r.section("Use instead"),
             "help_uri": rule_help_uri(r)}
            for r in chosen
        ]
        sys.stdout.write(json.dumps(payload if show_all else payload[0], indent=2) + "\n")
        return
    if output_format == "markdown":
        sys.stdout.write(rules_markdown(chosen))
        return
    console = make_console(ctx)
    if show_all:
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        table.add_column("Code", no_wrap=True)
        table.add_column("Name", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Summary")
        for r in chosen:
            table.add_row(r.code, r.name, r.severity, r.summary())
        console.print(table)
        return
    from rich.markdown import Markdown

    only = chosen[0]
    console.print(Markdown(f"# {only.code} {only.name} ({only.severity})\n\n"
                           + only.documentation()))
