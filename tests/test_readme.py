from __future__ import annotations

import re

from .conftest import REPO_ROOT


def _readme_commands() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    # the first line says the docs test does not run it (tests/test_docs_commands.py)
    return [block.split("\n", 1)[1].strip() if block.startswith("# (") else block.strip()
            for block in blocks]


def test_readme_has_exactly_two_commands_and_ci_runs_both_verbatim() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    ci_lines = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci_lines
