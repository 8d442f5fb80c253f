"""A checker for GitHub's CODEOWNERS syntax, as GitHub documents it.

A line is blank, a comment (``#``), or a pattern followed by one or more owners separated
by spaces. Patterns follow gitignore rules except that ``!`` (negation) and ``[ ]``
(character ranges) are not supported, and a pattern starting with ``#`` must be escaped as
``\\#``. An owner is ``@username`` (a GitHub handle), ``@org/team`` or an email address.
GitHub skips a line it cannot read, silently, and ignores a file over 3 MB: this checker
refuses both.
"""

from __future__ import annotations

import re

HANDLE = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
OWNER = re.compile(rf"^(?:@{HANDLE}(?:/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")
MAX_BYTES = 3 * 1024 * 1024


def check_codeowners(text: str) -> list[str]:
    """Every line GitHub would skip or misread; empty when the file is valid."""
    errors: list[str] = []
    if len(text.encode()) > MAX_BYTES:
        errors.append("over 3 MB: GitHub ignores the whole file")
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        pattern, *owners = re.split(r"(?<!\\)\s+", stripped)
        where = f"line {number}"
        if pattern.startswith("!"):
            errors.append(f"{where}: negation (`!`) is not supported")
        if "[" in pattern or "]" in pattern:
            errors.append(f"{where}: character ranges (`[ ]`) are not supported")
        if not owners:
            errors.append(f"{where}: `{pattern}` names no owner (the file would be unowned)")
        for owner in owners:
            if owner.startswith("#"):
                break  # a trailing comment
            if len(owner.lstrip("@").split("/")[0]) > 39 or not OWNER.match(owner):
                errors.append(f"{where}: `{owner}` is not @user, @org/team or an email")
        if pattern in seen:
            errors.append(f"{where}: `{pattern}` repeats line {seen[pattern]}")
        seen[pattern] = number
    return errors


def owners_of(text: str) -> dict[str, list[str]]:
    """Pattern -> owners, last match winning as on GitHub (for exact patterns)."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            pattern, *owners = stripped.split()
            found[pattern] = owners
    return found
