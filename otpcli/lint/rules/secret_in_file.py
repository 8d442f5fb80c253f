from __future__ import annotations

import re
from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.yamlfile import Span

_KINDS: tuple[tuple[str, str, str], ...] = (
    ("private_key", "private key", r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"),
    ("aws", "AWS access key", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    ("github", "GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})"),
    ("slack", "Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    ("anthropic", "Anthropic API key", r"\bsk-ant-[A-Za-z0-9_-]{20,}"),
    ("openai", "OpenAI API key", r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}"),
    ("stripe", "Stripe key", r"\b[rs]k_live_[A-Za-z0-9]{16,}"),
    ("google", "Google API key", r"\bAIza[0-9A-Za-z_-]{35}"),
    ("assigned", "password or token",
     r"(?i:\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|token))"
     r"[ \t]*[:=][ \t]*[\"']?(?P<value>[^\s\"'#,}\]]{8,})"),
)
# One pass over each file finds every kind; the named group says which matched.
_SECRET = re.compile("|".join(f"(?P<{group}>{pattern})" for group, _, pattern in _KINDS))
_LABELS = {group: label for group, label, _ in _KINDS}
#: Every pattern above contains one of these (lowercased); a file with none has no secret.
_TRIGGERS = ("-----begin", "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
             "xox", "sk-", "sk_live", "rk_live", "aiza", "passw", "pwd", "secret", "api_key",
             "api-key", "apikey", "token")


def mask(secret: str) -> str:
    """Enough to find it, never enough to use it."""
    return f"{secret[:4]}…({len(secret)} characters)"


class SecretInFile(Rule):
    """An org file contains an API key, token or password.

    ## What it does
    Scans `otp.yaml` and every seat file for credentials: private keys, AWS,
    GitHub, Slack, OpenAI, Anthropic, Stripe and Google keys, and values of
    keys named like password, secret, api_key or token. Messages show only
    the first four characters.

    ## Why is this bad?
    The org repository is read by everyone who reviews a pull request, and
    by every agent with access to it. A credential committed there is
    leaked, and stays in git history after it is deleted: rotate it.

    ## Example
    ```yaml
    tools:
      - "Meta Ads API (token: EAAGm0PX4ZCpsBAKZC9fQ3)"
    ```

    ## Use instead
    ```yaml
    tools:
      - Meta Ads API (token in the agent's secret store)
    ```
    """

    code = "OTP205"
    name = "secret-in-file"
    severity = "error"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for file, text in context.yaml_texts().items():
            lowered = text.lower()
            if not any(trigger in lowered for trigger in _TRIGGERS):
                continue  # substring search is far cheaper than the regex on clean files
            for match in _SECRET.finditer(text):
                kind = match.lastgroup if match.lastgroup != "value" else "assigned"
                start, end = match.span("value") if match.group("value") else match.span()
                line_start = text.rfind("\n", 0, start) + 1
                line = text.count("\n", 0, start) + 1
                secret = text[start:end]
                column = start - line_start + 1
                yield Violation(file, f"{_LABELS[kind or 'assigned']} in an org file "
                                f"({mask(secret)}); remove it, rotate it (it stays in git "
                                "history), and keep it in a secret store",
                                span=Span(line, column, line, column + len(secret)))
