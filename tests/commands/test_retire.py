from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.lint.engine import run_lint
from otpcli.org.load import load_org
from otpcli.retire import apply as retire_module

REASON = "Both capabilities absorbed after the Q4 agent review"
JEFF = ["retire", "jeff", "--to", "dash,crystal", "--reason", REASON, "--reviewer", "bogdan"]


def otp(root: Path, *args: str, input: str | None = None) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), *args], input=input,
                              env={"COLUMNS": "120"})


def snapshot(root: Path) -> dict[str, object]:
    """Everything a failed retirement must leave exactly as it was."""
    repo = git.Repo(root)
    files = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}
    return {
        "files": files,
        "index": repo.git.ls_files("-s"),
        "head": repo.head.commit.hexsha,
        "branch": repo.active_branch.name,
        "branches": sorted(h.name for h in repo.heads),
        "status": repo.git.status("--porcelain"),
    }


def test_retire_jeff_is_one_commit_with_an_honest_record(example_org: Path) -> None:
    repo = git.Repo(example_org)
    before_head = repo.head.commit
    history = {p.name: p.read_bytes() for p in (example_org / "measurements").glob("*.csv")}
    errors_before = {f.baseline_key() for f in run_lint(example_org).findings
                     if f.severity == "error"}
    result = otp(example_org, *JEFF, "--yes")
    assert result.exit_code == 0, result.output
    assert "retired jeff in commit" in result.stderr
    commits = list(repo.iter_commits(f"{before_head.hexsha}..HEAD"))
    assert len(commits) == 1
    commit = commits[0]
    assert commit.message.splitlines()[0] == (
        "Retire jeff (Data Integrity Analyst): capabilities to dash, crystal")
    assert commit.message.rstrip().splitlines()[-2:] == [
        "Reviewed-by: Bogdan <seat:bogdan>", "Otp-Retired-Seat: jeff"]
    assert sorted(commit.stats.files) == ["seats/crystal.yaml", "seats/dash.yaml",
                                          "seats/jeff.yaml"]
    assert not repo.is_dirty(untracked_files=True)

    org = load_org(example_org).org
    dash, crystal, jeff = org.seats["dash"].seat, org.seats["crystal"].seat, org.seats["jeff"].seat
    assert "ad pacing monitoring" in dash.capabilities
    assert "project reconciliation" in crystal.capabilities
    assert "ad-pacing-on-plan" in [o.id for o in dash.measured_outcomes()]
    assert "projects-reconciled" in [o.id for o in crystal.measured_outcomes()]
    assert {p.name: p.read_bytes() for p in (example_org / "measurements").glob("*.csv")} == \
        history  # ids and measurement history kept
    assert jeff.status == "retired"
    record = jeff.retirement
    assert record is not None
    assert record.reason == REASON and record.reviewers == ["bogdan"]
    assert record.capabilities == {"ad pacing monitoring": "dash",
                                   "project reconciliation": "crystal"}
    assert record.outcomes == {"ad-pacing-on-plan": "dash", "projects-reconciled": "crystal"}
    assert set(record.final_scorecard) == {"ad-pacing-on-plan", "projects-reconciled"}
    assert record.final_scorecard["ad-pacing-on-plan"].status in (
        "on_track", "off_track", "missing", "stale")

    for seat_file in org.chart_order():  # nothing active still points at Jeff
        seat = seat_file.seat
        assert "jeff" not in (seat.reports_to, seat.accountable)
        for outcome in seat.measured_outcomes():
            assert all(step.to != "jeff" for c in outcome.exceptions for step in c.escalate)
    errors_after = {f.baseline_key() for f in run_lint(example_org).findings
                    if f.severity == "error"}
    assert errors_after <= errors_before

    for name in ("dash", "crystal", "jeff"):  # comments survive in every touched file
        text = (example_org / "seats" / f"{name}.yaml").read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/seat.schema.json\n")
    assert "# Dash flags; a human changes budgets" in (example_org / "seats" / "dash.yaml"
                                                      ).read_text()
    assert "# critical ad overspend: the founder first" in (
        example_org / "seats" / "dash.yaml").read_text()
    assert "# the outcome moves with this capability" in (
        example_org / "seats" / "dash.yaml").read_text()
    assert "# Jeff keeps the data honest." in (example_org / "seats" / "jeff.yaml").read_text()

    shown = subprocess.run(["git", "show", "HEAD"], cwd=example_org, capture_output=True,
                           text=True, check=True).stdout
    assert "+status: retired" in shown and "+retirement:" in shown
    assert "final_scorecard:" in shown


