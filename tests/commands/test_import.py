from __future__ import annotations

from pathlib import Path

import git
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.measurements.store import read_measurements

from ..conftest import tree_digest


def run_import(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), "import", *args])


def test_import_writes_every_row_to_its_outcome(example_org: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "outcome,at,value,source,note\n"
        "gross-margin,2026-01-05T09:00:00-05:00,44.5,looker,\n"
        "gross-margin,2026-01-12T09:00,45%,looker,\n"
        "kpi-accuracy,2026-01-05T09:00:00-05:00,,tally,\"Meta API returned 500, escalated\"\n"
        "\n"
    )
    before = len(read_measurements(example_org / "measurements" / "gross-margin.csv", "g"))
    result = run_import(example_org, str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "imported 3 measurements for 2 outcomes"
    margin = read_measurements(example_org / "measurements" / "gross-margin.csv", "g")
    assert len(margin) == before + 2
    assert margin[-1].value == 45.0 and margin[-1].at.isoformat() == "2026-01-12T09:00:00-05:00"
    kpi = read_measurements(example_org / "measurements" / "kpi-accuracy.csv", "k")[-1]
    assert kpi.value is None and kpi.note == "Meta API returned 500, escalated"


def test_any_bad_row_writes_nothing_and_reports_every_bad_row(
    example_org: Path, tmp_path: Path
) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "outcome,at,value\n"
        "gross-margin,2026-01-05T09:00:00-05:00,44.5\n"
        "gross-margn,2026-01-05T09:00:00-05:00,44.5\n"
        "gross-margin,yesterday,44.5\n"
        "gross-margin,2026-01-05T09:00:00-05:00,high\n"
        "qualified-meetings,2026-01-05T09:00:00-05:00,-1\n"
    )
    before = tree_digest(example_org)
    result = run_import(example_org, str(source))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(":")[1] for line in lines[:-1]] == ["3", "4", "5", "6"]
    assert "did you mean `gross-margin`?" in lines[0]
    assert lines[-1] == "otp: 4 bad rows; nothing was written"
    assert tree_digest(example_org) == before


def test_bad_header_and_missing_file(example_org: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("when,how much\n2026-01-05,3\n")
    result = run_import(example_org, str(source))
    assert result.exit_code == 2
    assert "the header must be `outcome,at,value`" in result.stderr
    assert run_import(example_org, str(tmp_path / "nope.csv")).exit_code == 2


def test_import_commit_is_one_commit(example_org: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("outcome,at,value\ngross-margin,2026-01-05,44\nkpi-accuracy,2026-01-05,100\n")
    assert run_import(example_org, str(source), "--commit").exit_code == 0
    head = git.Repo(example_org).head.commit
    assert sorted(head.stats.files) == ["measurements/gross-margin.csv",
                                        "measurements/kpi-accuracy.csv"]
    assert not git.Repo(example_org).is_dirty()


def test_large_import_shows_progress_and_writes_everything(
    example_org: Path, tmp_path: Path
) -> None:
    source = tmp_path / "big.csv"
    lines = ["outcome,at,value"] + [
        f"gross-margin,2026-01-01T00:00:00+00:00,{n % 100}" for n in range(6000)]
    source.write_text("\n".join(lines) + "\n")
    result = run_import(example_org, str(source))
    assert result.exit_code == 0, result.output
    assert "imported 6000 measurements" in result.stdout


def test_import_reads_values_like_record_and_says_what_it_converted(
    example_org: Path, tmp_path: Path
) -> None:
    refused = tmp_path / "refused.csv"
    refused.write_text(
        "outcome,at,value\n"
        "qualified-pipeline,2026-01-05T09:00:00-05:00,5000 EUR\n"
        "gross-margin,2026-01-05T09:00:00-05:00,41,5\n"
        "gross-margin,2026-01-05T09:00:00-05:00,0.42\n"
        'gross-margin,2026-01-05T09:00:00-05:00,"41,5"\n'
        "stale-data-flag-time,2026-01-05T09:00:00-05:00,2M\n"
    )
    before = tree_digest(example_org)
    result = run_import(example_org, str(refused))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "in EUR but the metric is in USD" in lines[0] and ":2:" in lines[0]
    assert lines[1].split(":")[1] == "3"  # `41,5` unquoted is four columns, then refused
    assert "did you mean 42%" in lines[2]
    assert ":5:1:" in lines[3] and "could be read two ways" in lines[3]
    assert ":6:1:" in lines[4] and "minutes, months or millions" in lines[4]
    assert len(lines) == 6  # five bad rows, then the summary
    assert tree_digest(example_org) == before
    accepted = tmp_path / "accepted.csv"
    accepted.write_text(
        "outcome,at,value\n"
        "stale-data-flag-time,2026-01-05T09:00:00-05:00,2h\n"
        'qualified-pipeline,2026-01-05T09:00:00-05:00,"$185,000"\n'
    )
    result = run_import(example_org, str(accepted))
    assert result.exit_code == 0, result.output
    assert f"converted {accepted}:2: stale-data-flag-time = 120 min (from 2h)" in result.stdout
    assert "qualified-pipeline" not in result.stdout.split("imported")[0]
    last = (example_org / "measurements" / "stale-data-flag-time.csv").read_text() \
        .splitlines()[-1]
    assert last.split(",")[1] == "120"
