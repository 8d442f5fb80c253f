from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.measurements.store import read_measurements

from ..conftest import tree_digest


def record(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), "record", *args])


def rows(root: Path, outcome: str) -> list[tuple[str, float | None, str, str]]:
    path = root / "measurements" / f"{outcome}.csv"
    return [(m.at.isoformat(), m.value, m.source, m.note) for m in read_measurements(path, "x")]


def test_record_appends_one_row_with_unit_aware_parsing(example_org: Path) -> None:
    before = rows(example_org, "qualified-pipeline")
    result = record(example_org, "qualified-pipeline", "$312,500", "--at",
                    "2026-01-05T09:00:00-05:00", "--source", "dirk", "--note", "Q1 start")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "recorded qualified-pipeline = $312,500 at 2026-01-05T09:00:00-05:00")
    assert rows(example_org, "qualified-pipeline") == [
        *before, ("2026-01-05T09:00:00-05:00", 312500.0, "dirk", "Q1 start")]


def test_record_missing_is_an_explicit_no_value_report(example_org: Path) -> None:
    result = record(example_org, "kpi-accuracy", "--missing", "--note", "Meta API returned 500",
                    "--at", "2026-01-05T09:00")
    assert result.exit_code == 0, result.output
    assert rows(example_org, "kpi-accuracy")[-1] == (
        "2026-01-05T09:00:00-05:00", None, "", "Meta API returned 500")


def test_record_zero_is_a_value(example_org: Path) -> None:
    assert record(example_org, "qualified-meetings", "0", "--at", "2026-01-05").exit_code == 0
    assert rows(example_org, "qualified-meetings")[-1][1] == 0.0


def test_record_to_a_new_measurement_file_writes_the_header(example_org: Path) -> None:
    path = example_org / "measurements" / "gross-margin.csv"
    path.unlink()
    assert record(example_org, "gross-margin", "44.5%", "--at", "2026-01-05").exit_code == 0
    assert path.read_text() == "at,value,source,note\n2026-01-05T00:00:00-05:00,44.5,,\n"


def test_record_commit_makes_one_commit_of_that_file_only(example_org: Path) -> None:
    repo = git.Repo(example_org)
    (example_org / "seats" / "dash.yaml").write_text("# unrelated edit\n" + (
        example_org / "seats" / "dash.yaml").read_text())
    repo.index.add(["seats/dash.yaml"])  # staged, must not be swept into the commit
    result = record(example_org, "gross-margin", "41", "--commit", "--at", "2026-01-05")
    assert result.exit_code == 0, result.output
    head = repo.head.commit
    assert head.message.startswith("Record gross-margin = 41% at 2026-01-05T00:00:00-05:00")
    assert list(head.stats.files) == ["measurements/gross-margin.csv"]
    assert "seats/dash.yaml" in [d.a_path for d in repo.index.diff("HEAD")]


