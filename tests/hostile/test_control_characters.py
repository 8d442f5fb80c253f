"""Org text cannot drive the terminal that shows it, or break the XML and JSON it ends up in
(issue 11 section 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.commands.lint import LintFormat

RAW = ("\x1b", "\x07", "\x9b", "\x00", "\x08")


@pytest.fixture
def hostile_org(example_org: Path) -> Path:
    seat = example_org / "seats" / "dash.yaml"
    text = seat.read_text()
    text = text.replace("title: Ad Analytics Lead",
                        'title: "Ad Analytics Lead\\e]0;pwned\\a\\e[2J\\x9b\\b"', 1)
    text = text.replace("  - ad spend anomaly detection",
                        '  - "ad spend\\u0000 anomaly detection\\e[31m"', 1)
    seat.write_text(text)
    (example_org / "seats" / "bad\x1b[2Jname.yaml").write_text("title: x\n")
    # a name that is not UTF-8
    Path(os.fsdecode(os.fsencode(example_org / "seats") + b"/caf\xe9.yaml")).write_bytes(
        b"title: y\n")
    (example_org / "measurements" / "note\x07.csv").write_text("at,value,source,note\n")
    return example_org


def _remove_odd_names(root: Path) -> None:
    for path in (root / "seats").iterdir():
        if not path.name.isascii() or "\x1b" in path.name:
            path.unlink()


COMMANDS = [
    *(["lint", "--format", fmt] for fmt in LintFormat.__args__),  # type: ignore[attr-defined]
    ["seats"], ["seats", "--format", "json"], ["show", "dash"],
    ["show", "dash", "--format", "json"],
    *(["scorecard", "--format", fmt] for fmt in ("table", "json", "csv", "markdown", "html")),
    ["chart"], ["chart", "--format", "mermaid"], ["chart", "--format", "dot"],
    ["review", "--format", "markdown"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
def test_no_output_carries_a_control_character(hostile_org: Path, args: list[str]) -> None:
    lint = args[0] == "lint"
    if not lint:  # the odd file names stop the org from loading; lint reports them
        _remove_odd_names(hostile_org)
    result = CliRunner().invoke(app, ["--repo", str(hostile_org), *args],
                                env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1), result.output
    for character in RAW:
        assert character not in result.output, (args, repr(character))
    assert "Traceback" not in result.output
    if "json" in args or "sarif" in args:
        json.loads(result.stdout)
    if "junit" in args:
        ElementTree.fromstring(result.stdout)  # well-formed XML 1.0
    if lint and args[-1] in ("concise", "full"):
        assert "bad\\x1b[2Jname.yaml" in result.stdout
        assert "caf\\xe9.yaml" in result.stdout


def test_the_title_is_shown_escaped(hostile_org: Path) -> None:
    _remove_odd_names(hostile_org)
    result = CliRunner().invoke(app, ["--repo", str(hostile_org), "show", "dash"])
    assert "Ad Analytics Lead\\x1b]0;pwned\\x07\\x1b[2J\\x9b\\x08" in result.stdout