def test_only_changed_lines_differ(example_org: Path) -> None:
    otp(example_org, *JEFF, "--yes")
    diff = git.Repo(example_org).git.diff("HEAD~1", "HEAD", "--", "seats/dash.yaml")
    removed = [line for line in diff.splitlines()
               if line.startswith("-") and not line.startswith("---")]
    assert removed == []


def test_dry_run_shows_plan_and_diff_and_changes_nothing(example_org: Path) -> None:
    before = snapshot(example_org)
    result = otp(example_org, *JEFF, "--dry-run")
    assert result.exit_code == 0
    assert "ad pacing monitoring" in result.stdout and "dash" in result.stdout
    assert "+++ b/seats/dash.yaml" in result.stdout
    assert "+  - ad pacing monitoring" in result.stdout
    assert "dry run: nothing was changed" in result.stderr
    assert snapshot(example_org) == before


def test_interactive_confirmation_yes_and_no(example_org: Path) -> None:
    before = snapshot(example_org)
    declined = otp(example_org, *JEFF, input="n\n")
    assert declined.exit_code == 1
    assert "Retire jeff? [y/N]" in declined.stderr
    assert "cancelled: nothing was changed" in declined.stderr
    assert snapshot(example_org) == before
    accepted = otp(example_org, *JEFF, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert git.Repo(example_org).head.commit.message.startswith("Retire jeff")


def test_branch_puts_the_commit_on_a_new_branch(example_org: Path) -> None:
    repo = git.Repo(example_org)
    main = repo.head.commit.hexsha
    result = otp(example_org, *JEFF, "--yes", "--branch")
    assert result.exit_code == 0, result.output
    assert repo.active_branch.name == "retire/jeff"
    assert repo.heads["main"].commit.hexsha == main
    assert repo.head.commit.parents[0].hexsha == main
    again = otp(example_org, "retire", "pulse", "--to", "dirk", "--reason", "x", "--reviewer",
                "bogdan", "--yes", "--branch")
    assert again.exit_code == 0  # a different seat, a different branch
    repo.git.checkout("main")
    clash = otp(example_org, *JEFF, "--yes", "--branch")
    assert clash.exit_code == 2
    assert "branch `retire/jeff` already exists" in clash.stderr


def test_assign_overrides_the_proposal(example_org: Path) -> None:
    result = otp(example_org, *JEFF, "--yes", "--assign", "project reconciliation=dash",
                 "--assign", "projects-reconciled=dash")
    assert result.exit_code == 0, result.output
    org = load_org(example_org).org
    assert "project reconciliation" in org.seats["dash"].seat.capabilities
    assert "projects-reconciled" in [o.id for o in org.seats["dash"].seat.measured_outcomes()]
    assert org.seats["jeff"].seat.retirement.capabilities == {  # type: ignore[union-attr]
        "ad pacing monitoring": "dash", "project reconciliation": "dash"}


def test_escalate_to_reroutes_ladders_and_accountability(example_org: Path) -> None:
    # Janine leaves: Tally is accountable to her and escalates to her first.
    result = otp(example_org, "retire", "Janine", "--to", "bogdan", "--reason", "Left the company",
                 "--reviewer", "david", "--escalate-to", "bogdan", "--yes")
    assert result.exit_code == 0, result.output
    org = load_org(example_org).org
    tally = org.seats["tally"].seat
    assert tally.accountable == "bogdan"
    ladder = [[step.to for step in c.escalate] for c in tally.measured_outcomes()[0].exceptions]
    assert ladder == [["bogdan"], ["bogdan"]]  # a rung repeated after re-routing is dropped
    reconciled = org.outcomes["projects-reconciled"].outcome  # was: janine, then bogdan
    assert [step.to for c in reconciled.exceptions for step in c.escalate] == ["bogdan"]
    janine = org.seats["janine"].seat
    assert janine.status == "retired"
    assert janine.retirement is not None and janine.retirement.escalations_to == "bogdan"
    assert "month-end close" in org.seats["bogdan"].seat.capabilities


def test_default_escalation_target_is_the_accountable_seat(example_org: Path) -> None:
    # Radar is accountable to David; Pepper escalates to Radar first and reports to it.
    result = otp(example_org, "retire", "radar", "--to", "pepper", "--reason", "Replaced",
                 "--reviewer", "david", "--yes")
    assert result.exit_code == 0, result.output
    org = load_org(example_org).org
    pepper = org.seats["pepper"].seat
    assert pepper.reports_to == "david"
    assert [s.to for s in pepper.measured_outcomes()[0].exceptions[0].escalate] == ["david"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["retire", "nobody", "--to", "dash", "--reason", "r", "--reviewer", "bogdan"],
         "no seat `nobody`"),
        (["retire", "jeff", "--to", "ghost", "--reason", "r", "--reviewer", "bogdan"],
         "--to: no seat `ghost`"),
        (["retire", "jeff", "--to", "jeff", "--reason", "r", "--reviewer", "bogdan"],
         "cannot take over from itself"),
        (["retire", "jeff", "--to", "dash", "--reason", " ", "--reviewer", "bogdan"],
         "--reason is required"),
        (["retire", "jeff", "--to", "dash", "--reason", "r", "--reviewer", "radar"],
         "is an agent seat; a human reviews"),
        (["retire", "jeff", "--to", "dash,crystal,dirk", "--reason", "r", "--reviewer",
          "bogdan", "--assign", "ad pacing monitoring=pulse"], "not among --to"),
        (["retire", "jeff", "--to", "pulse,dirk", "--reason", "r", "--reviewer", "bogdan"],
         "no target for `ad pacing monitoring`"),
        (["retire", "david", "--to", "bogdan", "--reason", "r", "--reviewer", "bogdan"],
         "is the root seat"),
        (["retire", "janine", "--to", "bogdan", "--reason", "r", "--reviewer", "david",
          "--escalate-to", "radar"], "would add 1 lint error"),
    ],
)
def test_refusals_change_nothing(example_org: Path, args: list[str], words: str) -> None:
    before = snapshot(example_org)
    result = otp(example_org, *args, "--yes")
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(example_org) == before


