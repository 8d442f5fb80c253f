"""When an outcome was first committed: an outcome that has never been measured goes stale
counting from there."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from otpcli.org.load import SEATS_DIR

#: ``id: name`` as a block key, a list item or inside a flow mapping, quoted or not.
_ID_LINE = r"(?:^|[\s{{,-])id:\s*[\"']?{}[\"']?\s*(?:$|[,}}#])"
#: Seat files larger than this are not searched (the loader would refuse them anyway).
_MAX_BLOB = 1_000_000


def first_committed(root: Path, outcome_id: str, head: str = "HEAD") -> datetime | None:
    """The committer time of the first commit in ``head``'s history whose seat files define
    ``outcome_id``; ``None`` when the org is not in git or the outcome is not committed yet."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(str(repo.working_tree_dir)).resolve()
        seats = (root.resolve() / SEATS_DIR).relative_to(top).as_posix()
        # Commits that change how often the id's text occurs, oldest first; the text may
        # also be part of a longer id, so each candidate is confirmed in its tree.
        log = repo.git.log("--reverse", "--format=%H %ct", f"-S{outcome_id}", head, "--",
                           seats)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError,
            ValueError):
        return None
    pattern = re.compile(_ID_LINE.format(re.escape(outcome_id)), re.MULTILINE)
    for line in log.splitlines():
        sha, _, seconds = line.partition(" ")
        if _defines(repo.commit(sha), seats, pattern):
            return datetime.fromtimestamp(int(seconds), UTC)
    return None


def _defines(commit: object, seats: str, pattern: re.Pattern[str]) -> bool:
    import git

    assert isinstance(commit, git.Commit)
    try:
        folder = commit.tree / seats
    except KeyError:
        return False
    for blob in folder.blobs:
        if not blob.name.endswith(".yaml") or blob.size > _MAX_BLOB:
            continue
        text = blob.data_stream.read().decode("utf-8", errors="replace")
        if pattern.search(text):
            return True
    return False
