"""The git operations otp performs, all through GitPython.

Every operation that changes a repository is all-or-nothing: callers build
the new state first and commit it in one step, and restore on failure.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path

import git
from git import Repo

from otpcli.errors import OtpError


def open_repo(path: Path) -> Repo:
    try:
        return Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise OtpError(f"{path} is not inside a git repository; run `git init` there "
                       "or create the org with `otp init`") from None


def init_repo(path: Path) -> Repo:
    return Repo.init(path, initial_branch="main")


def commit_paths(repo: Repo, paths: Iterable[str], message: str) -> str:
    """Stage exactly ``paths`` (repo-relative) and commit them; return the commit id."""
    repo.index.add(list(paths))
    commit = repo.index.commit(message)
    return commit.hexsha


def commit_only(repo: Repo, paths: list[str], message: str) -> str:
    """Commit exactly ``paths`` (relative to the work tree), whatever else is staged.

    On failure the paths are unstaged again and the error re-raised; the caller
    restores the files.
    """
    try:
        repo.git.add("--", *paths)
        repo.git.commit("-q", "-m", message, "--only", "--", *paths)
    except git.GitCommandError:
        with contextlib.suppress(git.GitCommandError):
            repo.git.reset("-q", "--", *paths)
        raise
    return str(repo.head.commit.hexsha)


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
        return f"refused a git option that could run commands or write files: {error}"
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
