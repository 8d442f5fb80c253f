from __future__ import annotations

import os
import signal
import threading
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


def test_recovery_waits_for_a_git_that_is_still_moving_the_branch(tmp_path: Path) -> None:
    ref = tmp_path / "refs" / "heads" / "main"
    ref.parent.mkdir(parents=True)
    lock = ref.with_name("main.lock")
    lock.write_text("")
    threading.Timer(0.2, lock.unlink).start()
    plumbing._wait_for_ref_lock(ref, seconds=5)
    assert not lock.exists()
