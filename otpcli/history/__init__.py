"""The org's git history read as an operating record: semantic diffs, the history of one seat
or outcome, the org chart, and CODEOWNERS.

The API other packages use (``otp review`` among them):

- :func:`otpcli.history.diff.compare` ``(base: Org, head: Org) -> list[Change]``: every
  semantic change, each a frozen :class:`~otpcli.history.diff.Change` with ``kind`` (one of
  :data:`~otpcli.history.diff.KINDS`), ``seat``, ``outcome``, ``field``, ``before``,
  ``after``, ``direction`` (``"tightened"``, ``"loosened"`` or ``None``) and ``attention``
  (what a reviewer must not miss); ``Change.as_json()`` is the documented JSON object and
  :func:`otpcli.history.render.describe` says a change in words.
- :func:`otpcli.history.revisions.org_at` ``(root, rev | None) -> Org``: the org at a git
  revision (``None``: the work tree), read from git's objects without touching the work
  tree, the index or HEAD; :func:`~otpcli.history.revisions.load_at` does the same without
  raising on bad files.
- :func:`otpcli.history.revisions.revision_at` ``(root, moment, head="HEAD") -> str | None``:
  the commit in effect at a moment (for ``--since DATE``).
"""
