"""Rules about suppression comments; the lint core produces their findings."""

from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation


class UnusedSuppression(Rule):
    """A suppression comment suppresses nothing.

    ## What it does
    Reports an `# otp: ignore[CODE] reason` comment when no finding with that
    code is on its line (or, for a comment on a line of its own, the next
    line), or when it names an unknown rule.

    ## Why is this bad?
    A stale suppression hides the next real problem on that line, and tells
    readers something is wrong that no longer is.

    ## Example
    ```yaml
    # otp: ignore[OTP104] exceptions are being designed with Bogdan
    - id: gross-margin   # this outcome now has exceptions
    ```

    ## Use instead
    ```yaml
    - id: gross-margin
    ```
    """

    code = "OTP900"
    name = "unused-suppression"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        return iter(())


class SuppressionWithoutReason(Rule):
    """A suppression comment gives no reason.

    ## What it does
    Reports an `# otp: ignore[CODE]` comment with nothing after the closing
    bracket.

    ## Why is this bad?
    A suppression is a decision that a rule does not apply here. Without the
    reason, the next reviewer cannot tell a considered exception from a
    silenced error.

    ## Example
    ```yaml
    - id: uptime   # otp: ignore[OTP106]
    ```

    ## Use instead
    ```yaml
    - id: uptime   # otp: ignore[OTP106] contractual SLA metric, reviewed by Bogdan
    ```
    """

    code = "OTP901"
    name = "suppression-without-reason"
    severity = "warning"

    def check(self, context: LintContext) -> Iterator[Violation]:
        return iter(())
