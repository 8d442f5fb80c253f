from __future__ import annotations

import json
import re
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

SECTIONS = ["## 1. Scorecard: what needs attention", "## 2. Exceptions", "## 3. Drift",
            "## 4. Changes since the last review", "## 5. Definitions to sharpen"]


def otp(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args])


def sections(markdown: str) -> dict[str, str]:
    """Each section's text, by its heading."""
    parts = re.split(r"^(## \d\. .*)$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_markdown_on_the_example_has_something_in_every_section(example_org: Path) -> None:
    result = otp(example_org, "review", "--format", "markdown")
    assert result.exit_code == 0, result.output
    found = sections(result.stdout)
    assert list(found) == SECTIONS
    assert result.stdout.startswith("# Sneeze It weekly review · ")
    scorecard, exceptions, drift, changes, sharpen = found.values()
    assert "(spend-variance-before-call) | ✗ OFF TRACK |" in scorecard
    assert "(healthy-clients) | ! STALE |" in scorecard
    assert "| Dash | spend-variance-before-call | off track for 1 week |" in exceptions
    assert "| David, Bogdan | — top of the ladder |" in exceptions
    assert "| Janine | ✓ acknowledged by Janine " in exceptions
    assert "- Pulse: every outcome is stale or missing" in drift
    assert "Create org Sneeze It from the sneeze-it example" in changes
    assert "- Kristen: “Improve creative quality”" in sharpen
    assert "- OTP100 draft-outcome: 1 error" in sharpen


def test_changes_since_list_a_retirement_made_with_otp_retire(example_org: Path) -> None:
    created = git.Repo(example_org).head.commit.hexsha
    retired = otp(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason",
                  "Absorbed after the Q4 agent review", "--reviewer", "bogdan", "--yes")
    assert retired.exit_code == 0, retired.output
    result = otp(example_org, "review", "--format", "markdown", "--since", created)
    assert result.exit_code == 0, result.output
    changes = sections(result.stdout)["## 4. Changes since the last review"]
    assert f"Compared with commit {created[:7]}." in changes
    lines = [line for line in changes.splitlines() if line.startswith("- ")]
    assert lines[:5] == [
        "- ⚠ Jeff: seat retired, Absorbed after the Q4 agent review (reviewed by bogdan)",
        "- Crystal · projects-reconciled: outcome moved, jeff → crystal",
        "- Dash · ad-pacing-on-plan: outcome moved, jeff → dash",
        "- Crystal: capability moved, project reconciliation: jeff → crystal",
        "- Dash: capability moved, ad pacing monitoring: jeff → dash",
    ]
    assert len(lines) == 6
    assert "Retire jeff (Data Integrity Analyst): capabilities to dash, crystal" in lines[5]
    assert "Create org" not in changes
    data = json.loads(otp(example_org, "review", "--format", "json", "--since", created).stdout)
    assert sorted((c["kind"], c["seat"], c["outcome"] or "")
                  for c in data["changes"]["semantic"]) == [
        ("capability_moved", "crystal", ""), ("capability_moved", "dash", ""),
        ("outcome_moved", "crystal", "projects-reconciled"),
        ("outcome_moved", "dash", "ad-pacing-on-plan"), ("seat_retired", "jeff", "")]


def test_a_loosened_range_is_drift_and_a_change(example_org: Path) -> None:
    created = git.Repo(example_org).head.commit.hexsha
    seat = example_org / "seats" / "arin.yaml"
    text = seat.read_text()
    assert "min: 22" in text
    seat.write_text(text.replace("min: 22", "min: 15"))
    result = otp(example_org, "review", "--format", "json", "--since", created)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    loosened = [(c["seat"], c["outcome"], c["field"], c["before"], c["after"])
                for c in data["drift"]["loosened"]]
    assert loosened == [("arin", "call-booking-rate", "range.min", 22, 15)]
    markdown = otp(example_org, "review", "--format", "markdown", "--since", created).stdout
    drift = sections(markdown)["## 3. Drift"]
    assert "- Arin · call-booking-rate: range.min: 22 → 15" in drift
    assert "range loosened, range.min: 22 → 15" in sections(markdown)[SECTIONS[3]]


def test_json_holds_every_section(example_org: Path) -> None:
    result = otp(example_org, "review", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"org", "timezone", "as_of", "next_review", "since", "filters",
                         "scorecard", "exceptions", "escalations", "drift", "changes",
                         "sharpen"}
    assert {row["status"] for row in data["scorecard"]} == {"off_track", "stale"}
    assert [(e["outcome"], e["escalated_to"]) for e in data["exceptions"]] == [
        ("spend-variance-before-call", ["david", "bogdan"]), ("healthy-clients", ["bogdan"]),
        ("kpi-accuracy", ["janine"])]
    assert data["drift"]["silent_agents"] == ["pulse"]
    assert data["changes"]["total"] == 1
    assert data["sharpen"]["drafts"] == [{"seat": "kristen",
                                         "statement": "Improve creative quality"}]
    assert data["since"]["asked"] == "7 days ago"


def test_html_is_one_self_contained_page(example_org: Path, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    result = otp(example_org, "review", "--format", "html", "--output", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>")
    assert "<script" not in text
    assert not re.search(r"(src|href)=", text)
    assert len(re.findall(r'<section id="section-\d">', text)) == 5
    assert "Sneeze It weekly review" in text


def test_kind_and_seat_narrow_the_review(example_org: Path) -> None:
    humans = json.loads(otp(example_org, "review", "-f", "json", "--kind", "human").stdout)
    assert humans["scorecard"] == []
    assert humans["exceptions"] == []
    assert humans["filters"] == {"seats": [], "kinds": ["human"]}
    pulse = json.loads(otp(example_org, "review", "-f", "json", "--seat", "Pulse").stdout)
    assert [row["outcome"] for row in pulse["scorecard"]] == ["healthy-clients"]
    assert [e["outcome"] for e in pulse["exceptions"]] == ["healthy-clients"]


def test_the_terminal_agenda_fits_80_columns(
    example_org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = otp(example_org, "review")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    for number, heading in enumerate(SECTIONS, start=1):
        assert f"{number}. {heading.split('. ', 1)[1]}" in result.stdout


def test_bad_since_and_as_of_exit_2(example_org: Path) -> None:
    result = otp(example_org, "review", "--since", "last-tuesday")
    assert result.exit_code == 2
    assert "--since: `last-tuesday` is neither a date" in result.stderr
    result = otp(example_org, "review", "--as-of", "soon")
    assert result.exit_code == 2
    assert "--as-of: `soon` is not an ISO 8601 time" in result.stderr


def test_check_and_review_at_a_revision_match_a_checkout(example_org: Path,
                                                         tmp_path: Path) -> None:
    repo = git.Repo(example_org)
    created = repo.head.commit.hexsha
    acks = example_org / "acknowledgements"
    for file in acks.iterdir():
        file.unlink()
    repo.git.add("-A")
    repo.index.commit("Forget every acknowledgement")
    at_rev = [otp(example_org, "--rev", created, command, "--format", "json")
              for command in ("check", "review")]
    checkout = tmp_path / "checkout"
    repo.git.worktree("add", "--detach", str(checkout), created)
    in_checkout = [otp(checkout, command, "--format", "json") for command in ("check", "review")]
    for ours, theirs in zip(at_rev, in_checkout, strict=True):
        assert ours.exit_code == theirs.exit_code, ours.output
        assert ours.stdout == theirs.stdout.replace(str(checkout), str(example_org))
    acknowledged = [e for e in json.loads(at_rev[0].stdout)["exceptions"] if e["acknowledged"]]
    assert acknowledged, "the acknowledgement of the revision is read, not the work tree's"
    now = json.loads(otp(example_org, "check", "--format", "json").stdout)
    assert not [e for e in now["exceptions"] if e["acknowledged"]]
