"""``otp retire`` as people type it: prompts in a terminal (driven through a pty), and one
clear refusal naming every missing option without one."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import git
import pexpect
import pytest
from typer.testing import CliRunner

from otpcli import clock
from otpcli.cli import app
from otpcli.measurements.example import create_example

REASON = "Both capabilities absorbed after the Q4 agent review"
#: Both runs commit at the same moment, so the same change is the same commit id.
PINNED_DATES = {"GIT_AUTHOR_DATE": "Fri, 20 Nov 2026 10:00:00 +0000",
                "GIT_COMMITTER_DATE": "Fri, 20 Nov 2026 10:00:00 +0000"}


@pytest.fixture
def two_orgs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    for name, value in PINNED_DATES.items():
        monkeypatch.setenv(name, value)
    orgs = (tmp_path / "typed", tmp_path / "flagged")
    for org in orgs:
        create_example(org, "sneeze-it", now=clock.now())
    return orgs


def spawn(root: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PAGER": "cat", "COLUMNS": "120", "LINES": "40", "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "otpcli", "--repo", str(root), *args],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 120),
                          use_poll=True,  # poll: the session may hold over 1024 fds
                          # Ctrl-C must reach otp even where CI starts the tests with SIGINT
                          # ignored (a child inherits that)
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return child


def test_retire_in_a_terminal_asks_and_ends_in_the_same_commit_as_the_flags(
        two_orgs: tuple[Path, Path]) -> None:
    typed, flagged = two_orgs
    assert git.Repo(typed).head.commit.hexsha == git.Repo(flagged).head.commit.hexsha

    child = spawn(typed, "retire", "jeff", "--to", "dash,crystal")
    child.expect_exact("Reason, for the record: ")
    child.sendline(REASON)
    child.expect_exact("Reviewed by (a human seat) [bogdan]: ")  # the accountable human
    child.sendline("")
    child.expect_exact("+++ b/seats/jeff.yaml")  # the diff, through $PAGER
    child.expect_exact("Retire jeff (Data Integrity Analyst): 2 capabilities and 2 outcomes "
                       "to dash, crystal; 3 files change; reviewed by Bogdan (bogdan)")
    child.expect_exact("Retire jeff? [y/N]: ")
    child.sendline("y")
    child.expect_exact("retired jeff in commit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    flags = CliRunner().invoke(app, ["--repo", str(flagged), "retire", "jeff", "--to",
                                     "dash,crystal", "--reason", REASON, "--reviewer", "bogdan",
                                     "--yes"])
    assert flags.exit_code == 0, flags.output
    by_prompt, by_flags = git.Repo(typed).head.commit, git.Repo(flagged).head.commit
    assert by_prompt.message == by_flags.message
    assert by_prompt.tree.hexsha == by_flags.tree.hexsha
    assert by_prompt.hexsha == by_flags.hexsha


def test_declining_in_a_terminal_changes_nothing(example_org: Path) -> None:
    head = git.Repo(example_org).head.commit.hexsha
    child = spawn(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason", REASON,
                  "--reviewer", "bogdan")
    child.expect_exact("Retire jeff? [y/N]: ")
    child.sendline("")
    child.expect_exact("cancelled: nothing was changed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert git.Repo(example_org).head.commit.hexsha == head


def test_a_typo_in_the_seat_is_caught_before_any_question(example_org: Path) -> None:
    child = spawn(example_org, "retire", "jef", "--to", "dash,crystal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "seat to retire: no seat `jef`; did you mean `jeff`?" in str(child.before)


@pytest.mark.parametrize(("given", "missing"), [
    ([], "pass --reason TEXT, --reviewer SEAT and --yes"),
    (["--reason", REASON], "pass --reviewer SEAT and --yes"),
    (["--yes"], "pass --reason TEXT and --reviewer SEAT"),
    (["--reason", REASON, "--reviewer", "bogdan"], "pass --yes to confirm"),
])
def test_without_a_terminal_every_missing_option_is_named_at_once(
        example_org: Path, given: list[str], missing: str) -> None:
    head = git.Repo(example_org).head.commit.hexsha
    result = CliRunner().invoke(app, ["--repo", str(example_org), "retire", "jeff", "--to",
                                      "dash,crystal", *given])
    assert result.exit_code == 2, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("otp: no ")
    assert missing in last
    assert "Aborted" not in result.output
    assert git.Repo(example_org).head.commit.hexsha == head


def test_ctrl_c_at_a_question_exits_130_and_changes_nothing(example_org: Path) -> None:
    head = git.Repo(example_org).head.commit.hexsha
    child = spawn(example_org, "retire", "jeff", "--to", "dash,crystal")
    child.expect_exact("Reason, for the record: ")
    child.sendintr()
    child.expect_exact("otp: interrupted: nothing was changed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert git.Repo(example_org).head.commit.hexsha == head
    assert git.Repo(example_org).git.status("--porcelain") == ""