def test_refuses_an_already_retired_seat_and_a_retired_target(example_org: Path) -> None:
    assert otp(example_org, *JEFF, "--yes").exit_code == 0
    before = snapshot(example_org)
    again = otp(example_org, *JEFF, "--yes")
    assert again.exit_code == 2 and "`jeff` is already retired" in again.stderr
    target = otp(example_org, "retire", "pulse", "--to", "jeff", "--reason", "r", "--reviewer",
                 "bogdan", "--yes")
    assert target.exit_code == 2 and "--to: `jeff` is already retired" in target.stderr
    assert snapshot(example_org) == before


def test_refuses_uncommitted_changes_to_org_files(example_org: Path) -> None:
    dash = example_org / "seats" / "dash.yaml"
    dash.write_text(dash.read_text() + "# an uncommitted edit\n")
    before = snapshot(example_org)
    result = otp(example_org, *JEFF, "--yes")
    assert result.exit_code == 2
    assert "org files have uncommitted changes (seats/dash.yaml)" in result.stderr
    assert snapshot(example_org) == before


def _fault_at(step: str, nth: int) -> object:
    calls = {"n": 0}

    def checkpoint(name: str, detail: str = "") -> None:
        if name == step:
            calls["n"] += 1
            if calls["n"] == nth:
                raise OSError(f"injected fault at {step} #{nth}")

    return checkpoint


