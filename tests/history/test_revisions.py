"""Which commit was in effect at a moment, on real commits with known dates."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import git

from otpcli.history.revisions import empty_org, load_at, revision_at

from ..conftest import MINIMAL_CONFIG, MINIMAL_ROOT
from .repo import commit, write


def test_the_commit_in_effect_at_a_moment(tmp_path: Path) -> None:
    root = tmp_path / "org"
    write(root, "otp.yaml", MINIMAL_CONFIG)
    write(root, "seats/ada.yaml", MINIMAL_ROOT)
    git.Repo.init(root, initial_branch="main")
    first = commit(root, "one", when="2026-10-01T09:00:00+00:00")
    second = commit(root, "two", when="2026-10-08T09:00:00+00:00")

    def at(text: str) -> str | None:
        return revision_at(root, datetime.fromisoformat(text))

    assert at("2026-09-30T23:59:59+00:00") is None
    assert at("2026-10-01T09:00:00+00:00") == first
    assert at("2026-10-08T08:59:59+00:00") == first
    assert at("2026-10-08T11:00:00+02:00") == second  # offsets are honoured
    assert at("2999-01-01T00:00:00+00:00") == second
    assert revision_at(root, datetime.fromisoformat("2999-01-01T00:00:00+00:00"), "HEAD~1") \
        == first


def test_a_commit_before_the_org_existed_loads_as_an_empty_org(tmp_path: Path) -> None:
    root = tmp_path / "org"
    write(root, "README.md", "before the org\n")
    git.Repo.init(root, initial_branch="main")
    commit(root, "readme")
    write(root, "otp.yaml", MINIMAL_CONFIG)
    write(root, "seats/ada.yaml", MINIMAL_ROOT)
    commit(root, "org")
    loaded = load_at(root, "HEAD~1")
    assert loaded.problems == [] and loaded.org.seats == {}
    assert set(load_at(root, "HEAD").org.seats) == {"ada"}
    assert empty_org(root).list_directory("seats") is None


def test_a_revision_before_the_org_existed_is_refused_clearly(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    root = tmp_path / "org"
    write(root, "README.md", "before the org\n")
    git.Repo.init(root, initial_branch="main")
    commit(root, "readme")
    write(root, "otp.yaml", MINIMAL_CONFIG)
    write(root, "seats/ada.yaml", MINIMAL_ROOT)
    commit(root, "org")
    for command in (["seats"], ["lint"], ["scorecard"], ["chart"]):
        result = CliRunner().invoke(app, ["--repo", str(root), "--rev", "HEAD~1", *command])
        assert result.exit_code == 2
        assert result.stderr == ("otp: there is no otp.yaml at HEAD~1: the org did not exist "
                                 "there yet\n")
    result = CliRunner().invoke(app, ["--repo", str(root), "diff", "HEAD", "HEAD~1"])
    assert result.exit_code == 2
    assert "there is no otp.yaml at HEAD~1" in result.stderr
    # The change that created the org compares with an empty org: everything is added.
    result = CliRunner().invoke(app, ["--repo", str(root), "diff", "HEAD~1", "--format",
                                      "json"])
    assert result.exit_code == 0, result.output
    assert [change["kind"] for change in json.loads(result.stdout)["changes"]] == ["seat_added"]
