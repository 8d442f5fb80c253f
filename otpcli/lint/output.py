"""Render lint findings: full, concise, json, github, sarif and junit."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any
from xml.etree import ElementTree

from otpcli import DOCS_URL, __version__, secrets
from otpcli.console import github_annotation, repository_prefix
from otpcli.errors import printable
from otpcli.lint.engine import LintReport
from otpcli.lint.rules import RULES, Rule

FORMATS = ("full", "concise", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def summary_line(report: LintReport) -> str:
    if not report.findings:
        extra = _extras(report)
        return "All checks passed!" + (f" ({extra})" if extra else "")
    parts = []
    if report.errors:
        parts.append(f"{report.errors} error{'s' if report.errors != 1 else ''}")
    if report.warnings:
        parts.append(f"{report.warnings} warning{'s' if report.warnings != 1 else ''}")
    extra = _extras(report)
    return f"Found {' and '.join(parts)}." + (f" ({extra})" if extra else "")


def _extras(report: LintReport) -> str:
    notes = []
    if report.suppressed:
        notes.append(f"{report.suppressed} suppressed")
    if report.baselined:
        notes.append(f"{report.baselined} in the baseline")
    return ", ".join(notes)


def concise(report: LintReport) -> str:
    lines = [f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
             for f in report.findings]
    return "\n".join([*lines, summary_line(report)]) + "\n"


def full(report: LintReport) -> str:
    """Each finding with its source line and a caret under the exact span, like ruff."""
    texts: dict[str, list[str]] = {}
    blocks = []
    for finding in report.findings:
        if finding.file not in texts:
            texts[finding.file] = report.texts.get(finding.file, "").splitlines()
        lines = texts[finding.file]
        head = (f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                f"[{finding.severity}] {finding.message}")
        block = [head]
        if 0 < finding.line <= len(lines):
            raw = printable(lines[finding.line - 1].rstrip().expandtabs(1))
            source, column, end = _windowed(*_shown_line(raw, finding.column,
                                                         finding.end_column if finding.end_line
                                                         == finding.line else len(raw) + 1))
            gutter = " " * len(str(finding.line))
            width = max(1, min(end, len(source) + 1) - column)
            block += [f"{gutter} |", f"{finding.line} | {source}",
                      f"{gutter} | {' ' * (column - 1)}{'^' * width} {finding.name}"]
        blocks.append("\n".join(block))
    by_code = Counter(f.code for f in report.findings)
    table = [f"{count:>5}  {code}  {_rule(code).name}" for code, count in sorted(by_code.items())]
    body = "\n\n".join(blocks)
    return (body + "\n\n" if body else "") + ("\n".join(table) + "\n" if len(by_code) > 1
                                              else "") + summary_line(report) + "\n"


def _shown_line(raw: str, column: int, end: int) -> tuple[str, int, int]:
    """The source line under a finding with every secret masked, and the finding's span moved
    to match (a masked secret is shorter or longer than the secret)."""
    source = secrets.redact(raw)
    if source == raw:
        return raw, column, end
    return (source, len(secrets.redact(raw[:column - 1])) + 1,
            len(secrets.redact(raw[:max(column, end) - 1])) + 1)


#: A source line longer than this is shown as a window around the finding (a 10,000-deep
#: nesting on one line would otherwise fill the terminal twice over).
EXCERPT_WIDTH = 120


def _windowed(source: str, column: int, end: int) -> tuple[str, int, int]:
    if len(source) <= EXCERPT_WIDTH:
        return source, column, end
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 3, len(source) - EXCERPT_WIDTH))
    stop = start + EXCERPT_WIDTH
    prefix = "…" if start else ""
    suffix = "…" if stop < len(source) else ""
    shift = start - len(prefix)
    return (prefix + source[start:stop] + suffix, column - shift,
            min(end, stop + 1) - shift)


def lint_document(report: LintReport) -> dict[str, Any]:
    """The findings as the JSON format documents them (``--format json``, MCP)."""
    return {
        "findings": [finding.as_json() for finding in report.findings],
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "files_checked": report.files_checked,
            "suppressed": report.suppressed,
            "baselined": report.baselined,
            "by_code": dict(sorted(Counter(f.code for f in report.findings).items())),
        },
    }


def as_json(report: LintReport) -> str:
    return json.dumps(lint_document(report), indent=2) + "\n"


def github(report: LintReport) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on repo-relative paths."""
    prefix = repository_prefix(report.root)
    lines = []
    for f in report.findings:
        lines.append(github_annotation(f.severity, f.message, file=prefix + f.file,
                                       line=f.line, column=f.column, title=f"{f.code} {f.name}",
                                       end_line=f.end_line, end_column=f.end_column))
    return "\n".join([*lines, summary_line(report)]) + "\n"


def _rule(code: str) -> type[Rule]:
    return next(rule for rule in RULES if rule.code == code)


def rule_help_uri(rule: type[Rule]) -> str:
    return f"{DOCS_URL}/rules.md#{rule.code.lower()}-{rule.name}"