@pytest.mark.parametrize("branch", [False, True])
@pytest.mark.parametrize("step", ["journal", "tree", "hooks", "commit", "ref"])
def test_a_fault_before_the_branch_moves_leaves_the_repository_exactly_as_before(
    example_org: Path, monkeypatch: pytest.MonkeyPatch, step: str, branch: bool
) -> None:
    before = snapshot(example_org)
    monkeypatch.setattr(retire_module, "_checkpoint", _fault_at(step, 1))
    args = [*JEFF, "--yes", *(["--branch"] if branch else [])]
    result = otp(example_org, *args)
    assert result.exit_code != 0
    assert snapshot(example_org) == before
    assert not (example_org / ".git" / "otp-journal.json").exists()


@pytest.mark.parametrize("branch", [False, True])
def test_a_fault_after_the_branch_moved_is_finished_by_the_next_command(
    example_org: Path, monkeypatch: pytest.MonkeyPatch, branch: bool
) -> None:
    monkeypatch.setattr(retire_module, "_checkpoint", _fault_at("work tree", 1))
    result = otp(example_org, *JEFF, "--yes", *(["--branch"] if branch else []))
    assert result.exit_code == 2
    monkeypatch.undo()
    following = otp(example_org, "seats")
    assert following.exit_code == 0, following.output
    assert following.stderr.startswith("otp: finished an interrupted retirement: commit ")
    repo = git.Repo(example_org)
    assert repo.git.status("--porcelain") == ""
    assert repo.head.commit.message.startswith("Retire jeff")
    assert "status: retired" in (example_org / "seats" / "jeff.yaml").read_text()
    assert repo.active_branch.name == ("retire/jeff" if branch else "main")
    assert not (example_org / ".git" / "otp-journal.json").exists()


def test_a_failing_git_commit_is_rolled_back(example_org: Path) -> None:
    before = snapshot(example_org)
    (example_org / ".git" / "index.lock").write_text("another git process is running")
    result = otp(example_org, *JEFF, "--yes")
    assert result.exit_code == 2
    assert "index.lock exists: another git process may be running" in result.stderr
    (example_org / ".git" / "index.lock").unlink()
    assert snapshot(example_org) == before


def test_plan_as_json(example_org: Path) -> None:
    import json

    result = otp(example_org, *JEFF, "--dry-run", "--format", "json")
    plan = json.loads(result.stdout)
    assert [(h["item"], h["to"]) for h in plan["handovers"]] == [
        ("ad pacing monitoring", "dash"), ("project reconciliation", "crystal"),
        ("ad-pacing-on-plan", "dash"), ("projects-reconciled", "crystal")]
    assert plan["files"] == ["seats/crystal.yaml", "seats/dash.yaml", "seats/jeff.yaml"]


def test_a_hook_that_rejects_the_commit_is_heard_and_nothing_changes(example_org: Path) -> None:
    hook = example_org / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy: retirements need a ticket id' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = snapshot(example_org)
    result = otp(example_org, *JEFF, "--yes")
    assert result.exit_code == 2
    assert "the pre-commit hook rejected the commit; nothing was changed" in result.stderr
    assert "policy: retirements need a ticket id" in result.stderr
    assert snapshot(example_org) == before


def test_a_commit_msg_hook_may_edit_the_message(example_org: Path) -> None:
    hook = example_org / ".git" / "hooks" / "commit-msg"
    hook.write_text('#!/bin/sh\nprintf "\\nTicket: OPS-1\\n" >> "$1"\n')
    hook.chmod(0o755)
    assert otp(example_org, *JEFF, "--yes").exit_code == 0
    assert git.Repo(example_org).head.commit.message.rstrip().endswith("Ticket: OPS-1")
