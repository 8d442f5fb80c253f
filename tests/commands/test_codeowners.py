"""``otp codeowners``: each seat owned by who answers for it, checked against GitHub's
CODEOWNERS syntax; --check for CI; lines outside otp's block kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import git
from typer.testing import CliRunner

from otpcli.cli import app

from ..history.codeowners_syntax import check_codeowners, owners_of
from ..history.repo import commit, edit, write

REASON = "Both capabilities absorbed after the Q4 agent review"


def otp(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--repo", str(root), *args], env={"COLUMNS": "120"})


def written(root: Path, top: Path | None = None) -> str:
    result = otp(root, "codeowners")
    assert result.exit_code == 0, result.output
    return ((top or root) / ".github" / "CODEOWNERS").read_text()


def test_each_seat_is_owned_by_who_answers_for_it(example_org: Path) -> None:
    text = written(example_org)
    assert check_codeowners(text) == []
    owners = owners_of(text)
    assert owners == {
        "/otp.yaml": ["@david-s"], "/.github/CODEOWNERS": ["@david-s"],
        "/seats/david.yaml": ["@david-s"],  # the root seat owns its own file
        "/seats/bogdan.yaml": ["@david-s"], "/seats/janine.yaml": ["@bogdan-k"],
        "/seats/kristen.yaml": ["@bogdan-k"],  # humans: the nearest human above
        "/seats/tally.yaml": ["@janine-r"],  # agents: their accountable human
        "/seats/nick.yaml": ["@david-s"],  # reports to an agent, accountable to David
        "/seats/pepper.yaml": ["@david-s"], "/seats/radar.yaml": ["@david-s"],
        "/seats/dirk.yaml": ["@david-s"], "/seats/arin.yaml": ["@bogdan-k"],
        "/seats/crystal.yaml": ["@bogdan-k"], "/seats/dash.yaml": ["@bogdan-k"],
        "/seats/jeff.yaml": ["@bogdan-k"], "/seats/pulse.yaml": ["@bogdan-k"]}
    for pattern in owners:  # every pattern names a file that exists
        assert (example_org / pattern.lstrip("/")).exists() or pattern == "/.github/CODEOWNERS"


def test_check_fails_when_the_file_is_out_of_date(example_org: Path) -> None:
    result = otp(example_org, "codeowners", "--check")
    assert result.exit_code == 1
    assert result.stderr == ("otp: .github/CODEOWNERS is out of date; run `otp codeowners` "
                             "and commit it\n")
    assert not (example_org / ".github").exists()
    written(example_org)
    commit(example_org, "CODEOWNERS")
    assert otp(example_org, "codeowners", "--check").exit_code == 0
    edit(example_org, "seats/tally.yaml", "accountable: janine", "accountable: bogdan")
    assert otp(example_org, "codeowners", "--check").exit_code == 1
    assert owners_of(written(example_org))["/seats/tally.yaml"] == ["@bogdan-k"]


def test_without_a_handle_ownership_goes_up_the_line(example_org: Path) -> None:
    edit(example_org, "seats/bogdan.yaml", "  github: bogdan-k\n", "")
    owners = owners_of(written(example_org))
    assert owners["/seats/dash.yaml"] == ["@david-s"]  # Bogdan answers for Dash, David above
    assert owners["/seats/kristen.yaml"] == ["@david-s"]
    assert owners["/seats/tally.yaml"] == ["@janine-r"]
    lint = otp(example_org, "lint", "--select", "OTP207", "--format", "json")
    [finding] = json.loads(lint.stdout)["findings"]
    assert (finding["file"], finding["code"]) == ("seats/bogdan.yaml", "OTP207")


def test_a_retired_seat_keeps_an_owner(example_org: Path) -> None:
    assert otp(example_org, "retire", "jeff", "--to", "dash,crystal", "--reason", REASON,
               "--reviewer", "bogdan", "--yes").exit_code == 0
    assert owners_of(written(example_org))["/seats/jeff.yaml"] == ["@bogdan-k"]


def test_an_org_without_handles_warns_and_owns_nothing(minimal_org: Path) -> None:
    result = otp(minimal_org, "codeowners")
    assert result.exit_code == 0
    assert "warning: 3 files have no owner (/otp.yaml, /.github/CODEOWNERS, /seats/ada.yaml)" \
        in result.stderr
    text = (minimal_org / ".github" / "CODEOWNERS").read_text()
    assert check_codeowners(text) == [] and owners_of(text) == {}


def test_lines_outside_otps_block_are_kept_and_the_block_comes_last(tmp_path: Path,
                                                                    example_org: Path) -> None:
    top = tmp_path / "company"
    git.Repo.init(top, initial_branch="main")
    org = top / "ops"
    example_org.rename(org)
    shutil.rmtree(org / ".git")  # the org is now a directory of the company's repository
    write(top, ".github/CODEOWNERS", "# the company's owners\n*       @company/eng\n"
          "/docs/  @docs-team-lead\n")
    text = written(org, top)
    assert text.startswith("# the company's owners\n*       @company/eng\n/docs/  "
                           "@docs-team-lead\n\n# BEGIN otp codeowners")
    assert check_codeowners(text) == []
    assert owners_of(text)["/ops/seats/tally.yaml"] == ["@janine-r"]
    assert owners_of(text)["/ops/otp.yaml"] == ["@david-s"]
    assert written(org, top) == text  # idempotent
    assert otp(org, "codeowners", "--check").exit_code == 0


def test_print_instead_of_writing_and_json(example_org: Path) -> None:
    result = otp(example_org, "codeowners", "--output", "-")
    assert result.exit_code == 0
    assert check_codeowners(result.stdout) == []
    assert "/seats/tally.yaml   @janine-r" in result.stdout
    assert not (example_org / ".github").exists()
    data = json.loads(otp(example_org, "codeowners", "--check", "--format", "json").stdout)
    assert data["file"] == ".github/CODEOWNERS" and data["up_to_date"] is False
    [tally] = [entry for entry in data["owners"] if entry["seat"] == "tally"]
    assert tally == {"path": "seats/tally.yaml", "seat": "tally", "owner": "janine",
                     "handle": "janine-r", "reason": "accountable human"}


def test_the_syntax_checker_catches_what_github_would_skip() -> None:
    assert check_codeowners("/a @ok\n/b user@example.com\n/c @org/team\n") == []
    assert check_codeowners("/a\n")
    assert check_codeowners("/a ok\n")
    assert check_codeowners("!/a @ok\n")
    assert check_codeowners("/[ab] @ok\n")
    assert check_codeowners("/a @-bad\n")
    assert check_codeowners("/a @ok\n/a @ok\n")
