"""The semantic diff on real repositories with several commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.history.diff import KINDS, Change, compare
from otpcli.history.revisions import empty_org, org_at

from .repo import AGENT, commit, edit, write

REASON = "Both capabilities absorbed after the Q4 agent review"


def changes(root: Path, base: str, head: str | None) -> list[Change]:
    return compare(org_at(root, base), org_at(root, head))


def test_a_range_tightened_per_bound(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "range: {min: 90, max: 100}",
         "range: {min: 95, max: 100}")
    commit(example_org, "Tighten ad pacing")
    assert changes(example_org, "HEAD~1", "HEAD") == [
        Change("range_tightened", "jeff", outcome="ad-pacing-on-plan", field="range.min",
               before=90.0, after=95.0, direction="tightened", attention=False)]


def test_a_range_loosened_on_both_bounds_needs_attention(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "range: {min: 98, max: 100}", "range: {min: 90}")
    commit(example_org, "Loosen reconciliation")
    found = changes(example_org, "HEAD~1", "HEAD")
    assert [(c.kind, c.field, c.before, c.after, c.direction, c.attention) for c in found] == [
        ("range_loosened", "range.min", 98.0, 90.0, "loosened", True),
        ("range_loosened", "range.max", 100.0, None, "loosened", True)]
    assert {c.outcome for c in found} == {"projects-reconciled"}


def test_a_seat_added_with_its_capability_and_outcome(example_org: Path) -> None:
    write(example_org, "seats/sorter.yaml", AGENT)
    commit(example_org, "Add the inbox triage agent")
    found = changes(example_org, "HEAD~1", "HEAD")
    assert [(c.kind, c.seat, c.outcome) for c in found] == [
        ("seat_added", "sorter", None),
        ("capability_added", "sorter", None),
        ("outcome_added", "sorter", "inbox-triaged")]
    assert found[0].after == {"title": "Inbox Triage", "holder": "Sorter", "kind": "agent",
                              "status": "active"}
    assert not any(c.attention for c in found)


def test_autonomy_raised_without_review_or_exceptions_needs_attention(
        example_org: Path) -> None:
    write(example_org, "seats/sorter.yaml", AGENT)
    commit(example_org, "Add the inbox triage agent")
    edit(example_org, "seats/sorter.yaml", "autonomy: 2", "autonomy: 6")
    commit(example_org, "Let the sorter act alone")
    assert changes(example_org, "HEAD~1", "HEAD") == [
        Change("autonomy_raised", "sorter", field="autonomy", before=2, after=6,
               direction="loosened", attention=True)]


def test_autonomy_raised_with_exception_criteria_is_not_flagged(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "autonomy: 3", "autonomy: 5")
    commit(example_org, "Jeff acts more on his own")
    [change] = changes(example_org, "HEAD~1", "HEAD")
    assert (change.kind, change.direction, change.attention) == ("autonomy_raised",
                                                                 "loosened", False)
    edit(example_org, "seats/jeff.yaml", "autonomy: 5", "autonomy: 2")
    commit(example_org, "Jeff asks first again")
    [change] = changes(example_org, "HEAD~1", "HEAD")
    assert (change.kind, change.before, change.after, change.direction) == (
        "autonomy_lowered", 5, 2, "tightened")


def test_an_outcome_moved_by_otp_retire(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "retire", "jeff", "--to",
                                      "dash,crystal", "--reason", REASON, "--reviewer",
                                      "bogdan", "--yes"])
    assert result.exit_code == 0, result.output
    found = changes(example_org, "HEAD~1", "HEAD")
    kinds = {(c.kind, c.seat, c.outcome, c.before, c.after) for c in found
             if c.kind.endswith("_moved")}
    assert kinds == {
        ("capability_moved", "dash", None, "jeff", "dash"),
        ("capability_moved", "crystal", None, "jeff", "crystal"),
        ("outcome_moved", "dash", "ad-pacing-on-plan", "jeff", "dash"),
        ("outcome_moved", "crystal", "projects-reconciled", "jeff", "crystal")}
    [retired] = [c for c in found if c.kind == "seat_retired"]
    assert retired.seat == "jeff" and retired.attention
    assert retired.after["reason"] == REASON and retired.after["reviewers"] == ["bogdan"]
    assert not [c for c in found if c.kind.startswith("measurements")]  # history kept as is


def test_exceptions_removed_shortened_and_a_rewritten_history(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", """          - to: janine
          - to: bogdan
            after: 24h
