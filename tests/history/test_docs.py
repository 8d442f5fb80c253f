"""docs/history.md stays true: every change kind documented, and the commands in cli.md."""

from __future__ import annotations

from otpcli.history.diff import KINDS, kinds_markdown

from ..conftest import REPO_ROOT


def test_every_kind_is_documented_as_the_code_says() -> None:
    text = (REPO_ROOT / "docs" / "history.md").read_text()
    assert kinds_markdown() in text
    assert len(KINDS) == kinds_markdown().count("\n| `")


def test_the_commands_are_in_the_cli_reference() -> None:
    text = (REPO_ROOT / "docs" / "cli.md").read_text()
    for heading in ("## `otp diff", "## `otp log", "## `otp chart", "## `otp codeowners",
                    "| `--rev REV` |"):
        assert heading in text
    assert "[docs/history.md](docs/history.md)" in (REPO_ROOT / "README.md").read_text()


def test_the_kind_type_the_documented_list_and_the_labels_agree() -> None:
    from typing import get_args

    from otpcli.history.diff import ChangeKind
    from otpcli.history.render import _LABELS

    assert list(get_args(ChangeKind)) == list(KINDS)
    assert set(_LABELS) == set(KINDS)
