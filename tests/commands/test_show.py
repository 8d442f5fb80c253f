from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.measurements.units import format_value
from otpcli.scorecard.render import ROW_LABELS


def otp(root: Path, *args: str, width: int = 120) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": str(width)})


def test_show_prints_one_seat_in_full(example_org: Path) -> None:
    result = otp(example_org, "show", "Dash")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Dash (dash) · Ad Analytics Lead · agent, claude-sonnet, autonomy 4"
    assert "Accountable human: Bogdan (bogdan)" in lines
    assert "Not owned: changing client budgets" in lines
    assert ("  Exception: out_of_range, escalate to David (david) → Bogdan (bogdan) after 48h"
            in lines)
    assert "spend-variance-before-call: Client spend variance surfaced before the weekly " \
           "client call" in lines
    data = json.loads(otp(example_org, "show", "dash", "--format", "json").stdout)
    variance = next(o for o in data["outcomes"] if o["id"] == "spend-variance-before-call")
    status = ROW_LABELS[variance["scorecard"]["status"]]
    assert any(line.startswith(f"  Now: {status} · {format_value(variance['value'], 'percent')}")
               for line in lines)


def test_show_json_has_the_chart_outcomes_and_rows(example_org: Path) -> None:
    result = otp(example_org, "show", "bogdan", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["chart"]["reports_to"] == "david"
    assert {"dash", "pulse"} <= set(data["chart"]["accountable_for"])
    assert "tally" not in data["chart"]["accountable_for"]  # Janine answers for Tally
    assert "dash" in data["chart"]["direct_reports"]
    outcome = data["outcomes"][0]
    assert outcome["id"] == "gross-margin" and outcome["reporters"] == ["tally"]
    assert outcome["range"] == {"min": 38.0, "max": 60.0}
    assert outcome["scorecard"]["status"] in ("on_track", "off_track", "stale", "missing")
    assert data["retirement"] is None


def test_a_retired_seat_shows_its_record_and_final_scorecard(example_org: Path) -> None:
    retired = otp(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason",
                  "Absorbed after the Q4 agent review", "--reviewer", "bogdan", "--yes")
    assert retired.exit_code == 0, retired.output
    result = otp(example_org, "show", "jeff")
    assert result.exit_code == 0, result.output
    assert "· RETIRED" in result.stdout.splitlines()[0]
    assert "Absorbed after the Q4 agent review" in result.stdout
    assert "  ad-pacing-on-plan → Dash (dash)" in result.stdout
    data = json.loads(otp(example_org, "show", "jeff", "--format", "json").stdout)
    final = data["retirement"]["final_scorecard"]["ad-pacing-on-plan"]
    label = ROW_LABELS[final["status"]]
    assert (f"  final: ad-pacing-on-plan {label}, last "
            f"{format_value(final['last_value'], 'percent')}") in result.stdout
    assert data["status"] == "retired" and data["outcomes"] == []
    assert set(data["retirement"]["final_scorecard"]) == {"ad-pacing-on-plan",
                                                          "projects-reconciled"}


def test_an_unknown_seat_gets_a_suggestion(example_org: Path) -> None:
    result = otp(example_org, "show", "jef")
    assert result.exit_code == 2
    assert result.stderr.strip() == "otp: SEAT: no seat `jef`; did you mean `jeff`?"


def test_show_reads_the_org_at_a_revision(example_org: Path) -> None:
    retired = otp(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason",
                  "Absorbed after the Q4 agent review", "--reviewer", "bogdan", "--yes")
    assert retired.exit_code == 0, retired.output
    before = otp(example_org, "show", "jeff", "--rev", "HEAD~1", "--format", "json")
    assert before.exit_code == 0, before.output
    data = json.loads(before.stdout)
    assert data["retirement"] is None
    assert {o["id"] for o in data["outcomes"]} == {"ad-pacing-on-plan", "projects-reconciled"}
    now = json.loads(otp(example_org, "show", "jeff", "--format", "json").stdout)
    assert now["status"] == "retired"
