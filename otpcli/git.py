"""The git operations otp performs, all through GitPython.

Every operation that changes a repository is all-or-nothing: callers build
the new state first and commit it in one step, and restore on failure.
"""

from __future__ import annotations

import contextlib
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


def describe_error(error: git.GitCommandError) -> str:
    """git's own last line of complaint, without GitPython's wrapping."""
    detail = (error.stderr or "").strip().splitlines()
    return detail[-1].removeprefix("stderr: ").strip(" '") if detail else str(error)
