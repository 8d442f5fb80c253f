"""The action's diff comment: the step's own script run with bash on a real repository,
posting on the first push and updating the same comment on the next, with a stand-in for
`gh` that records what it was asked (the forge itself is not reachable from tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
from ruamel.yaml import YAML

from otpcli.history.render import COMMENT_MARKER

from ..conftest import REPO_ROOT
from .repo import commit, edit

FAKE_GH = """#!/usr/bin/env bash
# Records each call; answers the comment listing with $FAKE_EXISTING (gh applies --jq itself).
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.body" ;; esac
done
if [ "$2" = "--paginate" ]; then [ -n "${FAKE_EXISTING:-}" ] && echo "$FAKE_EXISTING"; fi
exit 0
"""


def _step() -> dict[str, object]:
    action = YAML(typ="safe").load(REPO_ROOT / "action.yml")
    [step] = [s for s in action["runs"]["steps"] if s.get("name") == "otp diff comment"]
    assert "diff-comment" in action["inputs"] and action["inputs"]["diff-comment"]["default"] \
        == "false"
    assert step["if"] == "inputs.diff-comment == 'true' && github.event.pull_request.number"
    return dict(step)


def _run(script: str, org: Path, tmp: Path, base: str, head: str, existing: str = "") -> str:
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    otp_dir = Path(sys.executable).parent
    assert (otp_dir / "otp").exists(), "otp is not installed next to this Python"
    log = tmp / "gh.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{bin_dir}:{otp_dir}:{os.environ['PATH']}",
           "OTP_REPO": str(org), "BASE_SHA": base, "HEAD_SHA": head, "PULL_REQUEST": "7",
           "REPOSITORY": "acme/org", "RUNNER_TEMP": str(tmp), "GH_LOG": str(log),
           "FAKE_EXISTING": existing}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            env=env, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "::warning::" not in result.stdout
    return log.read_text()


def test_posts_then_updates_the_same_comment(example_org: Path, tmp_path: Path) -> None:
    step = _step()
    script = str(step["run"])
    env = step["env"]
    assert isinstance(env, dict) and env["GH_TOKEN"] == "${{ inputs.github-token }}"
    assert COMMENT_MARKER in script  # the marker otp writes is the one the script looks for
    repo = git.Repo(example_org)
    base = repo.head.commit.hexsha
    repo.git.checkout("-q", "-b", "pr")
    edit(example_org, "seats/jeff.yaml", "range: {min: 90, max: 100}", "range: {min: 80}")
    head = commit(example_org, "Loosen ad pacing")

    calls = _run(script, example_org, tmp_path, base, head)
    assert calls.splitlines()[0].startswith("api --paginate repos/acme/org/issues/7/comments")
    assert calls.splitlines()[1].startswith("api --method POST repos/acme/org/issues/7/comments")
    body = (tmp_path / "gh.log.body").read_text()
    assert body.startswith(COMMENT_MARKER + "\n### otp diff: 2 changes to 1 seat, 2 need")

    calls = _run(script, example_org, tmp_path, base, head, existing="4242")
    assert calls.splitlines()[1].startswith(
        "api --method PATCH repos/acme/org/issues/comments/4242 -F body=@")
    assert len(calls.splitlines()) == 2  # updated, not duplicated


def test_a_failed_diff_warns_and_posts_nothing(example_org: Path, tmp_path: Path) -> None:
    script = str(_step()["run"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{Path(sys.executable).parent}:{os.environ['PATH']}",
           "OTP_REPO": str(example_org), "BASE_SHA": "not-a-revision", "HEAD_SHA": "HEAD",
           "PULL_REQUEST": "7", "REPOSITORY": "acme/org", "RUNNER_TEMP": str(tmp_path),
           "GH_LOG": str(tmp_path / "gh.log")}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            env=env, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0
    assert "::warning::otp diff failed, so no comment was posted" in result.stdout
    assert not (tmp_path / "gh.log").exists()
