"""``otp chart``: the tree, Mermaid checked against the flowchart grammar, DOT through
Graphviz itself, JSON, retired seats, and --rev."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from otpcli.cli import app

from ..history.mermaid import check_flowchart
from ..history.repo import commit, edit, state

REASON = "Both capabilities absorbed after the Q4 agent review"
AS_OF = ["--as-of", "2026-11-20"]


def otp(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": "200"})


def chart(root: Path, *args: str) -> str:
    result = otp(root, "chart", *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.fixture
def retired(example_org: Path) -> Path:
    result = otp(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason", REASON,
                 "--reviewer", "bogdan", "--yes")
    assert result.exit_code == 0, result.output
    return example_org


def test_json_has_every_seat_edge_and_health(retired: Path) -> None:
    data = json.loads(chart(retired, "--format", "json"))
    seats = {seat["id"]: seat for seat in data["seats"]}
    assert "jeff" not in seats
    assert data["seats"][0]["id"] == "david"  # the root first
    assert seats["dash"] == {"id": "dash", "title": "Ad Analytics Lead", "holder": "Dash",
                             "kind": "agent", "model": "claude-sonnet", "status": "active",
                             "health": seats["dash"]["health"], "reports_to": "bogdan",
                             "accountable": "bogdan"}
    edges = {(e["from"], e["to"], e["kind"]) for e in data["edges"]}
    assert ("bogdan", "dash", "reports_to") in edges
    assert ("bogdan", "dash", "accountable") in edges
    assert ("janine", "tally", "accountable") in edges
    assert not any(kind == "accountable" and target in ("bogdan", "david", "janine")
                   for _, target, kind in edges)  # humans have no accountable edge
    card = json.loads(otp(retired, "scorecard", "--format", "json").stdout)
    by_seat: dict[str, set[str]] = {}
    for row in card["rows"]:
        by_seat.setdefault(row["seat"], set()).add(row["status"])
    for seat_id, statuses in by_seat.items():  # the chart's health is the scorecard's
        assert seats[seat_id]["health"] in statuses
        for urgent in ("off_track", "stale", "missing"):
            if urgent in statuses:
                assert seats[seat_id]["health"] == urgent
                break


def test_retired_seats_only_with_all(retired: Path) -> None:
    data = json.loads(chart(retired, "--format", "json", "--all"))
    [jeff] = [seat for seat in data["seats"] if seat["id"] == "jeff"]
    assert (jeff["status"], jeff["health"]) == ("retired", "retired")
    assert "jeff" in chart(retired, "--all") and "jeff" not in chart(retired)


def test_the_tree_draws_reporting_lines(example_org: Path) -> None:
    lines = chart(example_org, *AS_OF).splitlines()
    assert lines[0].startswith("Sneeze It · as of 2026-11-20")
    assert lines[1].startswith("david  David · Founder & CEO · human  ")
    assert any(line.startswith("├── bogdan  Bogdan · Chief Operating Officer") for line in lines)
    [tally] = [line for line in lines if "tally  Tally" in line]
    assert tally.startswith("│   ") and tally.endswith("accountable: janine")
    [pepper] = [line for line in lines if "pepper  Pepper" in line]
    assert pepper.startswith("    └── pepper")  # under radar, the last of david's reports


@pytest.mark.parametrize("include_retired", [[], ["--all"]])
def test_mermaid_follows_the_flowchart_grammar(retired: Path, include_retired: list[str]) -> None:
    text = chart(retired, "--format", "mermaid", *include_retired)
    assert check_flowchart(text) == []
    assert text.startswith("flowchart TD\n")
    assert "  seat_bogdan -. accountable .-> seat_dash\n" in text
    assert "  seat_bogdan --> seat_dash\n" in text
    assert ("seat_jeff" in text) == bool(include_retired)


def test_mermaid_escapes_what_would_break_a_label(example_org: Path) -> None:
    edit(example_org, "seats/bogdan.yaml", "title: Chief Operating Officer",
         "title: 'COO \"#1\" <ops> | [all] & {more}'")
    text = chart(example_org, "--format", "mermaid")
    assert check_flowchart(text) == []
    assert "COO #34;#35;1#34; #60;ops#62; #124; #91;all#93; #38; #123;more#125;" in text


def test_the_mermaid_checker_catches_breakage() -> None:
    good = 'flowchart TD\n  a["A"]\n  b("B")\n  a --> b\n  classDef x fill:#fff\n  class a x\n'
    assert check_flowchart(good) == []
    assert check_flowchart(good.replace('"A"', '"say "hi""'))
    assert check_flowchart(good.replace("flowchart TD", "flowchart"))
    assert check_flowchart(good.replace("a -->", "end -->").replace('a["A"]', 'end["A"]'))
    assert check_flowchart(good.replace("class a x", "class a y"))
    assert check_flowchart(good.replace("a --> b", "a --> c"))
    assert check_flowchart(good.replace('"A"', '"A #1"'))


def test_dot_is_accepted_by_graphviz(retired: Path, tmp_path: Path) -> None:
    edit(retired, "seats/bogdan.yaml", "title: Chief Operating Officer",
         "title: 'COO \"quoted\" \\ back'")
    text = chart(retired, "--format", "dot", "--all")
    assert text.startswith('digraph "Sneeze It" {\n')
    assert '"bogdan" -> "dash" [style=dashed, label="accountable", constraint=false];' in text
    assert 'COO \\"quoted\\" \\\\ back' in text
    dot = shutil.which("dot")
    if dot is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz `dot` is not installed; .ci/run installs Debian graphviz")
        pytest.skip("Graphviz `dot` is not installed (CI installs it)")
    result = subprocess.run([dot, "-Tsvg"], input=text.encode(), capture_output=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert b"<svg" in result.stdout and b"Ad Analytics Lead" in result.stdout
    assert result.stderr == b""


def test_output_file_and_a_revision(example_org: Path, tmp_path: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "title: Data Integrity Analyst", "title: Renamed")
    commit(example_org, "Rename Jeff's role")
    before = state(example_org)
    target = tmp_path / "chart.mmd"
    result = otp(example_org, "--rev", "HEAD~1", "chart", "--format", "mermaid",
                 "--output", str(target), *AS_OF)
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "Data Integrity Analyst" in text and "Renamed" not in text
    assert state(example_org) == before
    assert "Renamed" in chart(example_org, "--format", "mermaid")
