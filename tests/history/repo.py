"""Real git repositories for history tests: edit org files and commit, step by step."""

from __future__ import annotations

from pathlib import Path

import git


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a file of the org."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str, when: str | None = None) -> str:
    """Commit every change in the work tree (dated ``when``, ISO 8601); the new commit's id."""
    repo = git.Repo(root)
    repo.git.add("-A")
    dated = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    repo.git.commit("-q", "--allow-empty", "-m", message, env=dated)
    return str(repo.head.commit.hexsha)


def state(root: Path) -> dict[str, object]:
    """What reading a revision must leave as it was: HEAD, the index (its bytes, read before
    any git command that might refresh it) and every file of the work tree."""
    index = (root / ".git" / "index").read_bytes()
    head = (root / ".git" / "HEAD").read_bytes()
    files = {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
             if p.is_file() and ".git" not in p.parts and ".otp_cache" not in p.parts}
    return {"index": index, "head": head, "commit": git.Repo(root).head.commit.hexsha,
            "files": files}


AGENT = """title: Inbox Triage
holder:
  name: Sorter
  kind: agent
  model: small-model
reports_to: bogdan
accountable: bogdan
autonomy: 2
capabilities:
  - inbox triage
outcomes:
  - id: inbox-triaged
    statement: Every inbound email is triaged within 2 hours on working days
    metric:
      name: Inbound emails triaged within 2 hours
      unit: percent
    range: {min: 95, max: 100}
    timeframe: {cadence: weekly}
"""
