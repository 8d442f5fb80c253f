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


def _ci_md_yaml_blocks() -> list[str]:
    text = (REPO_ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)


def test_ci_md_installs_from_git_and_pins_the_released_tag() -> None:
    from otpcli import __version__

    text = "\n".join(_ci_md_yaml_blocks())
    installs = re.findall(r"pip install (\S+)", text)
    assert installs and all(target.strip("\"'").startswith(("git+https://", "./", "."))
                            for target in installs), installs
    tags = re.findall(r"/otp@(v[0-9.]+)", text) + re.findall(r"rev: (\S+)", text)
    assert tags and set(tags) == {f"v{__version__}"}
    assert __version__ == "0.3.0"


def test_ci_md_changed_since_step_works_on_push_and_pull_request(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    [step] = [block for block in _ci_md_yaml_blocks() if "--changed-since" in block
              and "github.event.before" in block]
    script = step.split("run: |\n", 1)[1]
    script = "\n".join(line[10:] for line in script.splitlines())
    environment = {**os.environ,
                   "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    org = tmp_path / "org"
    subprocess.run(["otp", "init", "--example", "sneeze-it", str(org)], env=environment,
                   check=True, capture_output=True)
    first = subprocess.run(["git", "rev-parse", "HEAD"], cwd=org, capture_output=True,
                           text=True, check=True).stdout.strip()
    (org / "seats" / "jeff.yaml").write_text(
        (org / "seats" / "jeff.yaml").read_text() + "\n# touched\n")
    subprocess.run(["git", "commit", "-qam", "touch jeff"], cwd=org, env=environment, check=True)

    def step_run(base: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-x", "-c", script], cwd=org, text=True,
                              env={**environment, "BASE": base}, capture_output=True,
                              check=False)

    push = step_run(first)  # a push: the commit before it
    assert push.returncode in (0, 1) and f"otp lint --changed-since {first}" in push.stderr
    new_branch = step_run("0" * 40)  # a new branch's "before": lint everything
    assert new_branch.returncode in (0, 1) and "+ otp lint\n" in new_branch.stderr
    bad = step_run("no-such-ref")
    assert bad.returncode == 2
