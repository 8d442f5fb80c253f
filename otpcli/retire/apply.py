"""Apply a retirement as one commit, all or nothing; check the repository and the lint gate
first.
"""

from __future__ import annotations

from collections import Counter

from otpcli.errors import OtpError
from otpcli.lint.engine import Finding, run_lint
from otpcli.org.load import CONFIG_FILE, MEASUREMENTS_DIR, SEATS_DIR, LoadResult, Org
from otpcli.retire.plan import RetirePlan, RetireRefusedError


def new_lint_errors(org: Org, plan: RetirePlan) -> list[Finding]:
    """Lint errors the retirement would add (errors already there do not count). The org is
    not read again: the lint after parses only the files the retirement edits."""
    loaded = LoadResult(org=org, problems=[])  # an Org is only handed out when it loaded
    before = Counter(f.baseline_key() for f in run_lint(org.root, loaded=loaded).findings
                     if f.severity == "error")
    after = run_lint(org.root, overrides=plan.after, loaded=loaded).findings
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
    """Called between the steps of the commit ("journal", "tree", "hooks", "commit", "ref",
    "work tree"); tests stop or kill the process here."""


def apply_retirement(org: Org, plan: RetirePlan, *, branch: bool = False) -> str:
    """Commit every changed file as one commit, then update the work tree; all or nothing,
    even when the process is killed (see :func:`otpcli.git.commit_files`). Returns the commit
    id."""
    import git

    from otpcli.git import commit_files, describe_error, open_repo, work_tree_path

    repo = open_repo(org.root)
    files = {work_tree_path(repo, org.root / file): text.encode("utf-8")
             for file, text in plan.after.items()}
    try:
        return commit_files(repo, files, plan.commit_message(), operation="retirement",
                            branch=plan.branch if branch else None,
                            checkpoint=lambda step: _checkpoint(step))
    except git.GitCommandError as error:
        raise OtpError(f"git failed, nothing was changed: {describe_error(error)}") from None


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
