from __future__ import annotations

from collections.abc import Iterator

from otpcli import secrets
from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.yamlfile import Span


class SecretInFile(Rule):
    """An org file contains an API key, token or password.

    ## What it does
    Scans `otp.yaml` and every seat file for credentials in the formats the
    providers document: private key blocks, AWS, GitHub, GitLab, Slack tokens
    and webhooks, Stripe, OpenAI, Anthropic, Google API keys and OAuth client
    secrets, Hugging Face, Twilio, SendGrid, npm, PyPI and Meta tokens, JWTs,
    URLs with a password, bearer tokens, and values of keys named like
    password, secret, api_key or token that read as credentials. Messages show
    only the first four characters and the length, and every other output of
    otp masks the secret the same way.

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
        org = context.org
        documents = [org.config_document, *(seat.document for seat in org.seats.values())]
        clean = {document.file for document in documents
                 if document is not None and not document.may_hold_secret}
        for file, text in context.yaml_texts().items():
            if file in clean:
                continue  # its text was found free of secrets when it was read
            for found in secrets.find(text):
                line_start = text.rfind("\n", 0, found.start) + 1
                line = text.count("\n", 0, found.start) + 1
                secret = text[found.start:found.end]
                column = found.start - line_start + 1
                end_line = line + secret.count("\n")
                end_column = (column + len(secret) if end_line == line
                              else len(secret) - secret.rfind("\n"))
                yield Violation(file, f"{found.label} in an org file "
                                f"({secrets.mask(secret)}); remove it, rotate it (it stays in "
                                "git history), and keep it in a secret store",
                                span=Span(line, column, end_line, end_column))
