"""The benchmark's org generator must produce a valid org with the findings it promises."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from otpcli.lint.engine import run_lint
from otpcli.org.load import load_org

from .conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from generate_org import generate


def test_generated_org_loads_and_has_a_sprinkling_of_findings(tmp_path: Path) -> None:
    generate(tmp_path / "org", seats=120, weeks=3)
    loaded = load_org(tmp_path / "org")
    assert loaded.problems == []
    assert len(loaded.org.seats) == 120
    assert len(loaded.org.outcomes) >= 360
    codes = Counter(f.code for f in run_lint(tmp_path / "org").findings)
    assert codes["OTP100"] >= 1 and codes["OTP102"] >= 1 and codes["OTP106"] >= 1
    assert "OTP002" not in codes and "OTP004" not in codes and "OTP005" not in codes
    assert len(list((tmp_path / "org" / "measurements").glob("*.csv"))) == 360


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", seats=20, weeks=2)
    generate(tmp_path / "b", seats=20, weeks=2)
    for path in sorted((tmp_path / "a").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")
                                         ).read_bytes()
