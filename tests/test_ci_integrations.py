from __future__ import annotations

import re
from pathlib import Path

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


def test_the_action_warns_when_findings_exceed_the_annotation_limit(tmp_path: Path) -> None:
    """The lint step's own script, run against an org with more warnings than GitHub shows."""
    import os
    import subprocess
    import sys

    action = YAML(typ="safe").load(REPO_ROOT / "action.yml")
    [step] = [step for step in action["runs"]["steps"] if step.get("name") == "otp lint"]
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "otp.yaml").write_text("name: T\ntimezone: UTC\n")
    (root / "seats" / "ada.yaml").write_text("title: Founder\nholder: {name: Ada, kind: human}\n"
                                             "capabilities: [strategy]\noutcomes:\n" + "".join(
        f"  - Improve thing {n}\n" for n in range(12)))
    path = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    env = {**os.environ, "OTP_REPO": str(root), "OTP_ARGS": "", "SARIF_FILE": "otp.sarif",
           "RUNNER_TEMP": str(tmp_path), "PATH": path}
    result = subprocess.run(["bash", "-c", step["run"]], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12
    warnings = sum(line.startswith("::warning ") for line in lines[:-1])
    assert lines[-1].startswith(f"::warning title=otp lint::12 errors and {warnings} warnings; "
                                "GitHub shows at most 10 of each per step")
    assert "every finding is in the SARIF upload" in lines[-1]
