from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from otpcli import git as plumbing


def test_ctrl_c_waits_until_the_branch_has_moved_or_not() -> None:
    """SIGINT during `git update-ref` is delivered after it, never in the middle: raised in
    the middle, git would move the branch after otp had dropped the journal as uncommitted."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    steps: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with plumbing._signals_held():
                os.kill(os.getpid(), signal.SIGINT)
                steps.append("the branch moved")  # still runs: the signal waits
            steps.append("after the block")  # never runs: the signal arrives here
    finally:
        signal.signal(signal.SIGINT, previous)
    assert steps == ["the branch moved"]


def test_recovery_waits_for_a_git_that_is_still_moving_the_branch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = tmp_path / "refs" / "heads" / "main"
    ref.parent.mkdir(parents=True)
    lock = ref.with_name("main.lock")
    lock.write_text("")
    naps: list[float] = []

    def git_finishes_during_a_nap(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 3:
            lock.unlink()

    monkeypatch.setattr(time, "sleep", git_finishes_during_a_nap)
    plumbing._wait_for_ref_lock(ref, seconds=5)
    assert len(naps) == 3 and not lock.exists()


def test_a_lock_a_crashed_git_left_is_waited_for_only_so_long(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / "main.lock"
    lock.write_text("")
    naps: list[float] = []
    monkeypatch.setattr(time, "sleep", naps.append)
    plumbing._wait_for_ref_lock(tmp_path / "main", seconds=1)
    assert lock.exists() and sum(naps) == pytest.approx(1.0)
