from __future__ import annotations

from pathlib import Path

import pytest

from .hand import make_hand_org


@pytest.fixture
def hand_org(tmp_path: Path) -> Path:
    """The hand org of hand.py, committed once in git."""
    return make_hand_org(tmp_path / "hand")
