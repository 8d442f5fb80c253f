"""``otp retire``: plan a retirement, write its record, apply it as one reviewed commit.

May import ``otpcli.lint`` and ``otpcli.scorecard`` (the lint gate, the final scorecard), the
layers below them and the plumbing.
"""
