"""Spread independent work over the machine's cores, with results in input order.

Reading a large org is independent per file, so its files are split into
contiguous batches: this process works on the first while forked children work
on the others, and each child sends its results back pickled through a pipe of
its own. Results come back in input order, so output never depends on which
core was faster. Forking (not spawning) means a child starts with everything
already imported, in milliseconds; it is used only on Linux and only while this
process runs no other thread (forking a threaded process can copy a lock held
by another thread). A child that fails for any reason has its batch redone here,
so an error is reported exactly as a single-process run would report it; an
interrupted run kills and reaps its children, and the kernel ends the children
of a parent that was killed outright.

``OTP_JOBS`` sets the number of processes (1 turns this off); by default a
small org is read in one process (forking costs more than it saves there) and a
large one on every core otp may use.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar

from otpcli.errors import OtpError

JOBS_ENV = "OTP_JOBS"

Item = TypeVar("Item")
Result = TypeVar("Result")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container limits it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def jobs_for(items: int, threshold: int) -> int:
    """How many processes to share ``items`` among: ``OTP_JOBS`` if set, else one below
    ``threshold`` items and every usable core from there."""
    configured = os.environ.get(JOBS_ENV, "").strip()
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise OtpError(f"{JOBS_ENV}=`{configured}` is not a whole number of processes; "
                           "set it to 1 or more, or unset it")
        return int(configured)
    return usable_cores() if items >= threshold else 1


def can_fork() -> bool:
    import threading  # here, like pickle and signal: off every command's start-up path

    return sys.platform == "linux" and threading.active_count() == 1


def split(items: Sequence[Item], parts: int, first_share: float) -> list[Sequence[Item]]:
    """``items`` in ``parts`` contiguous batches; the first gets ``first_share`` of an even
    share (this process also has to read the children's results)."""
    parts = max(1, min(parts, len(items)))
    if parts == 1:
        return [items]
    even = len(items) / parts
    first = max(1, round(even * first_share))
    rest = len(items) - first
    bounds = [0, first, *(first + round(rest * k / (parts - 1)) for k in range(1, parts))]
    return [items[start:end] for start, end in itertools.pairwise(bounds)]


def run_split(work: Callable[[Sequence[Item]], Iterable[Result]], items: Sequence[Item],
              parts: int, first_share: float = 1.0) -> Iterator[Result]:
    """``work`` on contiguous batches of ``items`` in ``parts`` processes; its results in
    input order, each as soon as it is there. With one part (or where forking is unsafe)
    it is ``work(items)``.

    A child sends each result pickled on its own, and this process reads them one by one,
    so nothing holds the whole payload, nor all of a batch's results at once."""
    if parts <= 1 or len(items) < 2:
        return iter(work(items))
    return run_batches(work, split(items, parts, first_share))


def run_batches(work: Callable[[Sequence[Item]], Iterable[Result]],
                batches: Sequence[Sequence[Item]]) -> Iterator[Result]:
    """``work`` on each batch, the first here and each other one in a forked child; the
    results in batch order. Where forking is unsafe every batch is done here."""
    if len(batches) < 2 or not can_fork():
        return (result for batch in batches for result in work(batch))
    return _forked(work, batches)


def _forked(work: Callable[[Sequence[Item]], Iterable[Result]],
            batches: Sequence[Sequence[Item]]) -> Iterator[Result]:
    import pickle  # noqa: F401 - loaded before forking, so no child loads it again

    children: list[tuple[int, int, Sequence[Item]]] = []
    parent = os.getpid()
    try:
        for batch in batches[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child (coverage does not follow)
                _child(work, batch, write_end, [read_end, *(fd for _, fd, _ in children)],
                       parent)
            os.close(write_end)
            children.append((pid, read_end, batch))
        yield from work(batches[0])
        while children:
            pid, read_end, batch = children[0]
            sent, ended = 0, [False]
            with os.fdopen(read_end, "rb", closefd=False) as pipe:
                for result in _received(pipe, ended):
                    sent += 1
                    yield result
            complete = ended[0]
            children.pop(0)  # it has written everything: it is exiting
            os.close(read_end)
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0 or not complete:
                # the child failed: the rest of its share is done here (what it did send is
                # what this process would have made of the same files)
                yield from itertools.islice(work(batch), sent, None)
    finally:
        for pid, read_end, _ in children:  # interrupted: no child outlives this run
            _stop(pid, read_end)


def _received(pipe: BinaryIO, ended: list[bool]) -> Iterator[Any]:
    """A child's results as they are read; ``ended[0]`` is set once its end mark is read
    (a child that stopped early never sends it)."""
    import pickle

    try:
        while (sent := pickle.load(pipe)) is not None:  # our own child's bytes
            yield sent[0]
    except (EOFError, pickle.UnpicklingError):
        return
    ended[0] = True


def _child(work: Callable[[Sequence[Item]], Iterable[Result]], batch: Sequence[Item],
           write_end: int, inherited: list[int],
           parent: int) -> None:  # pragma: no cover - in the child
    import pickle

    code = 1
    try:
        _die_with(parent)
        for descriptor in inherited:
            os.close(descriptor)
        # All done before anything is sent: the parent reads only once it has done its own
        # batch, and a pipe holds 64 KB, so a child sending as it went would wait for it.
        results = list(work(batch))
        with os.fdopen(write_end, "wb") as pipe:
            for result in results:
                pickle.dump((result,), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, pipe)  # the end: a child that stops early never sends it
        code = 0
    except BaseException:
        pass  # the parent redoes the batch, and reports what went wrong
    finally:
        os._exit(code)  # never run the parent's exit handlers or flush its buffers


def _die_with(parent: int) -> None:  # pragma: no cover - runs in the child
    """Have the kernel end this child when its parent ends, however it ends (a killed
    parent runs no clean-up of its own)."""
    import ctypes
    import signal

    set_parent_death_signal = 1  # PR_SET_PDEATHSIG, <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the call
        os._exit(1)


def _stop(pid: int, read_end: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass  # already reaped
    os.close(read_end)
