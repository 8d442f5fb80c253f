"""Exceptions: which exception criteria hold at a moment (on the scorecard's own periods and
statuses), how far their escalation ladders have climbed, and who acknowledged them."""
