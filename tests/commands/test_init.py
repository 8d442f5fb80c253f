from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import git
import pytest
from typer.testing import CliRunner

from otpcli import clock
from otpcli.cli import app
from otpcli.measurements.example import create_example
from otpcli.measurements.store import read_measurements
from otpcli.org.calendar import week_start
from otpcli.org.load import load_org

from ..conftest import EXAMPLE, tree_digest


def _newest(root: Path) -> datetime:
    return max(
        m.at for path in (root / "measurements").glob("*.csv")
        for m in read_measurements(path, path.name)
    )


def test_init_creates_a_committed_org_with_one_root_seat(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    result = CliRunner().invoke(app, ["init", str(target), "--timezone", "Europe/Berlin",
                                      "--holder", "Ada Lovelace", "--root-seat", "ada"])
    assert result.exit_code == 0, result.output
    loaded = load_org(target)
    assert loaded.problems == []
    assert loaded.org.config.name == "acme"
    assert loaded.org.config.timezone == "Europe/Berlin"
    assert list(loaded.org.seats) == ["ada"]
    assert loaded.org.seats["ada"].seat.holder.name == "Ada Lovelace"
    repo = git.Repo(target)
    assert not repo.is_dirty(untracked_files=True)
    assert [c.message for c in repo.iter_commits()] == ["Create org acme"]
    assert (target / "schemas" / "seat.schema.json").is_file()
    first_line = (target / "seats" / "ada.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/seat.schema.json"


def test_init_quotes_names_that_yaml_would_read_differently(tmp_path: Path) -> None:
    target = tmp_path / "org"
    result = CliRunner().invoke(app, ["init", str(target), "--name", "No: really #1",
                                      "--timezone", "UTC", "--holder", "yes"])
    assert result.exit_code == 0, result.output
    org = load_org(target).org
    assert org.config.name == "No: really #1"
    assert org.seats["founder"].seat.holder.name == "yes"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--timezone", "Mars/Base"], "IANA time zone"),
        (["--week-start", "funday"], "--week-start"),
        (["--root-seat", "Big Boss"], "is not a seat id"),
        (["--example", "nope"], "unknown example"),
    ],
)
def test_init_refuses_bad_options_and_leaves_nothing(
    tmp_path: Path, args: list[str], words: str
) -> None:
    target = tmp_path / "org"
    result = CliRunner().invoke(app, ["init", str(target), *args])
    assert result.exit_code == 2
    assert words in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "org"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    before = tree_digest(target)
    result = CliRunner().invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert tree_digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org"]


def test_init_into_an_existing_empty_directory(tmp_path: Path) -> None:
    target = tmp_path / "org"
    target.mkdir()
    assert CliRunner().invoke(app, ["init", str(target), "--timezone", "UTC"]).exit_code == 0
    assert (target / "otp.yaml").is_file()


def test_example_is_a_committed_repo_with_14_seats(example_org: Path) -> None:
    loaded = load_org(example_org)
    assert loaded.problems == []
    assert len(loaded.org.seats) == 14
    repo = git.Repo(example_org)
    assert not repo.is_dirty(untracked_files=True)
    assert len(list(repo.iter_commits())) == 1
    assert (example_org / "README.md").is_file()
    config_line = (example_org / "otp.yaml").read_text().splitlines()[0]
    assert config_line == "# yaml-language-server: $schema=schemas/otp.schema.json"


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 3, 15, 9, 30, tzinfo=ZoneInfo("America/New_York")),  # a Monday, after DST
        datetime(2027, 7, 4, 23, 0, tzinfo=ZoneInfo("America/New_York")),   # a Sunday night
        datetime(2026, 11, 21, 12, 0, tzinfo=ZoneInfo("UTC")),
    ],
)
def test_example_dates_move_so_the_newest_value_is_in_the_current_week(
    tmp_path: Path, now: datetime
) -> None:
    target = tmp_path / "demo"
    create_example(target, "sneeze-it", now=now)
    zone = ZoneInfo("America/New_York")
    newest = _newest(target)
    assert newest <= now
    this_week = week_start(now.astimezone(zone).date(), 0)
    assert week_start(newest.astimezone(zone).date(), 0) == this_week
    weekly = read_measurements(target / "measurements" / "gross-margin.csv", "g")
    original = read_measurements(EXAMPLE / "measurements" / "gross-margin.csv", "g")
    assert [m.at.astimezone(zone).strftime("%a %H:%M") for m in weekly] == [
        m.at.astimezone(zone).strftime("%a %H:%M") for m in original
    ][: len(weekly)]
    monthly = read_measurements(target / "measurements" / "monthly-revenue.csv", "m")
    assert len({(m.at.astimezone(zone).year, m.at.astimezone(zone).month) for m in monthly}) == (
        len(monthly)
    )


def test_example_keeps_its_stale_seat_stale(example_org: Path) -> None:
    pulse = read_measurements(example_org / "measurements" / "healthy-clients.csv", "p")
    assert clock.now() - pulse[-1].at > timedelta(days=14)


def test_example_keeps_its_explicit_no_value_report(example_org: Path) -> None:
    tally = read_measurements(example_org / "measurements" / "kpi-accuracy.csv", "t")
    missing = [m for m in tally if m.value is None]
    assert len(missing) == 1
    assert "500" in missing[0].note


