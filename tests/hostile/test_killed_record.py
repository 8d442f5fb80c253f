"""`otp record --commit`, `otp import --commit` and `otp ack --commit`: a row is committed or
not written, even when the process is killed at any step (issue 11 section 4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

STEPS = ("journal", "tree", "hooks", "commit", "ref", "work tree")
DRIVER = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
import otpcli.git as plumbing
step, how = sys.argv[1], getattr(signal, sys.argv[2])
original = plumbing.commit_files
def commit_files(*args, **kwargs):
    def checkpoint(name):
        if name == step:
            os.kill(os.getpid(), how)
    return original(*args, **{**kwargs, "checkpoint": checkpoint})
plumbing.commit_files = commit_files
sys.argv = ["otp", *sys.argv[3:]]
from otpcli.entry import main
main()
"""
ROW = "2026-11-20T09:00:00-05:00,41.5,tally,"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("killed-record") / "sneeze-it"
    result = CliRunner().invoke(app, ["init", str(root), "--example", "sneeze-it"])
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("command", ["record", "import", "ack"])
def test_a_row_is_committed_or_not_written(template: Path, tmp_path: Path, step: str,
                                           how: str, command: str) -> None:
    root = tmp_path / "org"
    shutil.copytree(template, root, symlinks=True)
    path = root / "measurements" / "gross-margin.csv"
    row = ROW
    if command == "ack":  # the first acknowledgement of this outcome: a new file
        path = root / "acknowledgements" / "spend-variance-before-call.csv"
        row = "bogdan,out_of_range,"
    before_file = path.read_bytes() if path.exists() else None
    before_head = git.Repo(root).head.commit.hexsha
    if command == "ack":
        args = ["ack", "spend-variance-before-call", "--by", "bogdan", "--commit"]
    elif command == "record":
        args = ["record", "gross-margin", "41.5%", "--at", "2026-11-20T09:00", "--source",
                "tally", "--commit"]
    else:
        rows = tmp_path / "rows.csv"
        rows.write_text("outcome,at,value,source\ngross-margin,2026-11-20T09:00,41.5,tally\n")
        args = ["import", str(rows), "--commit"]
    run = subprocess.run([sys.executable, "-c", DRIVER, step, how, "--repo", str(root), *args],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert run.returncode != 0 and "Traceback" not in run.stderr
    following = subprocess.run([sys.executable, "-m", "otpcli", "--repo", str(root), "seats"],
                               capture_output=True, text=True, timeout=60)
    assert following.returncode == 0 and "Traceback" not in following.stderr
    repo = git.Repo(root)
    assert [p.name for p in (root / ".git").iterdir() if p.name.startswith("otp-")] == []
    if step == "work tree":  # the branch had moved: the row is committed and written
        assert path.read_text().splitlines()[-1].endswith(row)
        assert repo.head.commit.parents[0].hexsha == before_head
        assert repo.git.status("--porcelain") == ""
    else:
        assert (path.read_bytes() if path.exists() else None) == before_file
        assert repo.head.commit.hexsha == before_head
