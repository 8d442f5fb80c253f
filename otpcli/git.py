"""The git operations otp performs, all through GitPython.

Every operation that changes a repository is all-or-nothing: callers build
the new state first and commit it in one step, and restore on failure.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import git
from git import Repo

from otpcli.errors import OtpError
from otpcli.fileio import process_alive, sweep_temporary


def open_repo(path: Path) -> Repo:
    try:
        return Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise OtpError(f"{path} is not inside a git repository; run `git init` there "
                       "or create the org with `otp init`") from None


def init_repo(path: Path) -> Repo:
    return Repo.init(path, initial_branch="main")


#: Who commits the bundled example when git knows nobody: the example's own author, named as
#: such, never someone made up from the machine's user and host names.
EXAMPLE_AUTHOR = ("otp example", "example@otp.invalid")


def configured_identity(repo: Repo) -> bool:
    """Whether git has an author and committer configured (``user.name`` and ``user.email``,
    or the ``GIT_AUTHOR_*``/``GIT_COMMITTER_*`` variables), rather than guessing one."""
    try:
        for variable in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            repo.git(c="user.useConfigOnly=true").var(variable)
    except git.GitCommandError:
        return False
    return True


NO_IDENTITY = ("git does not know who you are, and otp does not commit under an invented "
               "name; run `git config --global user.name \"Your Name\"` and `git config --global "
               "user.email you@example.com`, then run the command again")


def commit_paths(repo: Repo, paths: Iterable[str], message: str,
                 fallback: tuple[str, str] | None = None) -> str:
    """Stage exactly ``paths`` (repo-relative) and commit them; return the commit id. Git's
    configured identity is used; without one, ``fallback`` (name, email) when given, else
    :class:`OtpError` saying how to configure it."""
    actor = None
    if not configured_identity(repo):
        if fallback is None:
            raise OtpError(NO_IDENTITY)
        actor = git.Actor(*fallback)
    repo.index.add(list(paths))
    commit = repo.index.commit(message, author=actor, committer=actor)
    return commit.hexsha


def work_tree_path(repo: Repo, path: Path) -> str:
    """``path`` relative to the repository's work tree, with forward slashes."""
    top = Path(str(repo.working_tree_dir)).resolve()
    return path.resolve().relative_to(top).as_posix()


def describe_git_error(error: Exception) -> str:
    """One line for any GitPython error: git's own complaint, an option GitPython refused,
    a repository that is not one, or git missing."""
    if isinstance(error, git.GitCommandError):
        return f"git {error.command[1] if len(error.command) > 1 else ''}: " \
               f"{describe_error(error).removeprefix('fatal: ')}"
    if isinstance(error, git.UnsafeOptionError | git.UnsafeProtocolError):
        # GitPython's text ends in advice for Python callers (allow_unsafe_options=True);
        # keep only the option it named.
        option = str(error).split(" is not allowed", 1)[0].strip() or "an option"
        return (f"refused `{option}`: a git option that could run commands or write files; "
                "give a commit, branch or tag instead")
    if isinstance(error, git.InvalidGitRepositoryError | git.NoSuchPathError):
        return f"{error}: not a git repository"
    if isinstance(error, git.GitCommandNotFound):
        return "git is not installed or not on PATH; install git"
    return f"git: {error}"


def describe_error(error: git.GitCommandError) -> str:
    """git's own last line of complaint, without GitPython's wrapping."""
    text = (error.stderr or "").strip()
    if text.startswith("stderr: '") and text.endswith("'"):  # GitPython quotes what git said
        text = text[len("stderr: '"):-1]
    lock = re.search(r"Unable to create '([^']+\.lock)': File exists", text)
    if lock:
        return (f"{lock.group(1)} exists: another git process may be running in this "
                "repository; if none is, remove that file and run the command again")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else str(error)


def resolve_commit(repo: Repo, rev: str, option: str = "--rev") -> str:
    """The commit id ``rev`` names (a branch, a tag, ``HEAD~3``, ``main@{2026-10-01}``, an
    id); :class:`OtpError` with git's own message when it names none."""
    if not rev.strip() or rev.startswith("-"):
        raise OtpError(f"{option}: `{rev}` is not a revision; give a branch, a tag, a commit "
                       "or an expression such as HEAD~2")
    try:
        repo.git.rev_list("-n1", rev, "--")
    except git.GitCommandError as error:
        raise OtpError(f"{option}: {describe_error(error).removeprefix('fatal: ')}") from None
    try:
        return str(repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip())
    except git.GitCommandError:
        raise OtpError(f"{option}: `{rev}` names a git object that is not a commit") from None


# -- commits built off to the side ---------------------------------------------------------

JOURNAL = "otp-journal.json"
_ZERO = "0" * 40


class HookRejectedError(OtpError):
    """A hook of the org repository (pre-commit, commit-msg) refused the commit."""


Checkpoint = Callable[[str], None]


def _no_checkpoint(step: str) -> None:
    """Tests replace this to stop the process between steps."""