EDGE_MOMENTS = [
    "2026-11-23T09:00:00-05:00",  # the day the example data ended a month-end-bound feed early
    "2026-11-30T23:30:00-05:00",  # the last day of a month, late evening
    "2026-12-31T23:59:00-05:00",  # the last minute of a year
    "2027-01-01T00:30:00-05:00",  # the first half hour of a year
    "2027-03-15T00:30:00-04:00",  # the Monday after the US spring daylight-saving change
    "2027-03-29T00:30:00+02:00",  # the Monday after the EU change, 18:30 the day before in NY
    "2027-11-08T00:30:00-05:00",  # the Monday after the US autumn change
    "2028-02-29T12:00:00-05:00",  # a leap day
    "2028-03-01T00:30:00-05:00",  # the day after it
    "2027-07-04T23:00:00-04:00",  # a Sunday night
]


@pytest.mark.parametrize("moment", EDGE_MOMENTS)
def test_example_looks_the_same_on_every_date(copy_example: Path, moment: str) -> None:
    """Exactly the stale and missing rows the example's README promises, whatever the day."""
    from otpcli.measurements.example import cadences, shift_example_dates
    from otpcli.org.load import require_org
    from otpcli.scorecard.build import build_scorecard

    now = datetime.fromisoformat(moment)
    org = require_org(copy_example)
    shift_example_dates(copy_example, org.config, cadences(org), now)
    card = build_scorecard(org, as_of=now)
    by_status: dict[str, list[str]] = {}
    for row in card.rows:
        by_status.setdefault(row.status, []).append(row.outcome.id if row.outcome else "")
    assert by_status.get("stale") == ["healthy-clients"]
    assert "missing" not in by_status
    assert "pending" not in by_status
    assert sorted(by_status["off_track"]) == [
        "ad-pacing-on-plan", "kpi-accuracy", "spend-variance-before-call"]
    spend = next(r for r in card.rows if r.outcome and r.outcome.id == "managed-ad-spend")
    yesterday = now.astimezone(ZoneInfo("America/New_York")).date() - timedelta(days=1)
    assert spend.latest is not None and spend.latest.at.date() >= yesterday

    # `otp check` tells the README's story: Dash's spend variance has climbed to its second
    # rung, Pulse is stale, Janine took Tally's KPI accuracy before it reached Bogdan.
    from otpcli.exceptions.check import check_exceptions

    check = check_exceptions(org, as_of=now)
    assert [(h.outcome.id, h.criterion.when, h.escalated_to, h.next,
             h.acknowledged.by if h.acknowledged else None) for h in check.exceptions] == [
        ("spend-variance-before-call", "out_of_range", ("david", "bogdan"), None, None),
        ("healthy-clients", "stale", ("bogdan",), None, None),
        ("kpi-accuracy", "out_of_range", ("janine",), None, "janine"),
    ]
    assert all(h.since <= now for h in check.exceptions)

    # and `otp review` has something to discuss in every section that does not come from git
    from otpcli.review.build import build_review
    from otpcli.review.since import Base

    agenda = build_review(org, as_of=now, base=Base("7 days ago", None, None, in_git=False))
    assert agenda.scorecard.rows and agenda.check.exceptions
    assert [seat.id for seat in agenda.drift.silent_agents] == ["pulse"]
    assert [draft.statement for draft in agenda.sharpen.drafts] == ["Improve creative quality"]


def test_init_never_commits_under_an_invented_identity(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import git
    from typer.testing import CliRunner

    from otpcli.cli import app

    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EMAIL", "")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "acme")])
    assert result.exit_code == 2
    assert 'git config --global user.name "Your Name"' in result.stderr
    assert "git config --global user.email you@example.com" in result.stderr
    assert not (tmp_path / "acme").exists()
    example = CliRunner().invoke(app, ["init", str(tmp_path / "demo"), "--example",
                                       "sneeze-it"])
    assert example.exit_code == 0, example.output
    author = git.Repo(tmp_path / "demo").head.commit.author
    assert (author.name, author.email) == ("otp example", "example@otp.invalid")


def test_init_into_the_directory_you_stand_in_keeps_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    here = tmp_path / "empty"
    here.mkdir()
    inode = here.stat().st_ino
    monkeypatch.chdir(here)
    result = CliRunner().invoke(app, ["init", "--example", "sneeze-it"])
    assert result.exit_code == 0, result.output
    assert here.stat().st_ino == inode  # filled in place, not replaced
    assert (here / "otp.yaml").is_file() and (here / ".git").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no stage left behind
    seats = CliRunner().invoke(app, ["seats", "--format", "json"])
    assert seats.exit_code == 0, seats.output


def test_a_working_directory_that_is_gone_is_one_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = CliRunner().invoke(app, ["seats"])
    assert result.exit_code == 2
    assert "the working directory no longer exists" in result.stderr


def test_an_example_that_otp_has_run_in_is_copied_without_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from otpcli.measurements import example

    source = tmp_path / "bundled"
    shutil.copytree(example.bundled("examples"), source / "examples")
    (source / "examples" / "sneeze-it" / ".otp_cache").mkdir()
    (source / "examples" / "sneeze-it" / ".otp_cache" / "seen").write_text("")
    monkeypatch.setattr(example, "bundled", lambda name: source / name)
    example.create_example(tmp_path / "new", "sneeze-it")
    assert (tmp_path / "new" / "seats").is_dir()
    assert not (tmp_path / "new" / ".otp_cache").exists()
