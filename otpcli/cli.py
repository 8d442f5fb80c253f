"""The ``otp`` command line: global options and the one table that registers every command.

Command modules import only typer at module level; each imports what it needs
(models, rich tables, GitPython) when it runs, so ``otp --help`` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import _click as click
from typer.core import TyperArgument, TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from otpcli import __version__
from otpcli.commands import (
    ack,
    chart,
    check,
    codeowners,
    diff,
    import_,
    init,
    lint,
    log,
    mcp,
    record,
    retire,
    review,
    rule,
    schema,
    scorecard,
    seats,
    show,
)
from otpcli.console import GlobalOptions, error_line
from otpcli.errors import ExitCode, OtpError
from otpcli.options import NoColorOption, RepoOption, RevOption

#: (name, function) for every command, in the order ``otp --help`` lists them.
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("init", init.init),
    ("scorecard", scorecard.scorecard),
    ("check", check.check),
    ("ack", ack.ack),
    ("review", review.review),
    ("record", record.record),
    ("import", import_.import_),
    ("seats", seats.seats),
    ("show", show.show),
    ("chart", chart.chart),
    ("lint", lint.lint),
    ("retire", retire.retire),
    ("diff", diff.diff),
    ("log", log.log),
    ("codeowners", codeowners.codeowners),
    ("rule", rule.rule),
    ("schema", schema.schema),
    ("mcp", mcp.mcp),
)


#: The read commands that load the org through the global ``--rev``.
REVISION_COMMANDS = frozenset({"seats", "show", "scorecard", "lint", "chart", "log",
                               "check", "review"})


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into one line and a documented exit code, never a traceback:
    :class:`OtpError` (one line per problem), an operating-system, CSV or git error (exit 2),
    Ctrl-C (exit 130), and anything unexpected (exit 2, never 1, which means findings; the
    traceback only with ``OTP_DEBUG=1``)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OtpError as error:
            for problem in error.problems:
                sys.stderr.write(problem.render() + "\n")
            error_line(error.message)
            raise typer.Exit(int(error.exit_code)) from None
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except KeyboardInterrupt:
            error_line("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as error:
            if os.environ.get("OTP_DEBUG"):
                raise
            error_line(describe_failure(error, command.__name__.rstrip("_")))
            raise typer.Exit(int(ExitCode.CANNOT_RUN)) from None

    return run


def describe_failure(error: Exception, command: str) -> str:
    """One line for a failure otp did not turn into an :class:`OtpError` itself."""
    import csv

    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, csv.Error):
        return f"not readable as CSV: {error}"
    module = type(error).__module__
    if module.startswith("git"):
        from otpcli.git import describe_git_error

        return describe_git_error(error)
    return (f"internal error in `otp {command}`: {type(error).__name__}: {error}. This is a "
            "bug in otp: please report it with the command you ran (OTP_DEBUG=1 shows the "
            "traceback)")


def _quiet_stdout() -> None:
    """The reader of our output went away (``otp scorecard | head``): stop writing quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"otp {__version__}\n")
        raise typer.Exit()


def summary(command: Callable[..., Any]) -> str:
    """The first line of a command's docstring: its one-line summary in `otp --help`."""
    return (command.__doc__ or "").strip().split("\n", 1)[0]


#: What a value of an option is called in help, where its Python type would show otherwise.
METAVARS = {"seat": "SEAT", "to": "SEAT", "reviewer": "SEAT", "escalated_to": "SEAT",
            "status": "STATUS", "fail_on": "STATUS", "select": "RULE", "extend_select": "RULE",
            "ignore": "RULE", "periods": "N", "max_count": "N", "out": "DIR", "directory": "DIR",
            "paths": "PATH", "revisions": "REV"}


def _name_values(command: click.Command) -> None:
    """Help that says what to type (SEAT, N, PATH), never a Python type (``<list[str]>``,
    ``<int range>``, ``{seat}``)."""
    for param in command.params:
        kind = getattr(param, "type", None)
        name = param.name or "value"
        if isinstance(param, TyperArgument):
            given = param.metavar
            word = given or METAVARS.get(name, name.upper().replace("_", "-"))
            usage = word if word.startswith("[") or param.required else f"[{word}]"
            if param.nargs != 1 and given is None:
                usage += "..."
            param.metavar = usage
            # no braces around a required argument, no Python type after it
            setattr(param, "_usage_display_name", lambda usage=usage: usage)  # noqa: B010
            setattr(param, "_rich_display_name", lambda usage=usage: usage)  # noqa: B010
            setattr(param, "display_type", lambda ctx: "")  # noqa: B010
            continue
        if param.metavar is not None or getattr(param, "is_flag", False) or \
                hasattr(kind, "choices"):
            continue
        param.metavar = METAVARS.get(name, name.upper().replace("_", "-"))


