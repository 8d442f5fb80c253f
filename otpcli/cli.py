"""The ``otp`` command line: global options and the one table that registers every command.

Command modules import only typer at module level; each imports what it needs
(models, rich tables, GitPython) when it runs, so ``otp --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from otpcli import __version__
from otpcli.commands import (
    import_,
    init,
    lint,
    record,
    retire,
    rule,
    schema,
    scorecard,
    seats,
)
from otpcli.console import GlobalOptions, error_line
from otpcli.errors import OtpError
from otpcli.options import NoColorOption, RepoOption

#: (name, function) for every command, in the order ``otp --help`` lists them.
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("init", init.init),
    ("scorecard", scorecard.scorecard),
    ("record", record.record),
    ("import", import_.import_),
    ("seats", seats.seats),
    ("lint", lint.lint),
    ("retire", retire.retire),
    ("rule", rule.rule),
    ("schema", schema.schema),
)


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn :class:`OtpError` into one line per problem and a documented exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OtpError as error:
            for problem in error.problems:
                sys.stderr.write(problem.render() + "\n")
            error_line(error.message)
            raise typer.Exit(int(error.exit_code)) from None

    return run


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"otp {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    name="otp",
    help="Run a hybrid organisation of human and AI-agent seats as code.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    repo: RepoOption = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_show_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Run a hybrid organisation of human and AI-agent seats as code.

    Seats, outcomes and exception criteria live as YAML files in a git
    repository; otp lints them, shows one scorecard for humans and agents,
    and retires seats as reviewed commits.
    """
    ctx.obj = GlobalOptions(repo=repo, no_color=no_color)


for _name, _command in COMMANDS:
    app.command(_name)(guarded(_command))


def main() -> None:
    app(prog_name="otp")
