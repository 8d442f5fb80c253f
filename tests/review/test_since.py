from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import git
import pytest

from otpcli.errors import OtpError
from otpcli.org.load import load_org
from otpcli.review.changes import changes_since
from otpcli.review.since import resolve_since

ZONE = ZoneInfo("Europe/London")
AS_OF = datetime.fromisoformat("2026-06-15T09:00:00+01:00")


@pytest.fixture
def repo_root(tmp_path: Path) -> Path:
    """Commits on 1 June (the org), 5 June (a measurement) and 10 June (a seat)."""
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    repo = git.Repo.init(root, initial_branch="main")
    for when, name, text, message in (
        ("2026-06-01T10:00:00+01:00", "otp.yaml", "name: T\n", "Create the org"),
        ("2026-06-05T10:00:00+01:00", "measurements/x.csv", "at,value,source,note\n",
         "Record x"),
        ("2026-06-10T10:00:00+01:00", "seats/ada.yaml", "title: A\n", "Add Ada"),
    ):
        (root / name).write_text(text)
        repo.index.add([name])
        moment = datetime.fromisoformat(when)
        repo.index.commit(message, author_date=moment, commit_date=moment)
    return root


def subjects(root: Path, since: str | None) -> list[str]:
    base = resolve_since(root, since, as_of=AS_OF, zone=ZONE)
    return [commit.subject for commit in changes_since(load_org(root).org, base, ZONE).commits]


def test_by_default_the_last_review_was_seven_days_ago(repo_root: Path) -> None:
    base = resolve_since(repo_root, None, as_of=AS_OF, zone=ZONE)
    assert base.label == "7 days ago"
    assert base.moment == datetime.fromisoformat("2026-06-08T09:00:00+01:00")
    assert base.commit == git.Repo(repo_root).commit("HEAD~1").hexsha  # the 5 June commit
    assert subjects(repo_root, None) == ["Add Ada"]  # definitions only, not measurements


def test_since_a_date_a_revision_or_before_the_first_commit(repo_root: Path) -> None:
    assert subjects(repo_root, "2026-06-02") == ["Add Ada"]
    assert subjects(repo_root, "2026-05-01") == ["Add Ada", "Create the org"]
    assert resolve_since(repo_root, "2026-05-01", as_of=AS_OF, zone=ZONE).commit is None
    assert subjects(repo_root, "HEAD~2") == ["Add Ada"]
    assert subjects(repo_root, "HEAD") == []


def test_an_unknown_revision_is_refused(repo_root: Path) -> None:
    with pytest.raises(OtpError, match="--since: `nope` is neither a date"):
        resolve_since(repo_root, "nope", as_of=AS_OF, zone=ZONE)


def test_outside_git_there_is_no_history(minimal_org: Path) -> None:
    base = resolve_since(minimal_org, None, as_of=AS_OF, zone=ZONE)
    assert not base.in_git
    assert changes_since(load_org(minimal_org).org, base, ZONE).commits == ()
