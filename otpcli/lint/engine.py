"""The lint core: run the selected rules, stamp code, severity and position on what they
report, then apply configuration, suppression comments, --changed-since and a baseline."""

from __future__ import annotations

import fnmatch
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from otpcli import clock
from otpcli.errors import OtpError
from otpcli.fileio import write_text_atomic
from otpcli.lint.rules import RULES, Rule
from otpcli.lint.rules.base import LintContext, Severity, Violation
from otpcli.lint.rules.suppressions import SuppressionWithoutReason, UnusedSuppression
from otpcli.org.load import (
    CONFIG_FILE,
    PARALLEL_FROM,
    LoadResult,
    Org,
    load_edited,
    load_org,
)
from otpcli.org.model import LintConfig, Outcome
from otpcli.org.source import DiskSource, OrgSource
from otpcli.org.yamlfile import Document, Span, format_path
from otpcli.workers import jobs_for, run_batches

BASELINE_VERSION = 1
_SUPPRESSION = re.compile(r"(?:^|\s)#\s*otp:\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""
    subject: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("subject")
        return data

    def baseline_key(self) -> tuple[str, str, str]:
        return (self.file, self.code, self.subject)


@dataclass
class LintOptions:
    """What the command line asks for; ``None`` means "as otp.yaml says"."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    changed_since: str | None = None
    baseline: Path | None = None
    today: date | None = None


@dataclass
class LintReport:
    root: Path
    findings: list[Finding]
    files_checked: int
    suppressed: int = 0
    baselined: int = 0
    strict: bool = False  # lint.strict in otp.yaml
    #: the text of every org YAML file, as it was linted (for source excerpts)
    texts: dict[str, str] = field(default_factory=dict)
    all_findings: list[Finding] = field(default_factory=list)  # before --changed-since/baseline
    #: findings a `# otp: ignore[...]` comment suppressed, with the comment's reason (SARIF
    #: keeps them, marked as suppressed in source)
    suppressed_findings: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "warning")


def resolve(selectors: Iterable[str], where: str) -> set[str]:
    """Rule codes matched by codes, code prefixes (``OTP1``), names, or ``ALL``."""
    codes: set[str] = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        upper = selector.upper()
        matched = {rule.code for rule in RULES
                   if upper == "ALL" or rule.code.startswith(upper) or rule.name == selector}
        if not matched:
            from otpcli.errors import did_you_mean

            known = [rule.code for rule in RULES] + [rule.name for rule in RULES]
            hint = did_you_mean(selector, known)
            hint += " " if hint else ""
            raise OtpError(f"{where}: `{selector}` matches no rule; {hint}use a code (OTP102), "
                           "a prefix (OTP1) or a name (outcome-missing-range); see "
                           "`otp rule --all`")
        codes |= matched
    return codes


def selected_rules(config: LintConfig, options: LintOptions) -> set[str]:
    select = options.select if options.select is not None else config.select
    codes = resolve(select, "--select" if options.select is not None else "lint.select") \
        if select is not None else {rule.code for rule in RULES}
    codes |= resolve(config.extend_select, "lint.extend_select")
    codes |= resolve(options.extend_select, "--extend-select")
    codes -= resolve(config.ignore, "lint.ignore")
    codes -= resolve(options.ignore, "--ignore")
    return codes


def run_lint(
    root: Path, options: LintOptions | None = None, overrides: dict[str, str] | None = None,
    source: OrgSource | None = None, loaded: LoadResult | None = None,
) -> LintReport:
    """Lint the org at ``root`` (with ``overrides``: as if those files held that text; with
    ``source``: as read from there, such as a git revision; with ``loaded``: that org, already
    loaded, and ``overrides`` applied to it by parsing only those files)."""
    options = options or LintOptions()
    if loaded is None:
        loaded = load_org(root, overrides, source)
    elif overrides:
        loaded = load_edited(loaded, overrides)
    org = loaded.org
    config = org.config.lint
    codes = selected_rules(config, options)
    severities = {code: severity for selector, severity in config.severity.items()
                  for code in resolve([selector], f"lint.severity.{selector}")}
    file_ignores = [(pattern, resolve(selectors, f"lint.per_file_ignores.{pattern}"))
                    for pattern, selectors in config.per_file_ignores.items()]
    context = LintContext(org=org, problems=loaded.problems, today=options.today or clock.today())
    rules = [rule for rule in RULES if rule.code in codes]
    violations = _check(rules, context)
    findings: list[Finding] = []
    for rule in rules:
        severity: Severity = severities.get(rule.code, rule.severity)
        for violation in violations[rule.code]:
            # a rule reporting load problems (a `kind`) is the schema error itself
            if getattr(rule, "kind", None) or not _follows_from_invalid(org, violation):
                findings.append(_finding(rule, severity, violation, org))
    context.save_cache()
    findings = [f for f in findings
                if not any(f.code in ignored and fnmatch.fnmatch(f.file, pattern)
                           for pattern, ignored in file_ignores)]
    silenced: list[tuple[Finding, str]] = []
    findings, suppressed = _apply_suppressions(findings, context, codes, severities, silenced)
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    report = LintReport(root=root, findings=findings, files_checked=len(context.yaml_texts()),
                        suppressed=suppressed, all_findings=list(findings),
                        suppressed_findings=silenced,
                        strict=config.strict, texts=context.yaml_texts())
    if options.changed_since is not None:
        changed = changed_files(root, options.changed_since)
        report.findings = [f for f in report.findings if f.file in changed]
    if options.baseline is not None:
        report.findings, report.baselined = _apply_baseline(report.findings, options.baseline)
    return report


def _check(rules: list[type[Rule]], context: LintContext) -> dict[str, list[Violation]]:
    """Every rule's violations by code. On a large org read from the work tree the rules
    that read no measurements run in a forked process beside the ones that do (which stay
    here, where the measurement cache is saved); the outcome is the same either way."""

    def check(batch: Sequence[type[Rule]]) -> list[tuple[str, list[Violation]]]:
        return [(rule.code, list(rule().check(context))) for rule in batch]

    here = [rule for rule in rules if rule.reads_measurements]
    elsewhere = [rule for rule in rules if not rule.reads_measurements]
    source = context.org.source
    if not here or not elsewhere or not isinstance(source, DiskSource | None) or \
            jobs_for(len(context.org.seats), PARALLEL_FROM) < 2:
        return dict(check(rules))
    return dict(run_batches(check, [here, elsewhere]))


def _follows_from_invalid(org: Org, violation: Violation) -> bool:
    """Whether a finding is about a value that failed validation in a seat loaded as far as
    it validates: the schema error reports it, and the finding would only follow from it."""
    stem = violation.file.removeprefix("seats/").removesuffix(".yaml")
    seat_file = org.seats.get(stem)
    if seat_file is None or not seat_file.invalid or seat_file.file != violation.file or \
            (not violation.path and violation.span is not None):
        return False
    path = violation.path
    return any(bad[:len(path)] == path or path[:len(bad)] == bad for bad in seat_file.invalid)


def _finding(rule: type[Rule], severity: Severity, violation: Violation, org: Org) -> Finding:
    document = _document_for(org, violation.file)
    span = violation.span
    if span is None:
        if document is None:
            span = Span(1, 1, 1, 1)
        else:
            span = document.key_span(violation.path) if violation.on_key \
                else document.span(violation.path)
            span = _first_line(span, document)
    return Finding(
        code=rule.code, name=rule.name, severity=severity, message=violation.message,
        file=violation.file, line=span.line, column=span.column, end_line=span.end_line,
        end_column=span.end_column, path=format_path(violation.path),
        subject=_subject(org, violation),
    )


def _document_for(org: Org, file: str) -> Document | None:
    if file == CONFIG_FILE:
        return org.config_document
    stem = file.removeprefix("seats/").removesuffix(".yaml")
    seat_file = org.seats.get(stem)
    return seat_file.document if seat_file is not None and seat_file.file == file else None


def _first_line(span: Span, document: Document) -> Span:
    """A block (an outcome, a mapping) is shown by its first line."""
    if span.end_line == span.line:
        return span
    lines = document.text.splitlines()
    text = lines[span.line - 1] if span.line <= len(lines) else ""
    return Span(span.line, span.column, span.line, max(span.column, len(text.rstrip()) + 1))


def _subject(org: Org, violation: Violation) -> str:
    """What a finding is about, stable across edits: an outcome id, a seat id or nothing."""
    stem = violation.file.removeprefix("seats/").removesuffix(".yaml")
    seat_file = org.seats.get(stem)
    if seat_file is None or seat_file.file != violation.file:
        return ""
    path = violation.path
    if len(path) >= 2 and path[0] == "outcomes" and isinstance(path[1], int):
        outcomes = seat_file.seat.outcomes
        if path[1] < len(outcomes):
            entry = outcomes[path[1]]
            return entry.id if isinstance(entry, Outcome) else f"{stem}: {entry}"
    return stem


@dataclass
class _Suppression:
    file: str
    line: int  # the comment's line
    target: int  # the line it applies to
    column: int
    end_column: int
    selectors: list[str]
    codes: set[str]
    unknown: list[str]
    reason: str
    used: bool = False


def _parse_suppressions(file: str, text: str) -> list[_Suppression]:
    found: list[_Suppression] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "otp:" not in line:
            continue
        match = _SUPPRESSION.search(line)
        if match is None:
            continue
        selectors = [part.strip() for part in match["codes"].split(",") if part.strip()]
        codes: set[str] = set()
        unknown: list[str] = []
        for selector in selectors:
            try:
                codes |= resolve([selector], "suppression")
            except OtpError:
                unknown.append(selector)
        target = index + 1
        if line.lstrip().startswith("#"):
            following = index + 1
            while following < len(lines) and (
                not lines[following].strip() or lines[following].lstrip().startswith("#")
            ):
                following += 1
            target = following + 1
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        found.append(_Suppression(file, index + 1, target, start + 1, len(line.rstrip()) + 1,
                                  selectors, codes, unknown, match["reason"].strip()))
    return found


def _apply_suppressions(
    findings: list[Finding], context: LintContext, codes: set[str],
    severities: dict[str, Severity], silenced: list[tuple[Finding, str]],
) -> tuple[list[Finding], int]:
    suppressions = [s for file, text in context.yaml_texts().items() if "otp:" in text
                    for s in _parse_suppressions(file, text)]
    if not suppressions:
        return findings, 0
    by_line: dict[tuple[str, int], list[_Suppression]] = {}
    for suppression in suppressions:
        by_line.setdefault((suppression.file, suppression.target), []).append(suppression)
        if suppression.line != suppression.target:
            by_line.setdefault((suppression.file, suppression.line), []).append(suppression)
    kept: list[Finding] = []
    for finding in findings:
        matching = [s for s in by_line.get((finding.file, finding.line), [])
                    if finding.code in s.codes]
        for suppression in matching:
            suppression.used = True
        if not matching:
            kept.append(finding)
        else:
            silenced.append((finding, matching[0].reason or ""))
    extra: list[Finding] = []
    for suppression in suppressions:
        span = Span(suppression.line, suppression.column, suppression.line,
                    suppression.end_column)
        if UnusedSuppression.code in codes:
            if suppression.unknown:
                extra.append(_comment_finding(UnusedSuppression, severities, suppression, span,
                    f"suppression names no rule: {', '.join(suppression.unknown)}; use codes "
                    "such as OTP104 or names such as outcome-missing-review-conditions"))
            elif not suppression.used and suppression.codes and suppression.codes <= codes:
                extra.append(_comment_finding(UnusedSuppression, severities, suppression, span,
                    f"suppression of {', '.join(suppression.selectors)} suppresses nothing on "
                    f"line {suppression.target}; remove it"))
        if SuppressionWithoutReason.code in codes and not suppression.reason:
            extra.append(_comment_finding(SuppressionWithoutReason, severities, suppression, span,
                "suppression gives no reason; say why the rule does not apply here, after "
                "the closing bracket"))
    return kept + extra, len(findings) - len(kept)


def _comment_finding(rule: type[Rule], severities: dict[str, Severity],
                     suppression: _Suppression, span: Span, message: str) -> Finding:
    return Finding(code=rule.code, name=rule.name,
                   severity=severities.get(rule.code, rule.severity), message=message,
                   file=suppression.file, line=span.line, column=span.column,
                   end_line=span.end_line, end_column=span.end_column)


def changed_files(root: Path, ref: str) -> set[str]:
    """Org-relative files changed since the merge-base of ``ref`` and HEAD, including
    uncommitted and untracked changes."""
    import git

    from otpcli.git import open_repo

    repo = open_repo(root)
    try:
        bases = repo.merge_base(ref, "HEAD")
    except git.GitCommandError:
        raise OtpError(f"--changed-since: `{ref}` is not a commit, branch or tag in "
                       f"{repo.working_dir}") from None
    if not bases or bases[0] is None:
        raise OtpError(f"--changed-since: `{ref}` shares no history with HEAD")
    top = Path(str(repo.working_dir)).resolve()
    names = repo.git.diff("--name-only", "--no-renames", bases[0].hexsha, "--").splitlines()
    names += repo.untracked_files
    prefix = root.resolve().relative_to(top).as_posix()
    changed = set()
    for name in names:
        if prefix in ("", "."):
            changed.add(name)
        elif name.startswith(prefix + "/"):
            changed.add(name[len(prefix) + 1:])
    return changed


def _apply_baseline(findings: list[Finding], baseline: Path) -> tuple[list[Finding], int]:
    try:
        data = json.loads(baseline.read_text(encoding="utf-8"))
        entries = data["findings"]
        known = Counter({(e["file"], e["code"], e["subject"]): int(e.get("count", 1))
                         for e in entries})
    except FileNotFoundError:
        raise OtpError(f"--baseline: {baseline} does not exist; create it with "
                       "--write-baseline") from None
    except (ValueError, KeyError, TypeError):
        raise OtpError(f"--baseline: {baseline} is not an otp baseline file; recreate it with "
                       "--write-baseline") from None
    kept: list[Finding] = []
    for finding in findings:
        key = finding.baseline_key()
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(finding)
    return kept, len(findings) - len(kept)


def write_baseline(findings: list[Finding], path: Path) -> int:
    counts = Counter(finding.baseline_key() for finding in findings)
    entries = [{"file": file, "code": code, "subject": subject, "count": count}
               for (file, code, subject), count in sorted(counts.items())]
    write_text_atomic(path, json.dumps({"otp_baseline": BASELINE_VERSION, "findings": entries},
                                       indent=2) + "\n")
    return len(findings)


def only_in(report: LintReport, root: Path, paths: Iterable[Path]) -> LintReport:
    """The report with only the findings in ``paths`` (files or folders), as pre-commit and
    editors pass them; the whole org was linted, so cross-file findings stay exact.
    :class:`OtpError` for a path outside the org."""
    from dataclasses import replace

    top = root.resolve()
    wanted: list[str] = []
    for path in paths:
        try:
            relative = path.resolve().relative_to(top).as_posix()
        except ValueError:
            raise OtpError(f"{path} is outside the org at {root}; give files or folders of "
                           "the org") from None
        wanted.append("" if relative == "." else relative)

    def chosen(finding: Finding) -> bool:
        return any(not prefix or finding.file == prefix or finding.file.startswith(prefix + "/")
                   for prefix in wanted)

    return replace(report, findings=[finding for finding in report.findings if chosen(finding)])
