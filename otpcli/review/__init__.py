"""The weekly review: the agenda of the meeting where humans and agents are reviewed on
one scorecard, and each review sharpens the definitions."""