def commit_files(repo: Repo, files: dict[str, bytes], message: str, *, operation: str,
                 branch: str | None = None, checkpoint: Checkpoint = _no_checkpoint,
                 appended: dict[str, bytes] | None = None) -> str:
    """Commit ``files`` (work-tree-relative path -> new content) on top of HEAD, or on a new
    ``branch`` made from it, as one commit; return its id. All or nothing, even when killed.

    The commit is built without touching the work tree or the real index: blobs are written,
    the tree is made in a temporary index, the org's pre-commit and commit-msg hooks run on
    it, ``commit-tree`` makes the commit and ``update-ref`` moves the branch atomically (only
    if nobody moved it meanwhile). Only then are the files written and the index updated. A
    journal in ``.git/`` records the operation, so :func:`recover` (run by the next otp
    command) finishes it if the branch moved, or drops it if it did not.

    ``appended`` marks files that only grow (measurements, acknowledgements): path -> the
    bytes added. Those are never replaced in the work tree, only appended to in place, so
    rows other writers add meanwhile are kept.
    """
    git_dir = Path(repo.git_dir)
    lock = git_dir / "index.lock"
    if lock.exists():  # the index could not be updated afterwards: refuse before anything
        raise OtpError(f"{lock} exists: another git process may be running in this "
                       "repository; if none is, remove that file and run the command again")
    ref = f"refs/heads/{branch}" if branch else _head_ref(repo)
    old = repo.head.commit.hexsha
    blobs = {path: _store_blob(repo, data) for path, data in files.items()}
    journal: dict[str, Any] = {"operation": operation, "ref": ref,
                               "old": old if not branch else None, "base": old, "new": None,
                               "branch": branch, "files": blobs, "pid": os.getpid(),
                               "appended": {path: data.decode("utf-8", "surrogateescape")
                                            for path, data in (appended or {}).items()}}
    checkpoint("journal")
    _write_journal(git_dir, journal)
    index = git_dir / f"otp-index-{os.getpid()}"
    message_file = git_dir / f"otp-message-{os.getpid()}"
    environment = {"GIT_INDEX_FILE": str(index)}
    try:
        checkpoint("tree")
        repo.git.read_tree(old, env=environment)
        for path, blob in blobs.items():
            mode = _mode_of(repo, old, path)
            repo.git.update_index("--add", "--cacheinfo", f"{mode},{blob},{path}",
                                  env=environment)
        tree = repo.git.write_tree(env=environment).strip()
        message_file.write_text(message if message.endswith("\n") else message + "\n",
                                encoding="utf-8")
        checkpoint("hooks")
        _run_hook(repo, "pre-commit", environment)
        _run_hook(repo, "commit-msg", environment, str(message_file))
        checkpoint("commit")
        new = str(repo.git.commit_tree(tree, "-p", old, "-F", str(message_file)).strip())
        journal["new"] = new
        _write_journal(git_dir, journal)
        checkpoint("ref")
        subject = message.splitlines()[0] if message else operation
        # Ctrl-C (or a polite kill) waits until git has moved the branch or refused: raised
        # in the middle, it would leave git moving the branch after this process decided
        # that nothing was committed and dropped the journal.
        with _signals_held():
            repo.git.update_ref("-m", f"otp {operation}: {subject}", ref, new,
                                old if not branch else _ZERO)
    except BaseException:
        if not (journal["new"] and _points_at(repo, ref, journal["new"])):
            _drop(git_dir)  # nothing was committed
        # else the branch moved just before the interruption: the journal stays, and the
        # next otp command finishes the work tree
        raise
    finally:
        index.unlink(missing_ok=True)
        message_file.unlink(missing_ok=True)
    checkpoint("work tree")
    _finish(repo, journal)
    return new


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then they are delivered as usual)."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _points_at(repo: Repo, ref: str, commit: str) -> bool:
    try:
        return bool(repo.git.rev_parse("--verify", "-q", ref).strip() == commit)
    except git.GitCommandError:
        return False


def _head_ref(repo: Repo) -> str:
    if repo.head.is_detached:
        raise OtpError("HEAD is detached; check out a branch first, so the commit has a "
                       "branch to go on")
    return str(repo.head.ref.path)


def _store_blob(repo: Repo, data: bytes) -> str:
    """Write ``data`` into the object database as it is (no filters); its blob id."""
    import tempfile

    with tempfile.NamedTemporaryFile(dir=repo.git_dir, prefix=f"otp-blob-{os.getpid()}-") \
            as handle:
        handle.write(data)
        handle.flush()
        return str(repo.git.hash_object("-w", "--no-filters", handle.name).strip())


def _mode_of(repo: Repo, commit: str, path: str) -> str:
    try:
        entry = repo.commit(commit).tree / path
    except KeyError:
        return "100644"
    return f"{entry.mode:o}"


def _run_hook(repo: Repo, name: str, environment: dict[str, str], *args: str) -> None:
    try:
        repo.git.hook("run", "--ignore-missing", name, *(["--", *args] if args else []),
                      env=environment)
    except git.GitCommandError as error:
        said = "\n".join(part.strip() for part in (error.stdout or "", error.stderr or "")
                         if part and part.strip())
        said = said.removeprefix("stdout: '").removeprefix("stderr: '").rstrip("'")
        raise HookRejectedError(f"the {name} hook rejected the commit; nothing was changed"
                                + (f". It said:\n{said}" if said else "")) from None


