from __future__ import annotations

import os
from pathlib import Path

import git
import pytest

from otpcli import clock
from otpcli.measurements import cache as series_cache
from otpcli.measurements.cache import CACHE_DIR, CACHE_FILE, SEEN_FILE, SeriesCache
from otpcli.org.load import require_org
from otpcli.scorecard.build import build_scorecard


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache files however recently they changed (the two-second window has its own test)."""
    monkeypatch.setattr(series_cache, "_RACY_SECONDS", -1.0)


def _latest(root: Path, outcome: str) -> float | None:
    card = build_scorecard(require_org(root), as_of=clock.now())
    row = next(r for r in card.rows if r.outcome is not None and r.outcome.id == outcome)
    return row.latest.value if row.latest else None


def _warm(root: Path) -> float | None:
    """Two runs: the first leaves only the mark, the second writes the cache."""
    _latest(root, "gross-margin")
    latest = _latest(root, "gross-margin")
    assert (root / CACHE_DIR / CACHE_FILE).is_file()
    return latest


def test_the_first_run_marks_the_second_writes(example_org: Path, no_racy_window: None) -> None:
    """A one-off run (a CI checkout) pays nothing for a cache it will never read."""
    assert not SeriesCache(example_org).writes
    _latest(example_org, "gross-margin")
    assert (example_org / CACHE_DIR / SEEN_FILE).is_file()
    assert not (example_org / CACHE_DIR / CACHE_FILE).exists()
    assert SeriesCache(example_org).writes
    _latest(example_org, "gross-margin")
    assert (example_org / CACHE_DIR / CACHE_FILE).is_file()


def test_unchanged_files_come_from_the_cache(example_org: Path, no_racy_window: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = _warm(example_org)

    def no_parsing(raw: bytes, file: str) -> tuple[list[float], list[float | None]]:
        raise AssertionError(f"{file} was parsed again")

    monkeypatch.setattr(series_cache, "parse_columns", no_parsing)
    assert _latest(example_org, "gross-margin") == first


def test_an_append_invalidates_the_entry(example_org: Path, no_racy_window: None) -> None:
    _warm(example_org)
    path = example_org / "measurements" / "gross-margin.csv"
    stamp = clock.now().replace(microsecond=0).isoformat()
    with path.open("a") as handle:
        handle.write(f"{stamp},12.5,test,\n")
    assert _latest(example_org, "gross-margin") == 12.5


def test_the_cache_ignores_itself_for_git(example_org: Path, no_racy_window: None) -> None:
    _latest(example_org, "gross-margin")
    assert not git.Repo(example_org).is_dirty(untracked_files=True)  # the mark alone
    _warm(example_org)
    assert not git.Repo(example_org).is_dirty(untracked_files=True)


def test_a_damaged_cache_is_ignored(example_org: Path, no_racy_window: None) -> None:
    expected = _warm(example_org)
    cache = example_org / CACHE_DIR / CACHE_FILE
    cache.write_bytes(cache.read_bytes()[:100])
    assert _latest(example_org, "gross-margin") == expected
    cache.write_bytes(b"\x80\x04 not our format")
    assert _latest(example_org, "gross-margin") == expected
    _latest(example_org, "gross-margin")  # rewritten whole
    raw = bytearray(cache.read_bytes())
    raw[-3] ^= 0xFF  # a torn write: the header is right, a value is not
    cache.write_bytes(bytes(raw))
    assert _latest(example_org, "gross-margin") == expected


def test_recently_written_files_are_not_cached(example_org: Path) -> None:
    _latest(example_org, "gross-margin")  # every file was just written by otp init
    _latest(example_org, "gross-margin")
    assert not (example_org / CACHE_DIR).exists()  # no trace: not even the mark
    assert not (example_org / CACHE_DIR / CACHE_FILE).exists()


def test_otp_no_cache_turns_it_off(example_org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTP_NO_CACHE", "1")
    _latest(example_org, "gross-margin")
    assert not (example_org / CACHE_DIR).exists()
    assert not SeriesCache(example_org).enabled


def test_no_value_reports_survive_the_round_trip(example_org: Path, no_racy_window: None) -> None:
    path = "measurements/kpi-accuracy.csv"
    SeriesCache(example_org).series(path)
    SeriesCache(example_org).save()
    cache = SeriesCache(example_org)
    parsed = cache.series(path)
    cache.save()
    cached = SeriesCache(example_org).series(path)
    assert cached == parsed
    assert sum(1 for _, value in cached if value is None) == 1


def _scorecard_json(root: Path, *extra: str) -> str:
    from typer.testing import CliRunner

    from otpcli.cli import app

    result = CliRunner().invoke(app, ["--repo", str(root), "scorecard", "--format", "json",
                                      *extra])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_a_same_size_edit_with_its_times_restored_is_seen(example_org: Path,
                                                         no_racy_window: None) -> None:
    """`cp -p`, `rsync -a`, `touch -r` and unpacking an archive restore the modification
    time; the change time and the inode still tell (issue 18's reproduction)."""
    path = example_org / "measurements" / "gross-margin.csv"
    first = _scorecard_json(example_org)
    assert _scorecard_json(example_org) == first
    assert (example_org / CACHE_DIR / CACHE_FILE).is_file()
    status = path.stat()
    lines = path.read_text().splitlines(keepends=True)
    at, value, rest = lines[-1].split(",", 2)
    changed = f"{float(value) + 1:.{len(value.split('.')[-1]) if '.' in value else 0}f}"
    assert len(changed) == len(value)
    path.write_text("".join(lines[:-1]) + f"{at},{changed},{rest}")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
    cached = _scorecard_json(example_org)
    assert cached == _scorecard_json(example_org, "--no-cache")
    assert cached != first


def test_a_file_replaced_through_a_rename_is_seen(example_org: Path,
                                                  no_racy_window: None) -> None:
    path = example_org / "measurements" / "gross-margin.csv"
    _scorecard_json(example_org)
    _scorecard_json(example_org)
    assert (example_org / CACHE_DIR / CACHE_FILE).is_file()
    status = path.stat()
    text = path.read_text()
    last = text.splitlines()[-1]
    replacement = text.replace(last, last.replace(",", ",9", 1)[:len(last)])
    other = path.with_name("incoming.tmp")
    other.write_text(replacement)
    os.utime(other, ns=(status.st_atime_ns, status.st_mtime_ns))
    other.replace(path)
    assert path.stat().st_size == status.st_size
    assert _scorecard_json(example_org) == _scorecard_json(example_org, "--no-cache")


def test_a_linked_cache_directory_is_never_read_or_written(example_org: Path, tmp_path: Path,
                                                          no_racy_window: None) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (example_org / CACHE_DIR).symlink_to(elsewhere)
    _latest(example_org, "gross-margin")
    _latest(example_org, "gross-margin")
    assert list(elsewhere.iterdir()) == []


def test_no_cache_option_writes_nothing(example_org: Path, no_racy_window: None) -> None:
    _scorecard_json(example_org, "--no-cache")
    assert not (example_org / CACHE_DIR).exists()


@pytest.mark.parametrize("command", [
    ["scorecard"], ["show", "jeff"], ["check"], ["review"], ["chart"], ["lint"],
    ["retire", "jeff", "--to", "dash,crystal", "--reason", "Replaced by agents",
     "--reviewer", "bogdan", "--dry-run"],
])
def test_every_command_that_reads_measurements_takes_no_cache(
        example_org: Path, no_racy_window: None, command: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    def run(*extra: str) -> None:
        result = CliRunner().invoke(app, ["--repo", str(example_org), *command, *extra])
        assert result.exit_code in (0, 1), result.output

    run("--no-cache")
    assert not (example_org / CACHE_DIR).exists()
    monkeypatch.setattr(series_cache, "_DISABLED", [False])  # one command per process
    run()  # the same command with the cache on does write it: the check above can fail
    run()  # (the first run leaves the mark, the second writes)
    assert (example_org / CACHE_DIR / CACHE_FILE).is_file()


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """With the cache off: the files parsed, in order, as they are parsed."""
    monkeypatch.setenv("OTP_NO_CACHE", "1")
    parsed: list[str] = []
    real = series_cache.parse_columns

    def counting(raw: bytes, file: str) -> tuple[list[float], list[float | None]]:
        parsed.append(file)
        return real(raw, file)

    monkeypatch.setattr(series_cache, "parse_columns", counting)
    return parsed


@pytest.mark.parametrize("keep", [True, False])
def test_keep_parses_a_file_once_per_run_even_with_the_cache_off(
        example_org: Path, keep: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _count_parses(monkeypatch)
    cache = SeriesCache(example_org, keep=keep)
    path = "measurements/kpi-accuracy.csv"
    first = cache.series(path)
    assert cache.series(path) == first
    assert parsed == [path] * (1 if keep else 2)
    cache.save()
    assert not (example_org / CACHE_DIR).exists()


def test_lint_parses_each_measurement_file_once(example_org: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """OTP007 and OTP110 both read every measurement file; a cold CI run parses it once."""
    from otpcli.lint.engine import run_lint

    parsed = _count_parses(monkeypatch)
    run_lint(example_org)
    assert parsed
    assert len(parsed) == len(set(parsed))
