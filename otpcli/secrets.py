"""Secrets in org text: finding credentials, and masking them in everything otp prints.

The org repository is read by everyone who reviews a pull request and by every agent with
access to it, and otp prints its text in terminals, CI logs, JSON for scripts and results for
models. A credential pasted into a seat file must be reported (lint OTP205) and must never be
printed in full by any command: :func:`redact` replaces each one with :func:`mask`, which keeps
the first four characters (enough to find it) and says how long it was.

Detection is by the providers' documented formats (a prefix and a shape), plus URLs with a
password, JWTs, private key blocks, and high-entropy values in key-like positions
(``token: ...``, ``api_key=...``, ``Bearer ...``). Every pattern contains one of
:data:`TRIGGERS`, so text without any of them is skipped after a substring search.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import NamedTuple

_KEY_WORDS = (r"password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|access[_-]?token"
              r"|auth[_-]?token|client[_-]?secret|private[_-]?key|credential|token")

#: (kind, label, pattern); the pattern's group ``value`` (if any) is the secret itself.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("private_key", "private key",
     r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*"
     r"PRIVATE KEY(?: BLOCK)?-----)?"),
    ("aws", "AWS access key", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
    ("github", "GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,})"),
    ("gitlab", "GitLab token", r"\bgl(?:pat|dt|ptt|rt|soat|cbt|imt|agent)-[A-Za-z0-9_-]{20,}"),
    ("slack_webhook", "Slack webhook",
     r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,}"),
    ("slack", "Slack token", r"\bxox[abposre]-[A-Za-z0-9-]{10,}"),
    ("anthropic", "Anthropic API key", r"\bsk-ant-[A-Za-z0-9_-]{20,}"),
    ("openai", "OpenAI API key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
    ("stripe", "Stripe key", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("google_oauth", "Google OAuth client secret", r"\bGOCSPX-[A-Za-z0-9_-]{20,}"),
    ("google", "Google API key", r"\bAIza[0-9A-Za-z_-]{35}"),
    ("huggingface", "Hugging Face token", r"\bhf_[A-Za-z0-9]{30,}"),
    ("twilio", "Twilio API key", r"\bSK[0-9a-fA-F]{32}\b"),
    ("sendgrid", "SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"),
    ("npm", "npm token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    ("pypi", "PyPI token", r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    ("meta", "Meta access token", r"\bEAA[A-Z][A-Za-z0-9]{16,}"),
    ("jwt", "JSON Web Token", r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ("url_password", "password in a URL",
     r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{1,64}:(?P<url_value>[^\s@/]{3,128})@[^\s/]"),
    ("bearer", "bearer token", r"\b[Bb]earer[ \t]+(?P<bearer_value>[A-Za-z0-9._~+/-]{16,}=*)"),
    ("assigned", "password or token",
     rf"(?i:\b(?P<assigned_key>{_KEY_WORDS}))[\"']?[ \t]*[:=][ \t]*[\"']?"
     r"(?P<assigned_value>[^\s\"'#,}\]]{8,})"),
)

_COMBINED = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, _, pattern in KINDS))
LABELS = {kind: label for kind, label, _ in KINDS}
_VALUE_GROUPS = {"url_password": "url_value", "bearer": "bearer_value",
                 "assigned": "assigned_value"}

#: Every pattern above contains one of these (lowercased) or of :data:`CASED_TRIGGERS`: text
#: with none of them has no secret.
TRIGGERS = ("-----begin", "akia", "asia", "abia", "acca", "ghp_", "gho_", "ghu_", "ghs_",
            "ghr_", "github_pat_", "glpat-", "gldt-", "glptt-", "glrt-", "glsoat-", "glcbt-",
            "glimt-", "glagent-", "hooks.slack.com", "xox", "sk-", "sk_", "rk_", "pk_",
            "gocspx-", "aiza", "hf_", "sg.", "npm_", "pypi-", "eaa", "eyj", "://", "bearer",
            "passw", "pwd", "secret", "api_key", "api-key", "apikey", "access_key",
            "access-key", "access_token", "access-token", "private_key", "private-key",
            "token", "credential")
CASED_TRIGGERS = ("SK",)  # Twilio keys: SK and 32 hex digits


class Secret(NamedTuple):
    start: int
    end: int
    kind: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def might_contain(text: str) -> bool:
    """Whether ``text`` could hold a secret at all (a cheap substring test)."""
    lowered = text.lower()
    return any(trigger in lowered for trigger in TRIGGERS) or \
        any(trigger in text for trigger in CASED_TRIGGERS)


def find(text: str) -> list[Secret]:
    """Every secret in ``text``, in order."""
    if not might_contain(text):
        return []
    found: list[Secret] = []
    for match in _COMBINED.finditer(text):
        kind = next(name for name in LABELS if match.group(name) is not None)
        group = _VALUE_GROUPS.get(kind)
        start, end = match.span(group) if group else match.span()
        if kind == "assigned" and not _looks_secret(match.group("assigned_key"),
                                                    text[start:end]):
            continue
        found.append(Secret(start, end, kind))
    return found


#: Values in a key-like position that stand for a secret kept elsewhere.
PLACEHOLDERS = frozenset({"redacted", "xxxxxxxx", "changeme", "********", "required",
                          "optional", "none", "null", "env-var"})


def _looks_secret(key: str, value: str) -> bool:
    """Whether the value of a key-like word is a credential. A password is one whatever it
    reads like; a token or key must read as random (``token: in-the-secret-store`` is a
    sentence). Placeholders, references (``${VAR}``) and masked values are not."""
    if value.lower() in PLACEHOLDERS or "…" in value or value.startswith(("${", "$(", "<")):
        return False
    if key.lower() in ("password", "passwd", "pwd"):
        return True
    return _looks_random(value)


def _looks_random(value: str) -> bool:
    """Letters mixed with digits, or high entropy."""
    has_digit = any(character.isdigit() for character in value)
    has_letter = any(character.isalpha() for character in value)
    return (has_digit and has_letter) or _entropy(value) >= 3.5


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(count / len(value) * math.log2(count / len(value)) for count in counts.values())


def mask(secret: str) -> str:
    """Enough to find it, never enough to use it: ``ghp_…(40 characters)``."""
    return f"{secret[:4]}…({len(secret)} characters)"


def redact(text: str) -> str:
    """``text`` with every secret masked."""
    secrets = find(text)
    if not secrets:
        return text
    parts: list[str] = []
    position = 0
    for secret in secrets:
        parts.append(text[position:secret.start])
        parts.append(mask(text[secret.start:secret.end]))
        position = secret.end
    parts.append(text[position:])
    return "".join(parts)
