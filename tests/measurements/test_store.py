from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.measurements.store import MeasurementFileError, parse_measurements


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = ("at,value,source,note\n2026-01-01T00:00:00+00:00,1,,\nyesterday,2,,\n"
            "2026-01-01T00:00:00,3,,\n2026-01-01T00:00:00Z,abc,,\n2026-01-01T00:00:00Z,1,a,b,c\n")
    with pytest.raises(MeasurementFileError) as caught:
        parse_measurements(text, "measurements/x.csv")
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 1), (4, 1), (5, 1), (6, 1)]
    assert "no UTC offset" in caught.value.problems[1].message


def test_header_is_checked_and_z_means_utc() -> None:
    with pytest.raises(MeasurementFileError) as caught:
        parse_measurements("when,value\n", "m.csv")
    assert "the header must be `at,value,source,note`" in caught.value.problems[0].message
    [row] = parse_measurements("at,value,source,note\n2026-01-01T00:00:00Z,0,,\n", "m.csv")
    assert row.value == 0.0 and row.at.utcoffset() is not None


def test_scorecard_on_a_broken_measurement_file_names_it_and_shows_the_rest(
        example_org: Path) -> None:
    path = example_org / "measurements" / "gross-margin.csv"
    bad = len(path.read_text().splitlines()) + 1
    path.write_text(path.read_text() + "not a time,3,,\nalso bad,4,,\n")
    result = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"otp: measurements/gross-margin.csv:{bad}:1: not an ISO 8601")
    assert lines[0].endswith("(and 1 more bad row)")
    assert lines[-1] == ("otp: 1 measurement file could not be read; the other rows are shown "
                         "(`otp lint` reports every bad row)")
    assert "Traceback" not in result.output


def test_an_append_waits_for_the_lock(tmp_path: Path) -> None:
    """Another writer holding the file's lock makes an append wait, then it lands whole."""
    import fcntl
    import subprocess
    import sys
    import time

    path = tmp_path / "kpi.csv"
    path.write_text("at,value,source,note\n")
    child = ("import sys\nfrom datetime import datetime, timezone\nfrom pathlib import Path\n"
             "from otpcli.measurements.store import Measurement, append_measurements\n"
             "append_measurements(Path(sys.argv[1]), [Measurement(datetime(2026, 1, 1, "
             "tzinfo=timezone.utc), 7.0, 'child', '')])\n")
    with path.open("a") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        process = subprocess.Popen([sys.executable, "-c", child, str(path)])
        time.sleep(1.0)
        assert process.poll() is None, "the append did not wait for the lock"
        assert path.read_text() == "at,value,source,note\n"
        fcntl.flock(holder.fileno(), fcntl.LOCK_UN)
    assert process.wait(timeout=30) == 0
    assert path.read_text().splitlines()[-1] == "2026-01-01T00:00:00+00:00,7,child,"


@pytest.mark.parametrize("kind", ["symlink", "fifo", "directory"])
def test_an_append_never_writes_through_a_link_or_into_a_special_file(
        tmp_path: Path, kind: str) -> None:
    """Even called directly on the path (a file swapped after `otp record` checked it), an
    append refuses a symbolic link, a FIFO nobody reads (it would hang) and a directory."""
    import os
    from datetime import UTC, datetime

    from otpcli.fileio import UnsafeFileError
    from otpcli.measurements.store import Measurement, append_measurements

    victim = tmp_path / "victim.txt"
    victim.write_text("root:x:0:0\n")
    path = tmp_path / "kpi.csv"
    if kind == "symlink":
        path.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    row = Measurement(datetime(2026, 1, 1, tzinfo=UTC), 5.0)
    with pytest.raises(UnsafeFileError) as raised:
        append_measurements(path, [row])
    expected = {"symlink": "symbolic link", "fifo": "named pipe", "directory": "a directory"}
    assert expected[kind] in str(raised.value)
    assert victim.read_text() == "root:x:0:0\n"


@pytest.mark.parametrize("quote_elsewhere", [False, True])
@pytest.mark.parametrize("note", ["x" * 200_000, '"' + "x" * 200_000 + '"'])
def test_a_field_over_the_csv_modules_default_limit_reads_alike_on_both_paths(
        note: str, quote_elsewhere: bool) -> None:
    """The fast path and the csv-module path agree on a 200 kB note, quoted or not."""
    from otpcli.measurements.store import parse_series

    extra = '2026-01-02T00:00:00+00:00,2,"quoted",\n' if quote_elsewhere else ""
    raw = f"at,value,source,note\n2026-01-01T00:00:00+00:00,1,a,{note}\n{extra}".encode()
    series = parse_series(raw, "measurements/kpi.csv")
    assert series[0] == (1767225600.0, 1.0)
    assert len(series) == 1 + quote_elsewhere
