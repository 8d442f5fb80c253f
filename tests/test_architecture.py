"""The layering declared in pyproject.toml holds, and lint-imports would catch a breach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, python_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_the_layers_are_kept() -> None:
    result = _lint_imports(REPO_ROOT, REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_lower_layer_importing_a_higher_one_is_caught(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "otpcli", tmp_path / "otpcli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "otpcli" / "org" / "model.py"
    model.write_text(model.read_text() + "\nfrom otpcli.scorecard import build  # noqa\n")
    result = _lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1
    assert "otpcli.org.model -> otpcli.scorecard.build" in result.stdout
