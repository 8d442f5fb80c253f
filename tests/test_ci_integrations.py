from __future__ import annotations

import re

from ruamel.yaml import YAML

from .conftest import REPO_ROOT


def test_pre_commit_hook_runs_otp_lint_on_org_files_only() -> None:
    [hook] = YAML(typ="safe").load(REPO_ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "otp-lint"
    assert hook["entry"] == "otp lint"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("otp.yaml", "seats/jeff.yaml", "org/seats/jeff.yaml", "measurements/a.csv"):
        assert files.search(path), path
    for path in ("README.md", "seats/notes/x.txt", "src/otp.yaml.bak", ".github/ci.yaml"):
        assert not files.search(path), path


def test_action_annotates_and_can_upload_sarif() -> None:
    action = YAML(typ="safe").load(REPO_ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    runs = " ".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "otp lint --format github" in runs
    assert "--format sarif" in runs
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(use.startswith("github/codeql-action/upload-sarif") for use in uses)
    assert {"repo", "args", "sarif-file"} <= set(action["inputs"])