def rules_markdown(rules: list[type[Rule]]) -> str:
    """The rule catalogue as docs/rules.md holds it (generated; a test keeps it in sync)."""
    parts = [
        "# Lint rules\n",
        "Generated from the rules' docstrings by `otp rule --all --format markdown`; "
        "`otp rule CODE` prints one. Codes and names are stable.\n",
        "| code | name | default | summary |\n|---|---|---|---|",
        *(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity} | {r.summary()} |"
          for r in rules),
        "",
    ]
    for rule in rules:
        body = rule.documentation().split("\n", 1)[1].strip()
        body = body.replace("## ", "### ")
        parts.append(f"## {rule.code} {rule.name}\n\n"
                     f"{rule.summary()} Default severity: {rule.severity}.\n\n{body}\n")
    return "\n".join(parts)


def sarif(report: LintReport) -> str:
    """SARIF 2.1.0 for GitHub code scanning and other viewers."""
    rules = list(RULES)
    index = {rule.code: position for position, rule in enumerate(rules)}
    prefix = repository_prefix(report.root)
    occurrences: Counter[tuple[str, str, str]] = Counter()
    results = []
    reasons = {id(finding): reason for finding, reason in report.suppressed_findings}
    for f in [*report.findings, *(finding for finding, _ in report.suppressed_findings)]:
        key = f.baseline_key()
        occurrences[key] += 1
        fingerprint = hashlib.sha256(
            "\0".join([*key, f.path, str(occurrences[key])]).encode()
        ).hexdigest()
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": prefix + f.file, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column},
            }}],
            "partialFingerprints": {"otpFindingKey/v1": fingerprint},
            **({"suppressions": [{"kind": "inSource", "justification": reasons[id(f)]}]}
               if id(f) in reasons else {}),
        })
    document: dict[str, Any] = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "otp",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": DOCS_URL,
                "rules": [_sarif_rule(rule) for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, indent=2) + "\n"


def _sarif_rule(rule: type[Rule]) -> dict[str, Any]:
    documentation = rule.documentation()
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.section("What it does") or rule.summary()},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": rule_help_uri(rule),
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": [rule.name]},
    }


def junit(report: LintReport) -> str:
    """JUnit XML: one test case per finding, a `<failure>` for what fails the run (errors, and
    warnings under `lint.strict`) and `<skipped>` with the message for a warning that does
    not, as ruff does; files are repository-relative like SARIF's; one passing case when
    there is nothing to report."""
    prefix = repository_prefix(report.root)
    failing = [f for f in report.findings if f.severity == "error" or report.strict]
    suites = ElementTree.Element("testsuites", name="otp lint")
    suite = ElementTree.SubElement(
        suites, "testsuite", name="otp lint", tests=str(max(1, len(report.findings))),
        failures=str(len(failing)), errors="0",
        skipped=str(len(report.findings) - len(failing)), time="0",
    )
    if not report.findings:
        ElementTree.SubElement(suite, "testcase", classname="otp", name="lint", time="0")
    for f in report.findings:
        file = printable(prefix + f.file)  # XML 1.0 forbids control characters
        message = printable(f.message)
        case = ElementTree.SubElement(
            suite, "testcase", classname=file,
            name=f"{f.code} {f.name} at {f.line}:{f.column}", file=file, line=str(f.line),
            time="0",
        )
        text = f"{file}:{f.line}:{f.column}: {f.code} [{f.severity}] {message}"
        if f in failing:
            failure = ElementTree.SubElement(case, "failure", message=message, type=f.code)
            failure.text = text
        else:
            skipped = ElementTree.SubElement(case, "skipped", message=message)
            skipped.text = text
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        suites, encoding="unicode") + "\n"


def _fingerprints(report: LintReport) -> list[tuple[Any, str]]:
    """Each reported finding with a fingerprint that survives edits elsewhere in the file (its
    file, rule, subject and how many times that occurred before), as SARIF's."""
    occurrences: Counter[tuple[str, str, str]] = Counter()
    found = []
    for f in report.findings:
        key = f.baseline_key()
        occurrences[key] += 1
        found.append((f, hashlib.sha256(
            "\0".join([*key, f.path, str(occurrences[key])]).encode()).hexdigest()))
    return found


GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def gitlab(report: LintReport) -> str:
    """GitLab Code Quality: a JSON list of issues (description, check_name, fingerprint,
    severity, location.path, location.lines.begin), paths relative to the repository."""
    prefix = repository_prefix(report.root)
    issues = [{
        "description": f"{f.code} {f.message}",
        "check_name": f"{f.code} {f.name}",
        "fingerprint": fingerprint,
        "severity": GITLAB_SEVERITY[f.severity],
        "location": {"path": prefix + f.file, "lines": {"begin": f.line, "end": f.end_line}},
    } for f, fingerprint in _fingerprints(report)]
    return json.dumps(issues, indent=2) + "\n"


def rdjson(report: LintReport) -> str:
    """The Reviewdog Diagnostic Format (rdjson), for reviewdog's `-f=rdjson`."""
    prefix = repository_prefix(report.root)
    diagnostics = [{
        "message": f.message,
        "location": {"path": prefix + f.file, "range": {
            "start": {"line": f.line, "column": f.column},
            "end": {"line": f.end_line, "column": f.end_column}}},
        "severity": f.severity.upper(),
        "code": {"value": f.code, "url": rule_help_uri(_rule(f.code))},
    } for f in report.findings]
    return json.dumps({"source": {"name": "otp", "url": DOCS_URL},
                       "diagnostics": diagnostics}, indent=2) + "\n"


RENDERERS = {
    "concise": concise,
    "full": full,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
    "gitlab": gitlab,
    "rdjson": rdjson,
}


def render(report: LintReport, output_format: str) -> str:
    return RENDERERS[output_format](report)
