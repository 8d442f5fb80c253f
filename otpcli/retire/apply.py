"""Apply a retirement as one commit, all or nothing; check the repository and the lint gate
first.
"""

from __future__ import annotations

from collections import Counter

from otpcli.errors import OtpError
from otpcli.fileio import write_bytes_atomic, write_text_atomic
from otpcli.lint.engine import Finding, run_lint
from otpcli.org.load import CONFIG_FILE, MEASUREMENTS_DIR, SEATS_DIR, Org
from otpcli.retire.plan import RetirePlan, RetireRefusedError


def new_lint_errors(org: Org, plan: RetirePlan) -> list[Finding]:
    """Lint errors the retirement would add (errors already there do not count)."""
    before = Counter(f.baseline_key() for f in run_lint(org.root).findings
                     if f.severity == "error")
    after = run_lint(org.root, overrides=plan.after).findings
    added = []
    for finding in after:
        if finding.severity != "error":
            continue
        if before[finding.baseline_key()] > 0:
            before[finding.baseline_key()] -= 1
        else:
            added.append(finding)
    return added


def _checkpoint(step: str, detail: str = "") -> None:
    """Called before every step that changes something ("branch", "write" per file,
    "commit"); tests raise here to inject faults."""


def apply_retirement(org: Org, plan: RetirePlan, *, branch: bool = False) -> str:
    """Write every file and commit them as one commit; all or nothing. Returns the commit id."""
    import git

    from otpcli.git import commit_only, describe_error, open_repo, work_tree_path

    repo = open_repo(org.root)
    paths = [work_tree_path(repo, org.root / file) for file in plan.after]
    original_branch = None if repo.head.is_detached else repo.active_branch.name
    written: list[str] = []
    created_branch = False
    try:
        if branch:
            _checkpoint("branch", plan.branch)
            if original_branch is None:
                raise RetireRefusedError("HEAD is detached; check out a branch before --branch")
            repo.git.checkout("-q", "-b", plan.branch)
            created_branch = True
        for file, text in plan.after.items():
            _checkpoint("write", file)
            write_text_atomic(org.root / file, text)
            written.append(file)
        _checkpoint("commit")
        return commit_only(repo, paths, plan.commit_message())
    except BaseException as error:
        for file in written:
            write_bytes_atomic(org.root / file, plan.before[file])
        if created_branch and original_branch is not None:
            repo.git.checkout("-q", original_branch)
            repo.git.branch("-D", plan.branch)
        if isinstance(error, git.GitCommandError):
            raise OtpError(f"git failed, nothing was changed: {describe_error(error)}") from None
        raise


def check_repository(org: Org, plan: RetirePlan, *, branch: bool) -> None:
    """Refuse when org files have uncommitted changes, or the retire branch exists."""
    from otpcli.git import open_repo, work_tree_path

    repo = open_repo(org.root)
    scope = [work_tree_path(repo, org.root / name) for name in (CONFIG_FILE, SEATS_DIR,
                                                                   MEASUREMENTS_DIR)
             if (org.root / name).exists()]
    dirty = repo.git.status("--porcelain", "--untracked-files=all", "--", *scope).splitlines()
    if dirty:
        files = ", ".join(line[3:] for line in dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise RetireRefusedError(f"org files have uncommitted changes ({files}); commit or stash "
                            "them first, so the retirement is one clean commit")
    if branch and plan.branch in [head.name for head in repo.heads]:
        raise RetireRefusedError(f"branch `{plan.branch}` already exists; delete it or retire on "
                            "the current branch")
    if not repo.head.is_valid():
        raise RetireRefusedError("the repository has no commits yet; commit the org first")
