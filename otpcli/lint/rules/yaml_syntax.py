from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.yamlfile import Span


class YamlSyntax(Rule):
    """A file is not valid YAML, not UTF-8 text, empty, or repeats a key.

    ## What it does
    Reports org files that cannot be read as one YAML document: syntax
    errors, binary or non-UTF-8 content, empty files, a key written twice in
    one mapping, merge keys (`<<`) and custom tags.

    ## Why is this bad?
    A file otp cannot read is a seat missing from the chart and the
    scorecard. A repeated key is worse: YAML tools disagree on which value
    wins, so two readers of the same file see two different orgs.

    ## Example
    ```yaml
    title: Data Integrity Analyst
    reports_to: bogdan
    reports_to: david
    ```

    ## Use instead
    ```yaml
    title: Data Integrity Analyst
    reports_to: bogdan
    ```
    """

    code = "OTP001"
    name = "yaml-syntax"
    severity = "error"
    kind = "yaml-syntax"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for problem in context.problems:
            if problem.kind == self.kind:
                yield Violation(problem.file, problem.message, path=problem.path, span=Span(
                    problem.line, problem.column, problem.end_line or problem.line,
                    problem.end_column or problem.column))
