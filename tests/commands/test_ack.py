from __future__ import annotations

import json
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

from ..conftest import tree_digest
from ..exceptions.hand import make_hand_org


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    return make_hand_org(tmp_path / "hand")


def run(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args])


def test_ack_records_the_episode_and_check_shows_it_acknowledged(hand: Path) -> None:
    result = run(hand, "ack", "sla", "--by", "Cy", "--at", "2026-03-25T09:00",
                 "--note", "Restarted the queue worker, twice")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "acknowledged sla (off track for 1 day, since Wed 25 Mar 00:00) by Cy at "
        "2026-03-25T09:00:00+00:00; told before: Cy\n"
        "recorded in acknowledgements/sla.csv\n")
    assert (hand / "acknowledgements" / "sla.csv").read_text() == (
        "at,by,when,note\n"
        '2026-03-25T09:00:00+00:00,cy,out_of_range,"Restarted the queue worker, twice"\n')
    shown = json.loads(run(hand, "check", "-f", "json", "--seat", "bo", "--as-of",
                           "2026-03-26T12:00:00+00:00").stdout)["exceptions"]
    sla = next(e for e in shown if e["outcome"] == "sla")
    assert sla["escalated_to"] == ["cy"]  # Ada's rung (26 Mar 00:00) came after it
    assert sla["next"] is None
    assert sla["acknowledged"] == {"by": "cy", "at": "2026-03-25T09:00:00+00:00",
                                   "note": "Restarted the queue worker, twice"}


def test_the_accountable_human_may_acknowledge_without_being_on_the_ladder(hand: Path) -> None:
    result = run(hand, "ack", "never", "--by", "cy", "--at", "2026-03-20T10:00:00+00:00")
    assert result.exit_code == 0, result.output
    assert "2026-03-20T10:00:00+00:00,cy,stale," in (
        hand / "acknowledgements" / "never.csv").read_text()


@pytest.mark.parametrize(("args", "words"), [
    (["never", "--by", "di", "--at", "2026-03-20T10:00:00+00:00"],
     "--by di is neither on the ladder of `never` nor its accountable human; one of ada, cy "
     "must acknowledge it"),
    (["sla", "--by", "cy", "--at", "2026-03-27T10:00:00+00:00"],
     "no exception of `sla` holds at 2026-03-27T10:00:00+00:00; nothing to acknowledge"),
    (["sla", "--by", "cy", "--at", "2026-03-25T09:00:00+00:00", "--when", "missing"],
     "no `missing` exception of `sla` holds at 2026-03-25T09:00:00+00:00"),
    (["sl", "--by", "cy"], "no outcome `sl` in this org; did you mean `sla`?"),
    (["sla", "--by", "cyy"], "--by: no seat `cyy`; did you mean `cy`?"),
    (["sla", "--by", "cy", "--at", "2099-01-01T00:00:00+00:00"], "is in the future"),
    (["sla", "--by", "cy", "--at", "soon"], "--at: `soon` is not an ISO 8601 time"),
    (["sla", "--by", "cy", "--at", "2026-03-25T09:00:00+00:00", "--note", "two\nlines"],
     "--note must be one line"),
])
def test_refusals_exit_2_and_write_nothing(hand: Path, args: list[str], words: str) -> None:
    before = tree_digest(hand)
    result = run(hand, "ack", *args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert tree_digest(hand) == before


def test_commit_commits_exactly_the_acknowledgement_file(hand: Path) -> None:
    repo = git.Repo(hand)
    seat = hand / "seats" / "ada.yaml"
    seat.write_text(seat.read_text() + "# an unrelated edit, staged\n")
    repo.index.add(["seats/ada.yaml"])
    result = run(hand, "ack", "sla", "--by", "ada", "--at", "2026-03-26T08:00:00+00:00",
                 "--note", "Moved a second agent onto it", "--commit")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("recorded in acknowledgements/sla.csv (committed)\n")
    head = repo.head.commit
    assert head.message == ("Acknowledge sla (out_of_range) by ada\n\n"
                            "Moved a second agent onto it\n")
    assert list(head.stats.files) == ["acknowledgements/sla.csv"]
    assert [item.a_path for item in repo.index.diff("HEAD")] == ["seats/ada.yaml"]


def test_a_failed_commit_takes_the_acknowledgement_back(hand: Path) -> None:
    hook = hand / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = run(hand, "ack", "sla", "--by", "cy", "--at", "2026-03-25T09:00:00+00:00",
                 "--commit")
    assert result.exit_code == 2
    assert "the pre-commit hook rejected the commit; nothing was changed" in result.stderr
    assert "refused by the hook" in result.stderr
    assert not (hand / "acknowledgements" / "sla.csv").exists()
    # the failing pre-commit hook must not leave the acknowledgement staged in the index
    assert git.Repo(hand).git.diff("--cached", "--name-only") == ""
