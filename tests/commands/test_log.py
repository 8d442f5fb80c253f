"""``otp log`` on real repositories: an outcome followed across a retirement, a seat through
a rename, --since, --rev and the JSON format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import git
from typer.testing import CliRunner

from otpcli.cli import app

from ..history.repo import commit, edit, state

REASON = "Both capabilities absorbed after the Q4 agent review"
RETIRE = ["retire", "jeff", "--to", "dash,crystal", "--reason", REASON, "--reviewer", "bogdan",
          "--yes"]


def otp(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": "160"})


def log_json(root: Path, *args: str) -> dict[str, Any]:
    result = otp(root, *args[:-1], "log", args[-1], "--format", "json") if args[:1] == (
        "--rev",) else otp(root, "log", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def retired_then_tightened(root: Path) -> list[str]:
    """Jeff retires (his ad pacing outcome goes to Dash), then Dash tightens its range."""
    repo = git.Repo(root)
    created = repo.head.commit.hexsha
    assert otp(root, *RETIRE).exit_code == 0
    retired = repo.head.commit.hexsha
    edit(root, "seats/dash.yaml", "range: {min: 90, max: 100}", "range: {min: 92, max: 100}")
    tightened = commit(root, "Dash tightens ad pacing")
    return [tightened, retired, created]


def test_an_outcome_shows_its_time_under_jeff_and_under_dash(example_org: Path) -> None:
    tightened, retired, created = retired_then_tightened(example_org)
    data = log_json(example_org, "ad-pacing-on-plan")
    assert data["kind"] == "outcome"
    assert [entry["commit"] for entry in data["commits"]] == [tightened, retired, created]
    assert [entry["seat"] for entry in data["commits"]] == ["dash", "dash", "jeff"]
    assert [(t["seat"], t["since_commit"], t["until_commit"]) for t in data["tenure"]] == [
        ("jeff", created, retired), ("dash", retired, None)]
    newest, retirement, creation = (entry["changes"] for entry in data["commits"])
    assert [(c["kind"], c["seat"], c["field"], c["before"], c["after"], c["direction"])
            for c in newest] == [("range_tightened", "dash", "range.min", 90.0, 92.0,
                                  "tightened")]
    assert [(c["kind"], c["seat"], c["before"]) for c in retirement] == [
        ("seat_retired", "jeff", "active"), ("outcome_moved", "dash", "jeff")]
    record = retirement[0]["after"]
    assert record["reason"] == REASON and record["outcomes"]["ad-pacing-on-plan"] == "dash"
    assert [(c["kind"], c["seat"]) for c in creation] == [("outcome_added", "jeff")]

    table = otp(example_org, "log", "ad-pacing-on-plan")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].startswith("outcome ad-pacing-on-plan: under jeff from ")
    assert " to " in lines[0] and lines[0].endswith(" (now)") and ", under dash since " in lines[0]
    assert "(under jeff)" in table.stdout and "(under dash)" in table.stdout
    assert f"  ! jeff: seat retired: {REASON} (reviewed by bogdan)" in lines
    assert "    outcome moved: jeff → dash" in lines


def test_a_seat_log_lists_its_retirement_first_and_what_moved(example_org: Path) -> None:
    _, retired, created = retired_then_tightened(example_org)
    data = log_json(example_org, "Jeff")  # a holder name works too
    assert (data["subject"], data["kind"]) == ("jeff", "seat")
    assert [entry["commit"] for entry in data["commits"]] == [retired, created]
    kinds = [(c["kind"], c["seat"], c["outcome"]) for c in data["commits"][0]["changes"]]
    assert kinds[0] == ("seat_retired", "jeff", None)
    assert set(kinds[1:]) == {("capability_moved", "crystal", None),
                              ("capability_moved", "dash", None),
                              ("outcome_moved", "crystal", "projects-reconciled"),
                              ("outcome_moved", "dash", "ad-pacing-on-plan")}


def test_a_seat_is_followed_through_a_rename(example_org: Path) -> None:
    edit(example_org, "seats/tally.yaml", "autonomy: 3", "autonomy: 2")
    lowered = commit(example_org, "Tally asks first")
    (example_org / "seats" / "tally.yaml").rename(example_org / "seats" / "tally-kpi.yaml")
    renamed = commit(example_org, "Rename Tally's seat")
    data = log_json(example_org, "tally-kpi")
    assert [entry["commit"] for entry in data["commits"]][:2] == [renamed, lowered]
    assert data["commits"][1]["changes"][0]["kind"] == "autonomy_lowered"


def test_since_a_date_or_a_revision_and_a_maximum(example_org: Path) -> None:
    tightened, retired, _ = retired_then_tightened(example_org)
    assert [e["commit"] for e in log_json(example_org, "ad-pacing-on-plan", "--since",
                                          retired)["commits"]] == [tightened]
    assert len(log_json(example_org, "ad-pacing-on-plan", "--since", "2000-01-01")["commits"]) \
        == 3
    assert log_json(example_org, "ad-pacing-on-plan", "--since", "2999-01-01")["commits"] == []
    assert [e["commit"] for e in log_json(example_org, "ad-pacing-on-plan", "-n",
                                          "1")["commits"]] == [tightened]


def test_measurements_only_with_the_option(example_org: Path) -> None:
    with (example_org / "measurements" / "kpi-accuracy.csv").open("a") as handle:
        handle.write("2026-11-19T09:00:00-05:00,50,tally,\n")
    recorded = commit(example_org, "Record KPI accuracy")
    assert recorded not in [e["commit"] for e in log_json(example_org, "kpi-accuracy")["commits"]]
    [entry, _] = log_json(example_org, "kpi-accuracy", "--measurements")["commits"]
    assert entry["commit"] == recorded
    assert [c["kind"] for c in entry["changes"]] == ["measurements_added"]


def test_a_revision_ends_the_history_there(example_org: Path) -> None:
    _, retired, created = retired_then_tightened(example_org)
    before = state(example_org)
    data = log_json(example_org, "--rev", "HEAD~1", "ad-pacing-on-plan")
    assert [entry["commit"] for entry in data["commits"]] == [retired, created]
    assert state(example_org) == before


def test_an_unknown_name_suggests_the_closest(example_org: Path) -> None:
    result = otp(example_org, "log", "ad-pacing-on-plna")
    assert result.exit_code == 2
    assert result.stderr == ("otp: no seat or outcome `ad-pacing-on-plna`; did you mean "
                             "`ad-pacing-on-plan`?\n")
    result = otp(example_org, "log", "jeff", "--since", "nope")
    assert result.exit_code == 2
    assert result.stderr == "otp: --since: bad revision 'nope'\n"
