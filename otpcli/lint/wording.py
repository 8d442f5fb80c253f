"""Reading outcome wording: directions without a number, and activity counted as results.

These are heuristics tuned on a labelled set of statements and metric names
(tests/lint/rules/data/wording.yaml); the tests hold them to a precision and recall
of at least 0.9 on it. They look for evidence, not keywords alone: "Improve
refund time to under 3 days" names its number and passes, "anomalies flagged
before market open" is a result with a deadline, "briefing messages sent" is
activity whatever its range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words and phrases that state a direction or a quality with nothing to measure it by.
_DIRECTION_WORDS = (
    "improve", "improved", "improving", "improvement", "improvements", "increase", "increased",
    "increasing", "grow", "growing", "growth", "boost", "boosting", "enhance", "enhanced",
    "enhancing", "optimise", "optimize", "optimised", "optimized", "optimising", "optimizing",
    "maximise", "maximize", "maximising", "maximizing", "minimise", "minimize", "minimising",
    "minimizing", "reduce", "reducing", "lower", "raise", "strengthen", "streamline",
    "streamlined", "drive", "driving", "accelerate", "elevate", "expand", "scale", "scaling",
    "better", "best", "more", "less", "fewer", "higher", "faster", "greater", "stronger",
    "smoother", "cleaner", "happier", "deepen", "foster", "champion", "prioritise", "prioritize",
    "support", "ensure", "promote", "cultivate", "empower", "transform", "revolutionise",
    "revolutionize", "delight", "excel", "modernise", "modernize",
)
_QUALITY_WORDS = (
    "world-class", "world class", "best-in-class", "best in class", "excellent", "excellence",
    "high-quality", "high quality", "top-notch", "seamless", "seamlessly", "robust", "efficient",
    "efficiently", "effective", "effectively", "significant", "significantly", "substantial",
    "substantially", "continuous", "continuously", "proactive", "proactively", "appropriate",
    "appropriately", "timely", "reasonable", "adequate", "optimal", "strong", "great",
    "outstanding", "exceptional", "innovative", "engaging", "impactful", "meaningful", "healthy",
    "sustainable", "scalable", "quality", "satisfaction", "experience", "culture", "morale",
    "awareness", "engagement", "alignment", "visibility",
)
_VAGUE_PHRASES = (
    "as needed", "as necessary", "as required", "when needed", "when possible", "where possible",
    "if possible", "as soon as possible", "asap", "as appropriate", "over time", "going forward",
    "in a timely manner", "at scale", "on an ongoing basis", "best effort", "as much as",
    "keep an eye on", "stay on top of", "take care of", "look after", "work on", "focus on",
)

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
    "million", "half", "double", "twice", "triple", "every", "each", "all", "no", "none",
)
_DEADLINES = (
    r"before (?:the )?(?:market open|\d|noon|midnight|end of|close of|the (?:weekly|daily|monthly)"
    r"|each|every|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    r"by (?:end of (?:day|week|month|quarter)|eod|eow|close of business|noon|midnight|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|\d)",
    r"within (?:an? |one |\d)", r"same[- ]day", r"on time", r"on schedule", r"on plan",
    r"under \d", r"over \d", r"below \d", r"above \d", r"at (?:least|most) ",
    r"no (?:more|later|less|fewer) than",
)

_WORD = re.compile(r"[a-z][a-z'-]*")
_HAS_DIGIT = re.compile(r"\d")
_DEADLINE = re.compile("|".join(f"(?:{pattern})" for pattern in _DEADLINES))
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


_DIRECTION = _phrase_pattern(_DIRECTION_WORDS)
_QUALITY = _phrase_pattern(_QUALITY_WORDS)
_PHRASE = _phrase_pattern(_VAGUE_PHRASES)


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def anchors(text: str) -> bool:
    """Whether the text names a number, a quantity word or a deadline to hold it to."""
    lowered = _normal(text)
    return bool(
        _HAS_DIGIT.search(lowered) or _DEADLINE.search(lowered) or _NUMBER_WORD.search(lowered)
    )


def vague_terms(statement: str) -> list[str]:
    """The direction words, quality words and vague phrases in ``statement`` that no number,
    quantity or deadline holds to account; empty when the statement is measurable."""
    lowered = _normal(statement)
    phrases = [match.group(0) for match in _PHRASE.finditer(lowered)]
    if phrases:
        return phrases  # "as needed", "asap": vague even beside a number
    if anchors(lowered):
        return []
    found = [match.group(0) for match in _DIRECTION.finditer(lowered)]
    found += [match.group(0) for match in _QUALITY.finditer(lowered)]
    if found:
        return found
    words = _WORD.findall(lowered)
    if len(words) <= 3:
        return [lowered]  # a bare noun phrase ("customer happiness") names no result
    return []


# Things an agent or a person does, counted instead of what it achieved.
_ACTIVITY_NOUNS = (
    "message", "messages", "email", "emails", "query", "queries", "token", "tokens", "task",
    "tasks", "hour", "hours", "minute", "minutes", "uptime", "api call", "api calls", "request",
    "requests", "prompt", "prompts", "post", "posts", "notification", "notifications", "scan",
    "scans", "run", "runs", "job", "jobs", "touch", "touches", "touchpoint", "touchpoints", "dial",
    "dials", "call", "calls", "action", "actions", "step", "steps", "iteration", "iterations",
    "login", "logins", "commit", "commits", "lines of code", "word", "words", "page", "pages",
    "report", "reports", "briefing", "briefings", "summary", "summaries", "ticket", "tickets",
    "alert", "alerts", "channel", "channels", "document", "documents", "record", "records",
    "item", "items", "meeting", "meetings", "slack", "cycle", "cycles", "activity", "activities",
    "check", "checks", "dashboard", "dashboards", "update", "updates", "comment", "comments",
    "response", "responses", "reply", "replies", "outreach", "sequence", "sequences", "contact",
    "contacts", "lead", "leads", "workflow", "workflows", "automation", "automations",
    "availability", "compute", "cpu", "gpu", "spend on tokens", "conversation", "conversations",
    "chat", "chats", "file", "files", "row", "rows", "event", "events", "review", "reviews",
)
_ACTIVITY_VERBS = (
    "sent", "send", "sending", "scanned", "scan", "scanning", "run", "ran", "executed",
    "processed", "generated", "consumed", "used", "logged", "completed", "performed", "made",
    "created", "posted", "published", "dialled", "dialed", "crawled", "fetched", "triggered",
    "attempted", "drafted", "opened", "written", "produced", "handled", "touched", "worked",
    "spent", "answered", "reviewed", "read", "checked", "monitored", "tracked", "submitted",
    "delivered", "closed", "held", "attended", "scheduled", "automated", "online", "active",
    "invoked", "issued", "raised", "viewed", "visited", "clicked", "uploaded", "downloaded",
    "updated", "launched", "added", "contacted", "emailed", "messaged", "pinged", "followed up",
)
_ACTIVITY_RATES = (
    r"\bper (?:hour|minute|second|day|week|agent|run|seat)\b", r"\bnumber of\b", r"\bcount of\b",
    r"\btotal\b", r"\bvolume of\b", r"\bamount of\b", r"\bhow many\b", r"\bhours? (?:logged|worked"
    r"|spent|online|active)\b", r"\buptime\b", r"\btime spent\b", r"\btime online\b",
)
# Words that tie a count to a business result: quality, timeliness, money, customers.
_RESULT_WORDS = (
    "before", "within", "on time", "on schedule", "on plan", "by end", "same day", "same-day",
    "accuracy", "accurate", "error", "errors", "error rate", "defect", "defects", "rate",
    "share", "ratio", "revenue", "margin", "profit", "cost", "costs", "spend", "variance",
    "retention", "retained", "churn", "churned", "satisfaction", "nps", "csat", "resolved",
    "resolution", "converted", "conversion", "qualified", "booked", "won", "saved", "paid",
    "collected", "overdue", "late", "anomaly", "anomalies", "flagged", "surfaced", "caught",
    "prevented", "match", "matching", "reconciled", "pacing", "approved", "approval", "renewed",
    "renewal", "repeat", "refund", "refunds", "complaint", "complaints", "escalated to",
    "routed to the right", "uplift", "roi", "roas", "pipeline value", "cash", "days to",
    "time to", "lead time", "cycle time", "backlog age", "sla", "breach", "breaches", "outage",
    "outages", "incidents", "downtime", "customers", "clients", "deals", "orders shipped",
    "shipped on", "delivered on", "delivered before", "first-round", "first round",
    "with a booked", "ending with", "health score", "mrr", "arr", "bookings", "signed",
)

_ACTIVITY_NOUN = _phrase_pattern(_ACTIVITY_NOUNS)
_ACTIVITY_VERB = _phrase_pattern(_ACTIVITY_VERBS)
_ACTIVITY_RATE = re.compile("|".join(_ACTIVITY_RATES))
_RESULT = _phrase_pattern(_RESULT_WORDS)


@dataclass(frozen=True, slots=True)
class ActivityReading:
    """Why a metric reads as activity: the words that gave it away."""

    evidence: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(f"'{word}'" for word in self.evidence)


def activity_evidence(metric: str) -> ActivityReading | None:
    """Evidence that ``metric`` counts activity rather than a business result, or ``None``."""
    lowered = _normal(metric)
    if _RESULT.search(lowered):
        return None
    evidence: list[str] = []
    rate = _ACTIVITY_RATE.search(lowered)
    if rate:
        evidence.append(rate.group(0))
    nouns = [match.group(0) for match in _ACTIVITY_NOUN.finditer(lowered)]
    verbs = [match.group(0) for match in _ACTIVITY_VERB.finditer(lowered)]
    if "uptime" in nouns or (rate and (nouns or verbs)) or (nouns and verbs):
        evidence += [*nouns[:2], *verbs[:1]]
        return ActivityReading(tuple(dict.fromkeys(evidence)))
    return None
