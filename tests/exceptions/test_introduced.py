from __future__ import annotations

from datetime import datetime
from pathlib import Path

import git

from otpcli.exceptions.introduced import first_committed

ROOT_SEAT = "title: Founder\nholder: {name: Ada, kind: human}\n"
OUTCOME = "  - id: {id}\n    statement: Something measured\n"


def commit(repo: git.Repo, root: Path, files: dict[str, str], when: str) -> None:
    for name, text in files.items():
        (root / name).write_text(text)
    repo.index.add(list(files))
    moment = datetime.fromisoformat(when)
    repo.index.commit(f"at {when}", author_date=moment, commit_date=moment)


def test_the_first_commit_that_defines_the_id_counts_not_a_longer_id(tmp_path: Path) -> None:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, root, {"otp.yaml": "name: T\n", "seats/ada.yaml": ROOT_SEAT},
           "2026-01-05T10:00:00+00:00")
    commit(repo, root, {"seats/ada.yaml": ROOT_SEAT + "outcomes:\n" + OUTCOME.format(
        id="refunds-fast")}, "2026-02-02T10:00:00+00:00")
    assert first_committed(root, "refunds") is None
    commit(repo, root, {"seats/bo.yaml": ROOT_SEAT + "outcomes:\n" + OUTCOME.format(
        id="refunds")}, "2026-03-02T10:00:00+00:00")
    # moved to another seat later: still the commit that first added it
    commit(repo, root, {"seats/bo.yaml": ROOT_SEAT, "seats/ada.yaml": ROOT_SEAT + "outcomes:\n"
                        + OUTCOME.format(id="refunds-fast") + OUTCOME.format(id="refunds")},
           "2026-04-06T10:00:00+00:00")
    assert first_committed(root, "refunds") == datetime.fromisoformat("2026-03-02T10:00:00+00:00")
    assert first_committed(root, "refunds-fast") == datetime.fromisoformat(
        "2026-02-02T10:00:00+00:00")


def test_an_org_outside_git_has_no_commit(minimal_org: Path) -> None:
    assert first_committed(minimal_org, "anything") is None
