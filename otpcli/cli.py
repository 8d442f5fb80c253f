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
from typing import Annotated, Any, get_args

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup
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


#: What a value of an option or argument is called in help, by parameter name (others get a
#: word for their type: N, FILE, TEXT; choices are listed: table|json).
METAVARS = {"seat": "SEAT", "to": "SEAT", "reviewer": "SEAT", "escalated_to": "SEAT",
            "status": "STATUS", "fail_on": "STATUS", "select": "RULE", "extend_select": "RULE",
            "ignore": "RULE", "periods": "N", "max_count": "N", "out": "DIR", "directory": "DIR",
            "paths": "PATH", "revisions": "REV", "example": "NAME", "timezone": "NAME",
            "week_start": "DAY", "root_seat": "ID"}


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
            self.commands[cmd_name] = get_command_from_info(
                CommandInfo(name=cmd_name, callback=guarded(command), cls=PlainCommand),
                pretty_exceptions_short=True, rich_markup_mode=None)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from otpcli.errors import did_you_mean

            hint = did_you_mean(name, [known for known, _ in COMMANDS], "`otp --help` lists them")
            ctx.fail(f"no command `{name}`; {hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary(command)) for name, command in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.BadParameter as error:
            error.message = plain_message(error)
            raise

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        PlainCommand.format_options(self, ctx, formatter)  # type: ignore[arg-type]
        self.format_commands(ctx, formatter)


class PlainCommand(TyperCommand):
    """A command whose help says what a value is in words (``--periods N``, ``SEAT``,
    ``[from 1 to 104]``) instead of typer's ``<int range>``, ``<list[str]>`` and ``{seat}``."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                if not param.required and not name.startswith("["):
                    name = f"[{name}]"
                many = param.nargs != 1 and param.metavar is None  # a given metavar says it
                pieces.append(name + ("..." if many else ""))
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in sections:
                continue
            sections[param.param_type_name].append((_plain_name(param), _plain_help(param,
                                                                                   record[1])))
        for kind, rows in sections.items():
            if rows:
                with formatter.section("Arguments" if kind == "argument" else "Options"):
                    formatter.write_dl(rows)


def _argument_name(param: click.Parameter) -> str:
    name = param.name or "value"
    return param.metavar or METAVARS.get(name, name.upper().replace("_", "-"))


def _value_word(param: click.Parameter) -> str:
    """What an option's value is, as a person would write it: table|json, N, FILE, TEXT."""
    if param.metavar:
        return param.metavar
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return "VALUE"
    if descriptor.is_choice:
        return "|".join(str(getattr(choice, "value", choice)) for choice in descriptor.choices)
    annotation = descriptor.annotation
    if descriptor.is_list:
        (annotation,) = get_args(annotation) or (str,)
    if param.name in METAVARS:
        return METAVARS[param.name]
    if descriptor.is_path:
        return {"file": "FILE", "dir": "DIR"}.get(descriptor.path_type, "PATH")
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    return "TEXT"


def _plain_name(param: click.Parameter) -> str:
    if param.param_type_name == "argument":
        return _argument_name(param)
    names = ", ".join(sorted(param.opts, key=lambda name: name.startswith("--")))
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {_value_word(param)}"


def _plain_help(param: click.Parameter, text: str) -> str:
    """typer's help text with its number range (``[1<=x<=104]``) in words."""
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is None and high is None:
        return text
    typer_range = (f"x<={high}" if low is None else f"x>={low}" if high is None
                   else f"{low}<=x<={high}")
    words = (f"at most {high}" if low is None else f"at least {low}" if high is None
             else f"from {low} to {high}")
    return text.replace(typer_range, words)


def plain_message(error: click.exceptions.BadParameter) -> str:
    """A bad option value said in words, the value echoed, a suggestion for a near choice:
    never pydantic's "Value error," or a type name."""
    from otpcli.errors import did_you_mean

    details = _validation_details(error.__cause__)
    value = details.get("input")
    descriptor = getattr(error.param, "type_descriptor", None)
    choices = [str(getattr(choice, "value", choice))
               for choice in (descriptor.choices or ())] if descriptor is not None else []
    if choices and value is not None:
        hint = did_you_mean(str(value), choices)
        return (f"`{value}` is not one of {', '.join(choices)}"
                + (f"; {hint}" if hint else ""))
    kind = str(details.get("type", ""))
    if kind.startswith(("int_", "float_")) and value is not None:
        return f"`{value}` is not a whole number; give one such as 12" if kind.startswith(
            "int_") else f"`{value}` is not a number; give one such as 12.5"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = getattr(error.param, "min", None), getattr(error.param, "max", None)
        limit = (f"from {low} to {high}" if low is not None and high is not None
                 else f"at least {low}" if low is not None else f"at most {high}")
        return f"`{value}` is out of range; give a number {limit}"
    if details:
        shown = f" (got `{value}`)" if value is not None else ""
        return str(details.get("msg", error.message)).removeprefix("Value error, ") + shown
    return error.message.removeprefix("Value error, ")


def _validation_details(cause: BaseException | None) -> dict[str, Any]:
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return {}
    try:
        found = errors()
    except Exception:
        return {}
    return dict(found[0]) if found else {}


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
    except (OtpError, OSError):
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
    position = None
    index = 0
    while index < len(argv):  # the command is the first word that is no option's value
        if argv[index] in GLOBAL_WITH_VALUE:
            index += 2
            continue
        if argv[index] in names:
            position = index
            break
        index += 1
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
    app(prog_name="otp")
