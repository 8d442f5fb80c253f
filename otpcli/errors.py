"""Problems found in org files, and the exit codes every command shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple


class ExitCode:
    """Exit codes, documented in docs/cli.md. (Plain ints: this module loads on every call.)"""

    OK = 0
    FAILED = 1  # the command ran and found what it was asked to fail on (lint errors, --fail-on)
    CANNOT_RUN = 2  # bad arguments, an org that does not load, a refused operation


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with control characters (but tab and newline) shown as escapes (``\\x1b``):
    org text must never drive the terminal that shows it (retitle it, clear it, hide
    lines) or break the XML and logs it ends up in."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Problem(NamedTuple):
    """One thing wrong with one file, pointing at a 1-based line and column.

    ``kind`` names the problem family (``yaml-syntax``, ``schema-violation``,
    ``duplicate-id``); ``otp lint`` maps it to a rule code.
    """

    file: str
    line: int
    column: int
    message: str
    kind: str = "schema-violation"
    end_line: int | None = None
    end_column: int | None = None
    path: tuple[str | int, ...] = ()

    def render(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class OtpError(Exception):
    """An error a command reports as one line and a documented exit code, never a traceback."""

    def __init__(
        self,
        message: str,
        exit_code: int = ExitCode.CANNOT_RUN,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        #: printed one per line before the message
        self.problems = problems or []


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def did_you_mean(given: str, known: Iterable[str], otherwise: str = "") -> str:
    """"did you mean `x`?" naming the one of ``known`` closest to ``given`` (a typo of a
    command, seat, outcome, status, format or rule), else ``otherwise``. Every suggestion otp
    makes comes from here, so they all read alike."""
    import difflib

    close = difflib.get_close_matches(given, list(known), n=1)
    return f"did you mean `{close[0]}`?" if close else otherwise


class OrgLoadError(OtpError):
    """The org repository does not load; every problem is listed."""

    def __init__(self, problems: list[Problem], revision: str | None = None) -> None:
        where = f" at {revision}" if revision else ""
        super().__init__(f"the org{where} does not load: {plural(len(problems), 'problem')}",
                         problems=problems)
