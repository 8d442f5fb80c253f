from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from otpcli.lint.engine import Finding, LintOptions, run_lint

ROOT_SEAT = """\
title: Founder
holder: {name: Ada, kind: human}
capabilities: [company strategy]
outcomes:
  - id: revenue
    statement: Book at least $100,000 of revenue every month
    metric: {name: Recognised revenue, unit: USD}
    range: {min: 100000}
    timeframe: {cadence: monthly}
    exceptions:
      - when: out_of_range
        escalate: [{to: ada}]
"""

OUTCOME = """\
  - id: {id}
    statement: Keep refund time under 3 days every week
    metric: {{name: Median refund time, unit: days, aggregate: mean}}
    range: {{max: 3}}
    timeframe: {{cadence: weekly}}
    exceptions:
      - when: out_of_range
        escalate: [{{to: ada}}]
"""

Lint = Callable[..., list[Finding]]


def seat(body: str, outcome_id: str | None = "refunds") -> str:
    """A valid agent seat under ada; ``body`` is added (dedented) before its outcomes."""
    text = ("title: Refunds Agent\nholder: {name: Bot, kind: agent}\nreports_to: ada\n"
            "accountable: ada\nautonomy: 2\n" + textwrap.dedent(body))
    if outcome_id is not None:
        text += "outcomes:\n" + OUTCOME.format(id=outcome_id)
    return text


@pytest.fixture
def lint_org(tmp_path: Path) -> Lint:
    """Write an org (a valid root seat `ada` plus ``seats``) and lint it."""

    def run(
        seats: dict[str, str] | None = None,
        config: str = "",
        files: dict[str, str] | None = None,
        today: date = date(2026, 11, 21),
        code: str | None = None,
        **options: object,
    ) -> list[Finding]:
        root = tmp_path / "org"
        (root / "seats").mkdir(parents=True, exist_ok=True)
        (root / "otp.yaml").write_text("name: Test\ntimezone: UTC\n" + config)
        (root / "seats" / "ada.yaml").write_text(ROOT_SEAT)
        for name, text in (seats or {}).items():
            (root / "seats" / f"{name}.yaml").write_text(text)
        for name, text in (files or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        report = run_lint(root, LintOptions(today=today, **options))  # type: ignore[arg-type]
        return [f for f in report.findings if code is None or f.code == code]

    return run


def at(finding: Finding) -> tuple[str, int, int]:
    return (finding.file, finding.line, finding.column)
