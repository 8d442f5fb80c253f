"""The scorecard: periods in the org's time zone, each row's period values and statuses, and
rendering (terminal table, JSON, CSV, Markdown, HTML).

May import ``otpcli.measurements``, ``otpcli.org`` and the plumbing.
"""
