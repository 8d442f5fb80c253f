from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli import __version__
from otpcli.cli import COMMANDS, app


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"otp {__version__}\n"


def test_help_lists_every_command_with_a_summary() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for name, command in COMMANDS:
        summary = (command.__doc__ or "").strip().splitlines()[0]
        assert summary, f"{name} has no docstring"
        assert any(line.split()[:1] == [name] and summary[:30] in line
                   for line in result.stdout.splitlines()), name


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["frobnicate"])
    assert result.exit_code == 2


COLOUR_CODE = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m")


def test_no_color_flag_and_environment_remove_escape_codes(example_org: Path) -> None:
    runner = CliRunner()
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    coloured = runner.invoke(app, ["--repo", str(example_org), "seats"], env=forced)
    assert COLOUR_CODE.search(coloured.stdout)
    plain = runner.invoke(app, ["--repo", str(example_org), "--no-color", "seats"], env=forced)
    assert not COLOUR_CODE.search(plain.stdout)
    env_plain = runner.invoke(app, ["--repo", str(example_org), "seats"],
                              env={**forced, "NO_COLOR": "1"})
    assert not COLOUR_CODE.search(env_plain.stdout)


def test_help_does_not_import_heavy_modules() -> None:
    code = ("import sys; from otpcli import cli; "
            "heavy = [m for m in ('pydantic', 'git', 'rich.table', 'otpcli.org.model') "
            "if m in sys.modules]; print(heavy)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert output.strip() == "[]"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "otpcli", "--version"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"otp {__version__}"


def test_the_console_script_answers_version_like_the_app() -> None:
    fast = subprocess.run([sys.executable, "-c", "import sys; sys.argv=['otp','--version']; "
                           "from otpcli.entry import main; main()"],
                          capture_output=True, text=True, check=True).stdout
    assert fast == CliRunner().invoke(app, ["--version"]).stdout
    short = subprocess.run([sys.executable, "-m", "otpcli", "-V"], capture_output=True,
                           text=True, check=True).stdout
    assert short == fast


def _failing(error: BaseException) -> object:
    def build(*args: object, **kwargs: object) -> object:
        raise error

    return build


@pytest.mark.parametrize(("error", "code", "line"), [
    (RuntimeError("boom"), 2, "otp: internal error in `otp scorecard`: RuntimeError: boom. "
                              "This is a bug in otp: please report it with the command you ran "
                              "(OTP_DEBUG=1 shows the traceback)"),
    (PermissionError(13, "Permission denied", "measurements/x.csv"), 2,
     "otp: measurements/x.csv: Permission denied"),
    (KeyboardInterrupt(), 130, "otp: interrupted"),
])
def test_no_traceback_ever(example_org: Path, monkeypatch: pytest.MonkeyPatch,
                           error: BaseException, code: int, line: str) -> None:
    import otpcli.scorecard.build as build

    monkeypatch.setattr(build, "build_scorecard", _failing(error))
    result = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard"])
    assert result.exit_code == code
    assert result.stderr == line + "\n"
    assert "Traceback" not in result.output


def test_otp_debug_shows_the_traceback(example_org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import otpcli.scorecard.build as build

    monkeypatch.setattr(build, "build_scorecard", _failing(RuntimeError("boom")))
    monkeypatch.setenv("OTP_DEBUG", "1")
    result = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard"])
    assert isinstance(result.exception, RuntimeError)


def test_git_refuses_an_option_smuggled_into_a_revision(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "lint",
                                      "--changed-since=--output=/tmp/otp-pwned"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "refused `--output`" in result.output
    assert "allow_unsafe_options" not in result.output
    assert not Path("/tmp/otp-pwned").exists()


def test_a_date_past_the_calendar_is_refused(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard", "--as-of",
                                      "9999-12-31"])
    assert result.exit_code == 2
    assert result.stderr.startswith("otp: --as-of: `9999-12-31`")


@pytest.mark.parametrize(("given", "read"), [
    (["lint", "--repo", "demo"], ["--repo", "demo", "lint"]),
    (["scorecard", "--no-color", "--format", "json"], ["--no-color", "scorecard", "--format",
                                                        "json"]),
    (["seats", "--rev=HEAD~1"], ["--rev=HEAD~1", "seats"]),
    (["--repo", "a", "record", "x", "--", "--no-color"], ["--repo", "a", "record", "x", "--",
                                                          "--no-color"]),
    (["--help"], ["--help"]),
])
def test_global_options_may_follow_the_command(given: list[str], read: list[str]) -> None:
    from otpcli.cli import hoist_global_options

    assert hoist_global_options(given) == read


def test_global_options_after_the_command_in_a_real_process(example_org: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "otpcli", "seats", "--repo",
                             str(example_org), "--no-color", "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert '"org": "Sneeze It"' in result.stdout


def test_a_mistyped_command_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["scorecrd"])
    assert result.exit_code == 2
    assert "no command `scorecrd`; did you mean `scorecard`?" in result.output


INTERNALS = re.compile(r"<int range>|<list\[|<float>|<str>|<path>|\{[A-Za-z_|]+\}|Value error,")


def test_help_never_shows_library_internals() -> None:
    from otpcli.cli import COMMANDS

    for name, _ in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, name
        assert not INTERNALS.search(result.stdout), (name, INTERNALS.search(result.stdout))


def test_messages_say_what_is_expected_not_a_regular_expression(tmp_path: Path) -> None:
    (tmp_path / "seats").mkdir()
    (tmp_path / "otp.yaml").write_text("name: T\ntimezone: UTC\n")
    (tmp_path / "seats" / "ada.yaml").write_text(
        "title: Founder\nholder: {name: Ada, kind: human}\noutcomes:\n"
        "  - id: Revenue_1\n    statement: Book at least $1 every month\n"
        "    metric: {name: Revenue, unit: dollars}\n    range: {min: 1}\n"
        "    timeframe: {cadence: monthly}\n    stale_after: 2 days\n")
    result = CliRunner().invoke(app, ["--repo", str(tmp_path), "lint", "--format", "concise"])
    assert "pattern" not in result.stdout and "^" not in result.stdout
    assert "must be an id: lowercase letters, digits and hyphens" in result.stdout
    assert "such as `2d` or `36h` (got '2 days')" in result.stdout
    assert "three-letter currency code such as USD (got 'dollars')" in result.stdout


def test_global_options_after_the_command_through_the_app(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["seats", "--repo", str(example_org), "--no-color",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"org": "Sneeze It"' in result.stdout
    lint = CliRunner().invoke(app, ["lint", "--format", "json", f"--repo={example_org}"])
    assert lint.exit_code in (0, 1), lint.output
    assert '"findings"' in lint.stdout


def test_a_repo_named_like_a_command_is_not_taken_for_the_command() -> None:
    from otpcli.cli import hoist_global_options

    assert hoist_global_options(["--repo", "seats", "lint", "--no-color"]) == [
        "--repo", "seats", "--no-color", "lint"]


HELP_INTERNALS = ("<int", "<list", "<str>", "<path>", "<file>", "<dir>", "{", "}", "x>=", "<=x")


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_help_says_what_values_are_in_words(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for internal in HELP_INTERNALS:
        lines = [line for line in result.stdout.splitlines() if internal in line
                 and "@{" not in line]  # main@{2026-10-01} is git's own syntax
        assert not lines, (internal, lines)


def test_help_names_values_and_ranges_in_words() -> None:
    result = CliRunner().invoke(app, ["scorecard", "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.stdout.split())
    assert "-n, --periods N Trailing periods" in text
    assert "else 13). [from 1 to 104]" in text
    assert "-f, --format table|json|csv|markdown|html Output format." in text
    usages = {name: CliRunner().invoke(app, [name, "--help"]).stdout.splitlines()[0]
              for name in ("record", "diff", "lint", "init")}
    assert usages == {"record": "Usage: otp record [OPTIONS] OUTCOME [VALUE]",
                      "diff": "Usage: otp diff [OPTIONS] [BASE [HEAD]]",
                      "lint": "Usage: otp lint [OPTIONS] [PATH]...",
                      "init": "Usage: otp init [OPTIONS] [DIR]"}


@pytest.mark.parametrize(("args", "message"), [
    (["scorecard", "--format", "jsn"],
     "Invalid value for '--format' / '-f': `jsn` is not one of table, json, csv, markdown, "
     "html; did you mean `json`?"),
    (["scorecard", "--periods", "abc"],
     "Invalid value for '--periods' / '-n': `abc` is not a whole number; give one such as 12"),
    (["scorecard", "--periods", "0"],
     "Invalid value for '--periods' / '-n': `0` is out of range; give a number from 1 to 104"),
    (["scorecard", "--kind", "robot"], "Invalid value for '--kind': `robot` is not one of "
                                       "human, agent"),
])
def test_a_bad_value_is_echoed_with_what_is_expected(example_org: Path, args: list[str],
                                                     message: str) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), *args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert "Value error" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["scorecard", "--status", "on_trak"], "otp: --status: unknown status `on_trak`; did you "
                                           "mean `on_track`?"),
    (["scorecard", "--seat", "jef"], "otp: --seat: no seat `jef`; did you mean `jeff`?"),
    (["record", "gross-margn", "41"], "otp: no outcome `gross-margn` in this org; did you "
                                      "mean `gross-margin`?"),
    (["retire", "jef", "--to", "dash", "--reason", "r", "--reviewer", "bogdan", "--yes"],
     "otp: seat to retire: no seat `jef`; did you mean `jeff`?"),
    (["lint", "--select", "outcome-missing-rnge"], "otp: --select: `outcome-missing-rnge` "
                                                   "matches no rule; did you mean "
                                                   "`outcome-missing-range`?"),
])
def test_typos_get_a_did_you_mean(example_org: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr


def test_one_did_you_mean_helper() -> None:
    from otpcli.errors import did_you_mean

    assert did_you_mean("scorecrd", ["scorecard", "seats"]) == "did you mean `scorecard`?"
    assert did_you_mean("zzz", ["scorecard"], "see --help") == "see --help"


@pytest.mark.parametrize(("args", "line"), [
    (["init", "{tmp}/org", "--week-start", "mondy"],
     "otp: --week-start: `mondy` must be 'monday', 'tuesday', 'wednesday', 'thursday', "
     "'friday', 'saturday' or 'sunday'; did you mean `monday`?"),
    (["init", "{tmp}/org", "--timezone", "Mars/Base"],
     "otp: --timezone: `Mars/Base` is not an IANA time zone name such as Europe/London or "
     "America/New_York"),
    (["rule", "outcome-missing-rnge"],
     "otp: no rule `outcome-missing-rnge`; did you mean `outcome-missing-range`?"),
])
def test_init_and_rule_say_what_is_wrong_in_words(tmp_path: Path, args: list[str],
                                                   line: str) -> None:
    result = CliRunner().invoke(app, [arg.format(tmp=tmp_path) for arg in args])
    assert result.exit_code == 2
    assert result.stderr == line + "\n"
    assert not (tmp_path / "org").exists()