def test_failed_commit_takes_the_row_back(example_org: Path) -> None:
    lock = example_org / ".git" / "index.lock"
    lock.write_text("another git process")
    before = tree_digest(example_org / "measurements")
    result = record(example_org, "gross-margin", "41", "--commit", "--at", "2026-01-05")
    assert result.exit_code == 2
    assert (f"{lock} exists: another git process may be running in this repository; if none "
            "is, remove that file and run the command again") in result.stderr
    assert tree_digest(example_org / "measurements") == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["no-such-outcome", "3"], "no outcome `no-such-outcome`"),
        (["kpi-acuracy", "3"], "did you mean `kpi-accuracy`?"),
        (["gross-margin", "lots"], "not a number"),
        (["qualified-meetings", "--", "-2"], "negative"),
        (["gross-margin"], "give a VALUE, or --missing"),
        (["gross-margin", "3", "--missing"], "give a VALUE, or --missing"),
        (["gross-margin", "3", "--at", "2999-01-01"], "in the future"),
        (["gross-margin", "3", "--at", "last tuesday"], "--at"),
        (["gross-margin", "3", "--note", "two\nlines"], "one line"),
        # section 2 of issue 9: every one of these was once stored as a wrong number
        (["stale-data-flag-time", "3 days %"], "does not know the unit"),
        (["gross-margin", "3 days"], "is a duration but the metric is in percent"),
        (["qualified-pipeline", "5000 EUR"], "in EUR but the metric is in USD"),
        (["qualified-pipeline", "€5000"], "in EUR but the metric is in USD"),
        (["gross-margin", "41,5"], "could be read two ways"),
        (["qualified-pipeline", "1.234,5"], "could be read two ways"),
        (["gross-margin", "0.42"], "did you mean 42%? write `0.42%` to record 0.42 percent"),
        (["qualified-meetings", "12 calls"], "does not know the unit `calls`"),
        (["stale-data-flag-time", "2M"], "minutes, months or millions"),
        (["qualified-pipeline", "--", "-$-5"], "two signs"),
        (["qualified-meetings", "1 000"], "grouped by a space"),
        (["qualified-meetings", "\u0664\u0662"], "digits other than 0-9"),
        (["gross-margin", "nan"], "not a number"),
        (["gross-margin", "inf%"], "not a number"),
        (["qualified-meetings", ""], "no value given"),
    ],
)
def test_record_refuses_bad_input_and_writes_nothing(
    example_org: Path, args: list[str], words: str
) -> None:
    before = tree_digest(example_org / "measurements")
    result = record(example_org, *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(example_org / "measurements") == before


@pytest.mark.parametrize(("outcome", "typed", "stored", "said"), [
    ("stale-data-flag-time", "2h", 120.0, "120 min (from 2h)"),
    ("stale-data-flag-time", "90s", 1.5, "1.5 min (from 90s)"),
    ("month-end-close-days", "36h", 1.5, "1.5 d (from 36h)"),
    ("qualified-pipeline", "$185k", 185000.0, "$185,000 (from $185k)"),
    ("qualified-pipeline", "$185,000", 185000.0, "$185,000"),
    ("gross-margin", "0.42%", 0.42, "0.42%"),
    ("gross-margin", "41.5", 41.5, "41.5%"),
    ("stale-data-flag-time", "1.1h", 66.0, "66 min (from 1.1h)"),
])
def test_record_converts_only_what_is_unambiguous_and_says_so(
    example_org: Path, outcome: str, typed: str, stored: float, said: str
) -> None:
    result = record(example_org, outcome, typed, "--at", "2026-01-05T09:00")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"recorded {outcome} = {said} at 2026-01-05T09:00:00-05:00\n"
    assert rows(example_org, outcome)[-1][1] == stored
    line = (example_org / "measurements" / f"{outcome}.csv").read_text().splitlines()[-1]
    assert line.split(",")[1] == f"{stored:g}"  # the number in the metric's unit only


APPENDER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from otpcli.measurements.store import Measurement, append_measurements

root, worker, outcomes = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(",")
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
for n in range(500):
    outcome = outcomes[n % len(outcomes)]
    at = start + timedelta(seconds=worker * 1000 + n)
    append_measurements(root / f"{outcome}.csv",
                        [Measurement(at, float(worker * 1000 + n), f"worker-{worker}", "x" * 200)])
"""


def test_eight_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    script = tmp_path / "append.py"
    script.write_text(APPENDER)
    plans = {worker: "shared" if worker < 4 else f"shared,own-{worker}" for worker in range(8)}
    processes = [subprocess.Popen([sys.executable, str(script), str(tmp_path), str(worker), plan])
                 for worker, plan in plans.items()]
    assert [process.wait(timeout=120) for process in processes] == [0] * 8
    seen: list[float] = []
    for path in sorted(tmp_path.glob("*.csv")):
        text = path.read_text()
        assert text.startswith("at,value,source,note\n")
        assert text.count("at,value,source,note") == 1
        for measurement in read_measurements(path, path.name):  # every row parses
            assert measurement.note == "x" * 200
            assert measurement.value is not None
            seen.append(measurement.value)
    expected = [float(worker * 1000 + n) for worker in range(8) for n in range(500)]
    assert sorted(seen) == sorted(expected)


def test_record_reads_only_the_seat_that_holds_the_outcome(example_org: Path) -> None:
    """A push must not load the org: a broken file elsewhere neither slows nor stops it
    (`otp lint` reports that file), while the holding seat is still validated."""
    (example_org / "seats" / "nick.yaml").write_text("title: [unclosed\n")
    result = record(example_org, "gross-margin", "41.5%")
    assert result.exit_code == 0, result.output
    assert (example_org / "measurements" / "gross-margin.csv").read_text().splitlines()[-1] \
        .split(",")[1] == "41.5"
    seat = example_org / "seats" / "bogdan.yaml"
    text = seat.read_text()
    before = (example_org / "measurements" / "gross-margin.csv").read_bytes()
    seat.write_text(text.replace("holder:", "holder: [unclosed\nx:", 1))
    broken = record(example_org, "gross-margin", "42%")
    assert broken.exit_code == 2
    assert "seats/bogdan.yaml" in broken.output
    seat.write_text("title: [unclosed\n")
    gone = record(example_org, "gross-margin", "42%")
    assert gone.exit_code == 2
    assert "measurements/gross-margin.csv exists, but no seat file defines it" in gone.output
    assert (example_org / "measurements" / "gross-margin.csv").read_bytes() == before


def test_a_hook_that_rejects_the_commit_resets_the_index_and_takes_the_row_back(
        example_org: Path) -> None:
    hook = example_org / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'measurements are committed by the nightly job' >&2\n"
                    "exit 1\n")
    hook.chmod(0o755)
    before = tree_digest(example_org / "measurements")
    result = record(example_org, "gross-margin", "41", "--commit", "--at", "2026-01-05")
    assert result.exit_code == 2
    assert "measurements are committed by the nightly job" in result.stderr
    assert tree_digest(example_org / "measurements") == before
    assert git.Repo(example_org).git.diff("--cached", "--name-only") == ""


def test_a_rejecting_hook_is_heard_on_both_of_its_streams(example_org: Path) -> None:
    hook = example_org / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'checked by the finance bot'\n"
                    "echo \"values need a ticket: it's policy\" >&2\nexit 1\n")
    hook.chmod(0o755)
    result = record(example_org, "gross-margin", "41", "--commit", "--at", "2026-01-05")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-3:] == [
        "otp: the pre-commit hook rejected the commit; nothing was changed. It said:",
        "checked by the finance bot", "values need a ticket: it's policy"]
