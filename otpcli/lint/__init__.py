"""``otp lint``: the engine (selection, suppressions, baseline, --changed-since), the output
formats, the wording analysis, and ``rules/``: one module per rule, one registry table.

May import ``otpcli.scorecard``, ``otpcli.measurements``, ``otpcli.org`` and the plumbing.
"""
