"""A secret pasted into a seat file is reported by lint and printed in full by no command, in
no format (issue 11 section 5). The secrets are synthetic."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.commands.lint import LintFormat

GITHUB = "ghp_" + "Zq8" * 12  # 40 characters
DATABASE = "hunter2-Sw0rdfish"  # the password in a URL
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYXNoLWJvdCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
HUGGING = "hf_" + "pQ7r" * 9
SECRETS = (GITHUB, DATABASE, JWT, HUGGING)


@pytest.fixture
def leaky_org(example_org: Path) -> Path:
    seat = example_org / "seats" / "dash.yaml"
    text = seat.read_text()
    text = text.replace("title: Ad Analytics Lead", f"title: Ad Analytics Lead {HUGGING}")
    text = text.replace("tools: [", f'tools: ["GitHub {GITHUB}", '
                                       f'"postgres://dash:{DATABASE}@db:5432/ads", ', 1)
    text = text.replace("  - ad spend anomaly detection",
                        f"  - ad spend anomaly detection\n  - \"call the API with {JWT}\"", 1)
    assert text.count(GITHUB) == 1 and HUGGING in text and JWT in text
    seat.write_text(text)
    repo = git.Repo(example_org)
    repo.git.add("-A")
    repo.index.commit("Paste credentials where they do not belong")
    return example_org


COMMANDS = [
    *(["lint", "--format", fmt] for fmt in LintFormat.__args__),  # type: ignore[attr-defined]
    ["seats"], ["seats", "--format", "json"], ["show", "dash"],
    ["show", "dash", "--format", "json"],
    *(["scorecard", "--format", fmt] for fmt in ("table", "json", "csv", "markdown", "html")),
    ["check", "--format", "json"], ["review", "--format", "markdown", "--since", "HEAD~1"],
    ["review", "--format", "json", "--since", "HEAD~1"],
    ["review", "--format", "html", "--since", "HEAD~1"],
    *(["chart", "--format", fmt] for fmt in ("tree", "mermaid", "dot", "json")),
    ["diff", "HEAD~1", "HEAD"], ["diff", "HEAD~1", "HEAD", "--format", "markdown"],
    ["diff", "HEAD~1", "HEAD", "--format", "json"], ["log", "dash"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
def test_no_output_prints_a_secret(leaky_org: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--repo", str(leaky_org), *args],
                                env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1), result.output
    for secret in SECRETS:
        assert secret not in result.output, (args, secret)


def test_lint_reports_each_secret_masked(leaky_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(leaky_org), "lint", "--select", "OTP205",
                                      "--format", "concise"])
    assert result.exit_code == 1
    assert "GitHub token in an org file (ghp_…(40 characters))" in result.stdout
    assert "password in a URL" in result.stdout and "JSON Web Token" in result.stdout
    assert "Hugging Face token" in result.stdout