class LazyGroup(TyperGroup):
    """Builds a command's click parameters only when that command runs.

    typer turns every command's signature into click parameters up front; for
    ten commands that cost more than importing typer itself, on every `otp`
    call. Here `otp --help` lists the commands from their docstrings and only
    the command being run is built.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, _ in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            command = dict(COMMANDS).get(cmd_name)
            if command is None:
                return None
            built = get_command_from_info(
                CommandInfo(name=cmd_name, callback=guarded(command)),
                pretty_exceptions_short=True, rich_markup_mode=None)
            _name_values(built)
            self.commands[cmd_name] = built
        return self.commands[cmd_name]

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, [known for known, _ in COMMANDS], n=1)
            hint = f"; did you mean `{close[0]}`?" if close else "; `otp --help` lists them"
            ctx.fail(f"no command `{name}`{hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary(command)) for name, command in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="otp",
    cls=LazyGroup,
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
    rev: RevOption = None,
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
    if rev is not None and ctx.invoked_subcommand not in REVISION_COMMANDS:
        error_line(f"--rev reads the org at a revision for {', '.join(sorted(REVISION_COMMANDS))}"
                   f"; `otp {ctx.invoked_subcommand}` does not take it"
                   + ("; give the revisions as arguments: otp diff BASE HEAD"
                      if ctx.invoked_subcommand == "diff" else ""))
        raise typer.Exit(2)
    ctx.obj = GlobalOptions(repo=repo, no_color=no_color, rev=rev)
    _recover_interrupted(repo)


def _recover_interrupted(repo: Path | None) -> None:
    """Finish or undo what a killed otp command left half done (its journal in ``.git/``),
    before any command reads the org; one line says what was done."""
    from otpcli.org.load import find_root

    try:
        root = find_root(repo)
    except OtpError:
        return  # no org here (otp init, otp rule): nothing to recover
    from otpcli.fileio import sweep_temporary

    cache = root / ".otp_cache"
    sweep_temporary(cache, ".measurements-v2.bin.*.tmp")
    sweep_temporary(cache, ".gitignore.*.tmp")
    if cache.is_dir() and not cache.is_symlink() and not (cache / ".gitignore").exists():
        from otpcli.measurements.cache import ensure_ignored

        ensure_ignored(cache)
    if not _journal_may_exist(root):
        return
    from otpcli.git import recover

    try:
        done = recover(root)
    except Exception as error:  # the command still runs; the next one tries again
        error_line(f"could not finish an interrupted operation: {error}")
        return
    if done:
        error_line(done)


def _journal_may_exist(root: Path) -> bool:
    """A cheap look for ``.git/otp-journal.json`` or stray temporary files above ``root``
    (GitPython is imported only when there is something to do)."""
    for candidate in (root, *root.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return any(dot_git.glob("otp-*"))
        if dot_git.exists():
            return True  # a worktree: let recover() follow its gitdir
    return False




#: Options of ``otp`` itself that may also come after the command, as ruff and gh allow.
GLOBAL_WITH_VALUE = ("--repo", "--rev")
GLOBAL_FLAGS = ("--no-color",)


def hoist_global_options(argv: list[str]) -> list[str]:
    """``otp lint --repo demo`` as ``otp --repo demo lint``: global options given after the
    command move before it (up to a ``--``, after which everything is an argument)."""
    names = {name for name, _ in COMMANDS}
    position = next((index for index, arg in enumerate(argv) if arg in names), None)
    if position is None:
        return argv
    before, command, rest = argv[:position], argv[position], argv[position + 1:]
    moved: list[str] = []
    kept: list[str] = []
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--":
            kept += rest[index:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_FLAGS or (name in GLOBAL_WITH_VALUE and "=" in arg):
            moved.append(arg)
        elif arg in GLOBAL_WITH_VALUE and index + 1 < len(rest):
            moved += [arg, rest[index + 1]]
            index += 1
        else:
            kept.append(arg)
        index += 1
    return [*before, *moved, command, *kept]


def main() -> None:
    app(args=hoist_global_options(sys.argv[1:]), prog_name="otp")
