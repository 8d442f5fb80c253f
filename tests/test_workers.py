"""Work spread over forked processes comes back whole, in order, and no child outlives it."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from otpcli.errors import OtpError
from otpcli.workers import JOBS_ENV, can_fork, jobs_for, run_split, split

PARENT = os.getpid()

pytestmark = pytest.mark.skipif(not can_fork(), reason="forking is used on Linux only")


def doubled(batch: Sequence[int]) -> list[tuple[int, int]]:
    return [(number * 2, os.getpid()) for number in batch]


@pytest.mark.parametrize("parts", [2, 3, 5])
@pytest.mark.parametrize("count", [2, 3, 17, 1000])
def test_results_come_back_in_input_order_from_several_processes(parts: int, count: int) -> None:
    results = list(run_split(doubled, list(range(count)), parts))
    assert [number for number, _ in results] == [n * 2 for n in range(count)]
    processes = {pid for _, pid in results}
    assert PARENT in processes
    assert len(processes) == min(parts, count)


def test_one_part_runs_here_only() -> None:
    assert {pid for _, pid in run_split(doubled, list(range(50)), 1)} == {PARENT}


def fails_in_a_child(batch: Sequence[int]) -> list[tuple[int, int]]:
    if os.getpid() != PARENT:
        raise ValueError("a child fails")
    return doubled(batch)


def killed_in_a_child(batch: Sequence[int]) -> list[tuple[int, int]]:
    if os.getpid() != PARENT:
        os._exit(9)
    return doubled(batch)


@pytest.mark.parametrize("work", [fails_in_a_child, killed_in_a_child])
def test_a_failed_child_has_its_share_done_here(work: object) -> None:
    results = list(run_split(work, list(range(40)), 3))  # type: ignore[arg-type]
    assert [number for number, _ in results] == [n * 2 for n in range(40)]
    assert {pid for _, pid in results} == {PARENT}


def test_a_child_that_stops_while_sending_has_the_rest_done_here() -> None:
    def work(batch: Sequence[int]) -> list[object]:
        # the child cannot send the function in the middle of its batch, so it fails after
        # sending the items before it; this process makes the same function and goes on
        return [(lambda number=number: number) if number == 35 else (number, os.getpid())
                for number in batch]

    results = list(run_split(work, list(range(40)), 2))
    assert len(results) == 40
    assert callable(results[35]) and results[35]() == 35  # type: ignore[operator]
    numbers = [item for item in results if isinstance(item, tuple)]
    assert [number for number, _ in numbers] == [n for n in range(40) if n != 35]
    by_process = dict(numbers)
    assert {by_process[n] for n in range(20)} == {PARENT}
    assert {by_process[n] for n in range(36, 40)} == {PARENT}  # redone here
    assert PARENT not in {by_process[n] for n in range(20, 35)}  # sent by the child


def test_results_arrive_before_the_work_is_all_done() -> None:
    seen: list[int] = []

    def work(batch: Sequence[int]) -> Iterator[int]:
        for number in batch:
            seen.append(number)
            yield number

    results = run_split(work, list(range(10)), 2)
    assert next(results) == 0
    assert seen == [0]  # this process's own batch is made as it is read
    assert list(results) == list(range(1, 10))


def test_an_interrupted_run_leaves_no_child(tmp_path: Path) -> None:
    # No timed waits: under libfaketime (CI's month-end runs) they may never end.
    def work(batch: Sequence[int]) -> list[int]:
        if os.getpid() != PARENT:
            (tmp_path / str(os.getpid())).touch()
            signal.pause()  # a child still at work when the parent stops
        else:
            while len(list(tmp_path.iterdir())) < 2:
                time.sleep(0.01)
            raise KeyboardInterrupt
        return list(batch)

    with pytest.raises(KeyboardInterrupt):
        list(run_split(work, list(range(30)), 3))
    children = [int(path.name) for path in tmp_path.iterdir()]
    assert len(children) == 2
    for pid in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped: not running, not a zombie


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
        assert {pid for _, pid in run_split(doubled, list(range(50)), 4)} == {PARENT}
    finally:
        release.set()
        thread.join()
    assert can_fork()


def test_split_is_contiguous_and_whole() -> None:
    items = list(range(101))
    for parts in range(1, 8):
        for share in (0.5, 1.0, 1.3):
            batches = split(items, parts, share)
            assert [item for batch in batches for item in batch] == items
            assert all(batches)
            assert len(batches) == parts
    assert len(split(items, 2, 1.0)[0]) == 50
    assert len(split(items, 2, 0.5)[0]) == 25
    assert split([1], 4, 1.0) == [[1]]


def test_jobs_follow_the_size_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_ENV, raising=False)
    assert jobs_for(10, threshold=500) == 1
    assert jobs_for(500, threshold=500) == len(os.sched_getaffinity(0))
    monkeypatch.setenv(JOBS_ENV, "3")
    assert jobs_for(10, threshold=500) == 3
    monkeypatch.setenv(JOBS_ENV, "1")
    assert jobs_for(10_000, threshold=500) == 1
    for wrong in ("0", "two", "-1", "1.5"):
        monkeypatch.setenv(JOBS_ENV, wrong)
        with pytest.raises(OtpError, match=f"{JOBS_ENV}=`{wrong}`"):
            jobs_for(10, threshold=500)


def test_a_wrong_jobs_setting_is_one_line_and_exit_2(example_org: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    monkeypatch.setenv(JOBS_ENV, "lots")
    result = CliRunner().invoke(app, ["--repo", str(example_org), "lint"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "otp: OTP_JOBS=`lots` is not a whole number of processes; set it to 1 or more, or "
        "unset it"]


def _gone(pid: int) -> bool:
    """Ended: no such process, or a zombie nobody has reaped yet."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:  # noqa: PTH123
            return any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return True


def test_children_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    import subprocess
    import sys

    program = f"""
import os, signal, sys, time
from pathlib import Path
from otpcli.workers import run_split
where = Path({str(tmp_path)!r})
parent = os.getpid()
def work(batch):
    if os.getpid() != parent:
        (where / str(os.getpid())).touch()
        signal.pause()
    while len(list(where.iterdir())) < 2:
        time.sleep(0.01)
    print("ready", flush=True)
    signal.pause()
    return list(batch)
list(run_split(work, list(range(30)), 3))
"""
    process = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        children = [int(path.name) for path in tmp_path.iterdir()]
        assert len(children) == 2 and not any(_gone(pid) for pid in children)
        process.kill()  # no clean-up of its own can run
        process.wait()
        for _ in range(500):
            if all(_gone(pid) for pid in children):
                break
            time.sleep(0.01)
        assert all(_gone(pid) for pid in children)
    finally:
        process.kill()
