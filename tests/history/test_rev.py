"""``otp --rev REV``: the read commands show the org exactly as a checkout of REV would, and
leave the work tree, the index and HEAD as they were."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

from ..conftest import SESSION_NOW
from .repo import AGENT, commit, edit, state, write

#: a day within the example's data, which otp init shifts to the session's moment: a fixed date
#: would fall before the first measurement on a later day
AS_OF = (SESSION_NOW - timedelta(days=4)).date().isoformat()
#: a value recorded a minute before the session's moment: the newest of the example's data
RECORDED = SESSION_NOW - timedelta(minutes=1)


def otp(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": "120"})


@pytest.fixture
def history(example_org: Path) -> Path:
    """The example with three more commits, and uncommitted edits on top."""
    write(example_org, "seats/sorter.yaml", AGENT)
    commit(example_org, "Add the inbox triage agent")
    edit(example_org, "seats/jeff.yaml", "range: {min: 90, max: 100}", "range: {min: 95, max: 100}")
    with (example_org / "measurements" / "kpi-accuracy.csv").open("a") as handle:
        handle.write(f"{RECORDED.isoformat()},50,tally,\n")
    commit(example_org, "Tighten ad pacing; record KPI accuracy")
    edit(example_org, "seats/dash.yaml", "autonomy: 4", "autonomy: 5")
    commit(example_org, "Dash acts more on its own")
    edit(example_org, "seats/jeff.yaml", "title: Data Integrity Analyst", "title: Uncommitted")
    return example_org


def checkout(root: Path, rev: str, target: Path) -> Path:
    """A separate checkout of ``rev``, made with git itself."""
    git.Repo(root).git.worktree("add", "-q", "--detach", str(target), rev)
    return target


@pytest.mark.parametrize("rev", ["HEAD~2", "HEAD~1", "main"])
@pytest.mark.parametrize("args", [["seats"], ["seats", "--all", "--format", "json"],
                                  ["lint", "--format", "json"], ["lint", "--format", "concise"]])
def test_a_revision_reads_exactly_as_a_checkout_of_it(history: Path, tmp_path: Path, rev: str,
                                                       args: list[str]) -> None:
    before = state(history)
    at_rev = otp(history, "--rev", rev, *args)
    assert state(history) == before
    checked_out = otp(checkout(history, rev, tmp_path / "checkout"), *args)
    assert at_rev.exit_code == checked_out.exit_code
    assert at_rev.stdout == checked_out.stdout
    assert at_rev.stdout


def test_the_revision_differs_from_the_work_tree(history: Path) -> None:
    now = otp(history, "seats", "--format", "json").stdout
    assert "Uncommitted" in now and "sorter" in now
    then = otp(history, "--rev", "HEAD~3", "seats", "--format", "json").stdout
    assert "Uncommitted" not in then and "sorter" not in then


def test_an_unknown_revision_is_exit_2_with_gits_message(history: Path) -> None:
    for command in (["seats"], ["scorecard"], ["lint"]):
        result = otp(history, "--rev", "no-such-tag", *command)
        assert result.exit_code == 2
        assert result.stderr == "otp: --rev: bad revision 'no-such-tag'\n"


def test_write_commands_refuse_a_revision(history: Path) -> None:
    before = state(history)
    for command in (["record", "kpi-accuracy", "90"], ["retire", "jeff", "--to", "dash",
                    "--reason", "x", "--reviewer", "bogdan", "--yes"], ["schema"]):
        result = otp(history, "--rev", "HEAD", *command)
        assert result.exit_code == 2
        assert f"`otp {command[0]}` does not take it" in result.stderr
    assert state(history) == before


def test_lint_changed_since_does_not_combine_with_a_revision(history: Path) -> None:
    result = otp(history, "--rev", "HEAD", "lint", "--changed-since", "HEAD~1")
    assert result.exit_code == 2
    assert "does not combine with --rev" in result.stderr


@pytest.mark.parametrize("rev", ["HEAD~2", "HEAD~1"])
@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--format", "csv"]])
def test_the_scorecard_at_a_revision_is_the_checkouts_definitions_and_data(
        history: Path, tmp_path: Path, rev: str, args: list[str]) -> None:
    with (history / "measurements" / "kpi-accuracy.csv").open("a") as handle:
        handle.write("2026-11-20T08:00:00-05:00,10,tally,uncommitted\n")
    edit(history, "seats/tally.yaml", "match the source systems", "match the sources")
    before = state(history)
    at_rev = otp(history, "--rev", rev, "scorecard", "--as-of", AS_OF, *args)
    again = otp(history, "--rev", rev, "scorecard", "--as-of", AS_OF, *args)  # from the cache
    assert state(history) == before
    checked_out = otp(checkout(history, rev, tmp_path / "checkout"), "scorecard", "--as-of",
                      AS_OF, *args)
    assert at_rev.exit_code == checked_out.exit_code == 0, at_rev.output
    assert at_rev.stdout == checked_out.stdout == again.stdout
    now = otp(history, "scorecard", "--as-of", AS_OF, *args).stdout
    assert now != at_rev.stdout  # the work tree has other definitions and data


def test_measurements_are_read_from_the_revision(history: Path) -> None:
    def kpi(*global_args: str) -> dict[str, object]:
        result = otp(history, *global_args, "scorecard", "--as-of", SESSION_NOW.isoformat(),
                     "--format", "json")
        [row] = [row for row in json.loads(result.stdout)["rows"]
                 if row["outcome"] == "kpi-accuracy"]
        assert isinstance(row, dict)
        return row

    latest = kpi("--rev", "HEAD~1")["latest"]
    assert isinstance(latest, dict) and latest["value"] == 50.0
    assert datetime.fromisoformat(latest["at"]) == RECORDED
    assert kpi("--rev", "HEAD~2")["latest"] != kpi("--rev", "HEAD~1")["latest"]


def test_a_measurement_link_in_the_revision_is_refused(history: Path) -> None:
    path = history / "measurements" / "kpi-accuracy.csv"
    path.unlink()
    path.symlink_to("/etc/hostname")
    commit(history, "Link a measurement file out")
    result = otp(history, "--rev", "HEAD", "scorecard", "--as-of", AS_OF)
    assert result.exit_code == 2  # that row is an error; every other row is shown
    assert result.stderr.splitlines()[0] == (
        "otp: measurements/kpi-accuracy.csv: a symbolic link in the revision; otp does not "
        "follow links when it reads a revision")
    assert "hostname" not in result.stdout and "‼ ERROR" in result.stdout
