from __future__ import annotations

from collections.abc import Iterator

from otpcli.lint.rules.base import LintContext, Rule, Violation
from otpcli.org.yamlfile import Span


class UnsafeFile(Rule):
    """A file otp refuses to read: a link out of the repository, a special file, or too large.

    ## What it does
    Reports org files that otp does not open: a symbolic link that resolves
    outside the repository, a named pipe, device, socket or directory where a
    file belongs, and a file larger than `limits.max_file_bytes` (1 MB by
    default). The file's content is never read, so it never reaches the output.

    ## Why is this bad?
    The org repository is changed through pull requests, and `otp lint` runs
    on them in CI. A link to `/etc/passwd` or to a CI secret would otherwise
    be read and echoed into the log; a FIFO would hang the job and a device
    such as `/dev/zero` would exhaust its memory.

    ## Example
    ```console
    $ ln -s /etc/passwd seats/passwd.yaml
    ```

    ## Use instead
    Commit the seat file itself, as a regular file inside the repository:
    ```yaml
    title: Ad Analytics Lead
    holder: {name: Dash, kind: agent}
    ```
    """

    code = "OTP008"
    name = "unsafe-file"
    severity = "error"
    kind = "unsafe-file"

    def check(self, context: LintContext) -> Iterator[Violation]:
        for problem in context.problems:
            if problem.kind == self.kind:
                yield Violation(problem.file, problem.message,
                                span=Span(problem.line, problem.column, problem.line,
                                          problem.column))