def _write_journal(git_dir: Path, journal: dict[str, Any]) -> None:
    temporary = git_dir / f"{JOURNAL}.tmp"
    temporary.write_text(json.dumps(journal), encoding="utf-8")
    temporary.replace(git_dir / JOURNAL)


def _drop(git_dir: Path) -> None:
    (git_dir / JOURNAL).unlink(missing_ok=True)
    (git_dir / f"{JOURNAL}.tmp").unlink(missing_ok=True)


def _finish(repo: Repo, journal: dict[str, Any]) -> None:
    """Bring the work tree and the index to the commit the branch now points at."""
    from otpcli.fileio import write_bytes_atomic

    top = Path(str(repo.working_tree_dir))
    files: dict[str, str] = journal["files"]
    if journal.get("branch"):
        repo.git.symbolic_ref("HEAD", journal["ref"])
    grown: dict[str, str] = journal.get("appended") or {}
    for path, blob in files.items():
        data = repo.odb.stream(bytes.fromhex(blob)).read()
        target = top / path
        current = target.read_bytes() if target.is_file() else None
        if current == data:
            continue
        if path in grown and current is not None:
            added = grown[path].encode("utf-8", "surrogateescape")
            if data.startswith(current):
                _append_in_place(target, data[len(current):])
            elif added not in current:  # others appended meanwhile: add ours after theirs
                _append_in_place(target, (b"" if current.endswith(b"\n") else b"\n") + added)
            continue
        if not os.path.lexists(target.parent):  # the commit's first file in a new folder
            target.parent.mkdir(parents=True)
        write_bytes_atomic(target, data)
    repo.git.reset("-q", "--", *files)
    _drop(Path(repo.git_dir))


def _append_in_place(target: Path, data: bytes) -> None:
    """Add ``data`` to the end of ``target`` without replacing it (its lock, if any, is held
    by the caller)."""
    from otpcli.fileio import open_regular

    descriptor = open_regular(target, os.O_WRONLY | os.O_APPEND)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def recover(root: Path) -> str | None:
    """Finish or drop an operation an interrupted otp command left in the journal; what was
    done, in one line, or ``None`` when there was nothing to do."""
    git_dir = _git_dir(root)
    if git_dir is None:
        return None
    _sweep(git_dir)
    if not (git_dir / JOURNAL).exists():
        return None
    repo = Repo(git_dir.parent if git_dir.name == ".git" else root,
                search_parent_directories=True)
    try:
        journal = json.loads((git_dir / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        _drop(git_dir)
        return None
    if process_alive(journal.get("pid")):
        return None  # another otp command is committing right now: not ours to touch
    operation = journal.get("operation", "operation")
    _wait_for_ref_lock(Path(repo.common_dir) / journal["ref"])
    try:
        current = repo.git.rev_parse("--verify", "-q", journal["ref"]).strip()
    except git.GitCommandError:
        current = ""
    new = journal.get("new")
    if new and current == new:
        _finish(repo, journal)
        _sweep_work_tree(repo, journal)
        return f"finished an interrupted {operation}: commit {new[:10]} is in place"
    _drop(git_dir)
    _sweep_work_tree(repo, journal)
    if current in (journal.get("old") or "", ""):
        return f"an interrupted {operation} was not committed; nothing was changed"
    return (f"an interrupted {operation} was not committed and {journal['ref']} has moved "
            "since; nothing was changed")


def _wait_for_ref_lock(ref_file: Path, seconds: float = 5.0) -> None:
    """A killed otp command's ``git update-ref`` may still be finishing (a child outlives a
    SIGKILL): read the branch only once git has let go of its lock (or after ``seconds``, for
    a lock a crashed git left)."""
    import time

    lock = ref_file.with_name(ref_file.name + ".lock")
    # counted in naps, not read from a clock: a faked or jumping clock must not cut it short
    for _ in range(int(seconds / 0.01)):
        if not lock.exists():
            return
        time.sleep(0.01)


def _git_dir(root: Path) -> Path | None:
    for candidate in (root.resolve(), *root.resolve().parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # a worktree: "gitdir: <path>"
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return (candidate / text.removeprefix("gitdir:").strip()).resolve()
    return None


def _sweep(git_dir: Path) -> None:
    """Remove what an interrupted command left in ``.git/`` (temporary indexes, messages and
    blobs), never the files of an otp command still running."""
    for pattern in ("otp-index-*", "otp-message-*", "otp-blob-*"):
        sweep_temporary(git_dir, pattern)
    (git_dir / f"{JOURNAL}.tmp").unlink(missing_ok=True)


def _sweep_work_tree(repo: Repo, journal: dict[str, Any]) -> None:
    """Remove the temporary files an interrupted atomic write left next to a journal file."""
    top = Path(str(repo.working_tree_dir))
    for path in journal.get("files", {}):
        target = top / path
        for stray in target.parent.glob(f".{target.name}.*.tmp"):
            stray.unlink(missing_ok=True)
