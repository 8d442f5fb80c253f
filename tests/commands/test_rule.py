from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.lint.rules import RULES
from otpcli.lint.rules.base import SECTIONS

from ..conftest import REPO_ROOT


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_is_documented_in_all_four_sections(rule: type) -> None:
    assert re.fullmatch(r"OTP\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.severity in ("error", "warning")
    assert rule.summary().endswith(".")
    for section in SECTIONS:
        assert rule.section(section), f"{rule.code} lacks '## {section}'"


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_rule_prints_its_documentation() -> None:
    result = CliRunner().invoke(app, ["rule", "OTP102"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    for text in ("OTP102 outcome-missing-range", "What it does", "Why is this bad?", "Example",
                 "Use instead"):
        assert text in result.stdout
    assert CliRunner().invoke(app, ["rule", "vague-wording"]).exit_code == 0


def test_rule_all_json() -> None:
    result = CliRunner().invoke(app, ["rule", "--all", "--format", "json"])
    rules = json.loads(result.stdout)
    assert [r["code"] for r in rules] == [rule.code for rule in RULES]
    assert all(r["why"] and r["use_instead"] for r in rules)


def test_unknown_rule_and_bad_arguments_exit_2() -> None:
    assert CliRunner().invoke(app, ["rule", "OTP999"]).exit_code == 2
    assert CliRunner().invoke(app, ["rule"]).exit_code == 2
    assert CliRunner().invoke(app, ["rule", "OTP101", "--all"]).exit_code == 2


def test_docs_rules_md_matches_the_docstrings() -> None:
    result = CliRunner().invoke(app, ["rule", "--all", "--format", "markdown"])
    committed = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == result.stdout, "docs/rules.md is stale: regenerate it with otp rule"