""", """          - to: janine
""")
    edit(example_org, "seats/jeff.yaml", """    exceptions:
      - when: out_of_range
        for: 2
        escalate:
          - to: bogdan
""", "")
    path = example_org / "measurements" / "kpi-accuracy.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))
    commit(example_org, "Fewer escalations; drop a row")
    found = {(c.kind, c.outcome): c for c in changes(example_org, "HEAD~1", "HEAD")}
    removed = found[("exception_removed", "ad-pacing-on-plan")]
    assert removed.attention and removed.direction == "loosened"
    assert removed.before == {"when": "out_of_range", "for": 2, "escalate": [{"to": "bogdan"}]}
    shortened = found[("ladder_shortened", "projects-reconciled")]
    assert (shortened.before, shortened.after) == (["janine", "bogdan after 24h"], ["janine"])
    rewritten = found[("measurements_rewritten", "kpi-accuracy")]
    assert rewritten.attention and rewritten.after == rewritten.before - 1


def test_measurements_appended_are_counted_per_outcome(example_org: Path) -> None:
    path = example_org / "measurements" / "kpi-accuracy.csv"
    before = len(path.read_text().splitlines()) - 1
    with path.open("a") as handle:
        handle.write("2020-01-01T00:00:00+00:00,100,tally,\n2020-01-02T00:00:00+00:00,,tally,"
                     "\"a note, with a comma\"\n")
    assert compare(org_at(example_org, "HEAD"), org_at(example_org, None)) == [
        Change("measurements_added", "tally", outcome="kpi-accuracy", field="rows",
               before=before, after=before + 2)]


def test_an_agent_left_without_an_accountable_human(example_org: Path) -> None:
    edit(example_org, "seats/jeff.yaml", "accountable: bogdan\n", "accountable: dash\n")
    commit(example_org, "Dash answers for Jeff")
    found = changes(example_org, "HEAD~1", "HEAD")
    assert [(c.kind, c.before, c.after, c.attention) for c in found] == [
        ("accountable_changed", "bogdan", "dash", False),
        ("agent_without_accountable_human", "bogdan", "dash", True)]


def test_a_renamed_seat_is_one_change_not_a_removal(example_org: Path) -> None:
    (example_org / "seats" / "jeff.yaml").rename(example_org / "seats" / "jeff-agent.yaml")
    commit(example_org, "Rename Jeff's seat")
    assert changes(example_org, "HEAD~1", "HEAD") == [
        Change("seat_renamed", "jeff-agent", before="jeff", after="jeff-agent")]


def test_a_first_commit_compares_with_an_empty_org(example_org: Path) -> None:
    head = org_at(example_org, "HEAD")
    found = compare(empty_org(example_org, head), head)
    kinds = {c.kind for c in found}
    assert {"seat_added", "capability_added", "outcome_added", "measurements_added"} <= kinds
    assert kinds <= {"seat_added", "capability_added", "outcome_added", "measurements_added",
                     "draft_added"}
    assert sum(1 for c in found if c.kind == "seat_added") == len(head.seats)
    assert all(c.kind in KINDS for c in found)


def test_config_changes_name_their_key(example_org: Path) -> None:
    edit(example_org, "otp.yaml", "periods: 13", "periods: 8")
    [change] = compare(org_at(example_org, "HEAD"), org_at(example_org, None))
    assert (change.kind, change.seat, change.field, change.before, change.after) == (
        "config_changed", None, "scorecard.periods", 13, 8)


def test_the_documented_json_object(example_org: Path) -> None:
    change = Change("range_loosened", "jeff", outcome="x", field="range.max", before=1.0,
                    after=None, direction="loosened", attention=True)
    assert change.as_json() == {"kind": "range_loosened", "seat": "jeff", "outcome": "x",
                                "field": "range.max", "before": 1.0, "after": None,
                                "direction": "loosened", "attention": True}


@pytest.mark.parametrize("rev", ["no-such-branch", "HEAD~9"])
def test_an_unknown_revision_is_refused_with_gits_message(example_org: Path, rev: str) -> None:
    from otpcli.errors import OtpError

    with pytest.raises(OtpError, match=rf"bad revision '{rev}'") as raised:
        org_at(example_org, rev)
    assert raised.value.exit_code == 2
