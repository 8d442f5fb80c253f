"""Every shell block in README.md and docs/*.md runs verbatim against a fresh Sneeze It
example (`otp init --example sneeze-it`, a real git repository) and exits as documented, as
sqlite-utils tests its documentation.

A block is a fenced ``sh``, ``bash`` or ``console`` block (in a ``console`` block the lines
after ``$ `` are the commands, the rest is output). It runs with ``bash -e`` in the org's
directory with this checkout's ``otp`` first on the PATH and must exit 0, unless its first
line says otherwise, visibly to readers too:

- ``# (exits N: why)``: the block must exit N;
- ``# (not run by the docs test: why)``: installs software or only runs in CI (keep these few).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

FENCE = re.compile(r"^```(sh|bash|console)[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
NOT_RUN = re.compile(r"^# \(not run by the docs test: (.+)\)$")
EXITS = re.compile(r"^# \(exits (\d+): (.+)\)$")
DOCUMENTS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]


def shell_blocks(text: str) -> list[tuple[int, str]]:
    """Each shell block of a Markdown text: its first line's number and its commands."""
    blocks = []
    for found in FENCE.finditer(text):
        body = found.group(2)
        if found.group(1) == "console":
            body = "".join(line[2:] + "\n" for line in body.splitlines()
                           if line.startswith("$ "))
        blocks.append((text.count("\n", 0, found.start()) + 2, body))
    return blocks


BLOCKS = [(path, line, body) for path in DOCUMENTS
          for line, body in shell_blocks(path.read_text(encoding="utf-8"))]


def test_the_block_finder_sees_every_kind_of_block() -> None:
    text = ("x\n```sh\notp seats\n```\n```bash\nls\n```\n```console\n$ otp lint\noutput\n```\n"
            "```yaml\nrun: otp lint\n```\n")
    assert shell_blocks(text) == [(3, "otp seats\n"), (6, "ls\n"), (9, "otp lint\n")]


def test_blocks_not_run_are_few_and_say_why() -> None:
    skipped = [(path.name, line, body.splitlines()[0]) for path, line, body in BLOCKS
               if NOT_RUN.match(body.splitlines()[0])]
    assert len(skipped) <= 4, skipped
    assert len(BLOCKS) - len(skipped) >= 10


@pytest.mark.parametrize(("path", "line", "body"),
                         [block for block in BLOCKS
                          if not NOT_RUN.match(block[2].splitlines()[0])],
                         ids=[f"{path.name}:{line}" for path, line, body in BLOCKS
                              if not NOT_RUN.match(body.splitlines()[0])])
def test_the_block_runs_verbatim_on_a_fresh_example(path: Path, line: int, body: str,
                                                    tmp_path: Path) -> None:
    bin_directory = str(Path(sys.executable).parent)
    environment = {**os.environ, "PATH": bin_directory + os.pathsep + os.environ["PATH"],
                   "COLUMNS": "100"}
    org = tmp_path / "sneeze-it"
    subprocess.run(["otp", "init", "--example", "sneeze-it", str(org)], env=environment,
                   check=True, capture_output=True)
    expected = EXITS.match(body.splitlines()[0])
    run = subprocess.run(["bash", "-e", "-c", body], cwd=org, env=environment, text=True,
                         capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                         check=False)
    wanted = int(expected.group(1)) if expected else 0
    assert run.returncode == wanted, (
        f"{path.name}:{line} exited {run.returncode}, documented {wanted}\n"
        f"{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
