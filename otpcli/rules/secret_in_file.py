from __future__ import annotations

import re
from collections.abc import Iterator

from otpcli.rules.base import LintContext, Rule, Violation
from otpcli.yamlfile import Span

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Anthropic API key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{20,}")),
    ("OpenAI API key", re.compile(r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}")),
    ("Stripe key", re.compile(r"\b[rs]k_live_[A-Za-z0-9]{16,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("password or token", re.compile(
        r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|token)"
        r"\s*[:=]\s*[\"']?(?P<value>[^\s\"'#,}\]]{8,})")),
)


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
            for line_number, line in enumerate(text.splitlines(), start=1):
                yield from self._scan(file, line_number, line)

    def _scan(self, file: str, line_number: int, line: str) -> Iterator[Violation]:
        for kind, pattern in _PATTERNS:
            match = pattern.search(line)
            if match is None:
                continue
            start, end = match.span("value") if "value" in pattern.groupindex else match.span()
            secret = line[start:end]
            yield Violation(file, f"{kind} in an org file ({mask(secret)}); remove it, rotate "
                            "it (it stays in git history), and keep it in a secret store",
                            span=Span(line_number, start + 1, line_number, end + 1))
            return
