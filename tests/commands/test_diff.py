"""``otp diff`` on real repositories: arguments as git reads them, and every format."""

from __future__ import annotations

import json
from pathlib import Path

import git
from typer.testing import CliRunner

from otpcli.cli import app

from ..history.repo import AGENT, commit, edit, state, write


def otp(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": "120"})


def _json(root: Path, *args: str) -> dict[str, object]:
    result = otp(root, "diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _kinds(data: dict[str, object]) -> list[tuple[str, str | None, str | None]]:
    changes = data["changes"]
    assert isinstance(changes, list)
    return [(c["kind"], c["seat"], c["outcome"]) for c in changes]


def _feature_branch(root: Path) -> git.Repo:
    """main gains a range change after the branch point; the branch adds a seat."""
    repo = git.Repo(root)
    repo.git.checkout("-q", "-b", "feature")
    write(root, "seats/sorter.yaml", AGENT)
    commit(root, "Add the inbox triage agent")
    repo.git.checkout("-q", "main")
    edit(root, "seats/jeff.yaml", "range: {min: 90, max: 100}", "range: {min: 92, max: 100}")
    commit(root, "Tighten ad pacing on main")
    return repo


def test_no_argument_compares_head_with_the_work_tree(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: 4")
    data = _json(example_org)
    head = git.Repo(example_org).head.commit.hexsha
    assert data["base"] == {"label": "HEAD", "commit": head}
    assert data["head"] == {"label": "work tree", "commit": None}
    assert data["changes"] == [{"kind": "autonomy_raised", "seat": "jeff", "outcome": None,
                                "field": "autonomy", "before": 3, "after": 4,
                                "direction": "loosened", "attention": False}]


def test_one_argument_compares_it_with_the_work_tree(example_org: Path) -> None:
    write(example_org, "seats/sorter.yaml", AGENT)
    commit(example_org, "Add the inbox triage agent")
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: 4")
    assert _kinds(_json(example_org, "HEAD~1")) == [
        ("autonomy_raised", "jeff", None), ("seat_added", "sorter", None),
        ("capability_added", "sorter", None), ("outcome_added", "sorter", "inbox-triaged")]


def test_three_dots_compare_the_merge_base_as_a_pull_request_does(example_org: Path) -> None:
    repo = _feature_branch(example_org)
    base = repo.git.merge_base("main", "feature")
    three_dots = _json(example_org, "main...feature")
    assert three_dots["base"] == {"label": "merge-base of main and feature", "commit": base}
    assert three_dots["changes"] == _json(example_org, base, "feature")["changes"]
    assert _kinds(three_dots) == [("seat_added", "sorter", None),
                                  ("capability_added", "sorter", None),
                                  ("outcome_added", "sorter", "inbox-triaged")]
    # Two dots (and two revisions) compare the tips: main's own change shows, reversed.
    assert _kinds(_json(example_org, "main..feature")) == _kinds(
        _json(example_org, "main", "feature"))
    assert ("range_loosened", "jeff", "ad-pacing-on-plan") in _kinds(
        _json(example_org, "main", "feature"))


def test_reading_revisions_changes_nothing(example_org: Path) -> None:
    _feature_branch(example_org)
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: 4")
    git.Repo(example_org).git.add("seats/jeff.yaml")
    edit(example_org, "seats/dash.yaml", "autonomy: 4", "autonomy: 5")
    before = state(example_org)
    for args in ([], ["main...feature"], ["HEAD~1", "feature"]):
        assert otp(example_org, "diff", *args).exit_code == 0
    assert state(example_org) == before


def test_markdown_is_a_pull_request_comment(example_org: Path) -> None:
    write(example_org, "seats/sorter.yaml", AGENT.replace(
        "statement: Every inbound email", "statement: <b>Every</b> | inbound @everyone email"))
    commit(example_org, "Add the inbox triage agent")
    edit(example_org, "seats/jeff.yaml", "range: {min: 90, max: 100}", "range: {min: 80}")
    result = otp(example_org, "diff", "HEAD~1", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "<!-- otp-diff -->"
    assert lines[1] == "### otp diff: 5 changes to 2 seats, 2 need attention"
    attention = lines.index("**Needs attention**")
    assert lines[attention + 2:attention + 4] == [
        "- ⚠️ `jeff` · `ad-pacing-on-plan`: range loosened: range.min: 90 → 80",
        "- ⚠️ `jeff` · `ad-pacing-on-plan`: range loosened: range.max: 100 → none"]
    assert "#### `jeff` · Data Integrity Analyst" in lines
    assert "#### `sorter` · Inbox Triage" in lines
    [row] = [line for line in lines if "inbox-triaged" in line]
    assert row == ("|  | outcome added | `inbox-triaged` | \\<b\\>Every\\</b\\> \\| inbound "
                   "&#64;everyone email is triaged within 2 hours on working days |")


def test_table_and_no_changes(example_org: Path) -> None:
    result = otp(example_org, "diff")
    assert result.exit_code == 0
    assert "no semantic changes between HEAD and work tree" in result.stdout
    edit(example_org, "seats/jeff.yaml", "range: {min: 90, max: 100}", "range: {min: 80}")
    result = otp(example_org, "diff")
    assert "2 changes to 1 seat, 2 need attention" in result.stdout
    assert "range.min: 90 → 80" in result.stdout


def test_output_file(example_org: Path, tmp_path: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: 4")
    target = tmp_path / "comment.md"
    result = otp(example_org, "diff", "--format", "markdown", "--output", str(target))
    assert result.exit_code == 0
    assert target.read_text().startswith("<!-- otp-diff -->\n")
    assert result.stdout == ""


def test_unknown_revisions_and_bad_arguments_exit_2(example_org: Path) -> None:
    result = otp(example_org, "diff", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == "otp: diff: bad revision 'no-such-branch'\n"
    assert otp(example_org, "diff", "a", "b", "c").exit_code == 2
    assert otp(example_org, "diff", "HEAD...HEAD", "HEAD").exit_code == 2
    result = otp(example_org, "--rev", "HEAD", "diff")
    assert result.exit_code == 2
    assert "otp diff BASE HEAD" in result.stderr


def test_a_base_that_does_not_load_is_refused_with_its_problems(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: [")
    commit(example_org, "Break Jeff")
    result = otp(example_org, "diff", "HEAD", "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "otp: the org at HEAD does not load: 1 problem"
    assert result.stderr.startswith("seats/jeff.yaml:")
