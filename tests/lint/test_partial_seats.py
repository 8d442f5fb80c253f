"""One broken key must not hide or invent findings (issue 13 section 1): for each key of the
format, a seat file where that key is invalid gives exactly the schema error plus every
finding that does not follow from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from otpcli.lint.engine import LintOptions, run_lint

from .rules.conftest import ROOT_SEAT as ROOT

BEACON = """\
title: Pipeline analyst
holder: {name: Beacon, kind: agent, model: claude-sonnet}
reports_to: ada
accountable: ada
autonomy: 2
capabilities: [pipeline hygiene]
not_owned: [pricing]
tools: [HubSpot]
human_review: [any discount above 10%]
outcomes:
  - id: pipeline
    statement: Keep at least $250,000 of qualified pipeline open every week
    metric: {name: Qualified pipeline, unit: USD, aggregate: last}
    range: {min: 250000}
    timeframe: {cadence: weekly}
    stale_after: 8d
    exceptions:
      - when: out_of_range
        for: 2
        escalate: [{to: ada}]
  - id: enrichment
    statement: Improve lead quality
    metric: {name: Leads scored within an hour of arrival, unit: percent}
    range: {min: 90}
    timeframe: {cadence: weekly}
    exceptions:
      - when: stale
        escalate: [{to: ada}]
"""

HELPER = """\
title: Research helper
holder: {name: Scout, kind: agent}
reports_to: beacon
accountable: ada
autonomy: 1
capabilities: [account research]
outcomes:
  - id: briefs
    statement: At least 95% of account briefs delivered before the first call every week
    metric: {name: Briefs on time, unit: percent}
    range: {min: 95}
    timeframe: {cadence: weekly}
    exceptions:
      - when: out_of_range
        escalate: [{to: beacon}, {to: ada, after: 24h}]
"""

#: (what breaks, old text, new text): one key of the format made invalid in beacon's file
BREAKS = [
    ("title", "title: Pipeline analyst", "title: [1, 2]"),
    ("holder.name", "name: Beacon,", "name: [x],"),
    ("holder.kind", "kind: agent, model", "kind: robot, model"),
    ("holder.model", "model: claude-sonnet", "model: [a, b]"),
    ("holder.github", "model: claude-sonnet}", "model: claude-sonnet, github: 'no!'}"),
    ("reports_to", "reports_to: ada", "reports_to: Ada Lovelace"),
    ("accountable", "accountable: ada", "accountable: 7"),
    ("autonomy", "autonomy: 2", "autonomy: 12"),
    ("capabilities", "capabilities: [pipeline hygiene]", "capabilities: pipeline hygiene"),
    ("not_owned", "not_owned: [pricing]", "not_owned: {a: 1}"),
    ("tools", "tools: [HubSpot]", "tools: 5"),
    ("human_review", "human_review: [any discount above 10%]", "human_review: [[1]]"),
    ("status", "autonomy: 2\n", "autonomy: 2\nstatus: asleep\n"),
    ("unknown key", "autonomy: 2\n", "autonomy: 2\ncolour: red\n"),
    ("outcome id", "id: pipeline", "id: Pipeline_1"),
    ("outcome statement", "statement: Keep at least $250,000 of qualified pipeline open every week",
     "statement: {text: Keep at least}"),
    ("metric unit", "unit: USD, aggregate: last", "unit: dollars, aggregate: last"),
    ("metric aggregate", "aggregate: last", "aggregate: median"),
    ("range", "range: {min: 250000}", "range: {min: lots}"),
    ("cadence", "timeframe: {cadence: weekly}\n    stale_after",
     "timeframe: {cadence: fortnightly}\n    stale_after"),
    ("stale_after", "stale_after: 8d", "stale_after: 8 days"),
    ("exception when", "when: out_of_range\n        for: 2", "when: sometimes\n        for: 2"),
    ("exception for", "for: 2", "for: 0"),
    ("escalate", "for: 2\n        escalate: [{to: ada}]", "for: 2\n        escalate: []"),
    ("escalate to", "for: 2\n        escalate: [{to: ada}]",
     "for: 2\n        escalate: [{to: Ada!}]"),
    ("escalate after", "for: 2\n        escalate: [{to: ada}]",
     "for: 2\n        escalate: [{to: ada, after: soon}]"),
    ("exceptions",
     "    exceptions:\n      - when: out_of_range\n        for: 2\n        escalate: [{to: ada}]\n",
     "    exceptions: often\n"),
    ("metric name", "metric: {name: Qualified pipeline, ", "metric: {name: [q], "),
    ("range max", "range: {min: 250000}", "range: {min: 250000, max: .nan}"),
    ("timeframe until", "timeframe: {cadence: weekly}\n    stale_after",
     "timeframe: {cadence: weekly, until: someday}\n    stale_after"),
    ("serves", "    stale_after: 8d\n", "    stale_after: 8d\n    serves: [a, b]\n"),
    ("reporters", "    stale_after: 8d\n", "    stale_after: 8d\n    reporters: [Not A Seat]\n"),
    # a missing required key
    ("title missing", "title: Pipeline analyst\n", ""),
    ("holder missing", "holder: {name: Beacon, kind: agent, model: claude-sonnet}\n", ""),
    ("holder.kind missing", "kind: agent, ", ""),
    ("metric unit missing", "unit: USD, aggregate: last", "aggregate: last"),
    ("cadence missing", "timeframe: {cadence: weekly}\n    stale_after",
     "timeframe: {until: 2027-01-01}\n    stale_after"),
    ("exception when missing", "      - when: out_of_range\n        for: 2", "      - for: 2"),
]

def _independent(beacon: str) -> tuple[str, str, int]:
    """beacon's own finding that no broken key is about: it must still be reported."""
    line = beacon.splitlines().index("    statement: Improve lead quality") + 1
    return ("OTP105", "seats/beacon.yaml", line)


def _lint(tmp_path: Path, beacon: str) -> set[tuple[str, str, int]]:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: Northwind\ntimezone: UTC\n")
    (root / "seats" / "ada.yaml").write_text(ROOT)
    (root / "seats" / "beacon.yaml").write_text(beacon)
    (root / "seats" / "scout.yaml").write_text(HELPER)
    (root / "measurements" / "pipeline.csv").write_text("at,value,source,note\n")
    report = run_lint(root, LintOptions(today=date(2026, 11, 21)))
    return {(f.code, f.file, f.line) for f in report.findings}


def test_the_valid_org_has_only_the_independent_finding(tmp_path: Path) -> None:
    assert _lint(tmp_path, BEACON) == {_independent(BEACON)}


@pytest.mark.parametrize(("key", "old", "new"), BREAKS, ids=[b[0] for b in BREAKS])
def test_one_broken_key_gives_the_schema_error_and_every_independent_finding(
        tmp_path: Path, key: str, old: str, new: str) -> None:
    assert old in BEACON, key
    broken = BEACON.replace(old, new, 1)
    findings = _lint(tmp_path, broken)
    schema = {f for f in findings if f[0] in ("OTP001", "OTP002")}
    assert schema and all(f[1] == "seats/beacon.yaml" for f in schema), findings
    rest = findings - schema
    # nothing invented: no dangling reference to beacon, no orphan measurements, nothing in
    # the other seats; the independent finding is still there
    assert rest == {_independent(broken)}, (key, sorted(findings))


def test_a_seat_file_that_does_not_parse_is_not_a_dangling_reference(tmp_path: Path) -> None:
    findings = _lint(tmp_path, "title: [unclosed\n")
    assert {f[0] for f in findings} == {"OTP001"}


CONFIG_BREAKS = [("timezone", "timezone: Mars/Olympus\n"), ("week_start", "week_start: funday\n"),
                 ("scorecard", "scorecard: {periods: 0}\n"), ("lint", "lint: {select: 5}\n"),
                 ("limits", "limits: {max_file_bytes: 1}\n"),
                 ("retire", "retire: {agent_reviewers: maybe}\n"),
                 ("unknown key", "colour: red\n")]


@pytest.mark.parametrize(("key", "line"), CONFIG_BREAKS, ids=[b[0] for b in CONFIG_BREAKS])
def test_one_broken_key_of_otp_yaml(tmp_path: Path, key: str, line: str) -> None:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    config = "name: Northwind\n" + ("" if key == "timezone" else "timezone: UTC\n") + line
    (root / "otp.yaml").write_text(config)
    for name, text in (("ada", ROOT), ("beacon", BEACON), ("scout", HELPER)):
        (root / "seats" / f"{name}.yaml").write_text(text)
    (root / "measurements" / "pipeline.csv").write_text("at,value,source,note\n")
    report = run_lint(root, LintOptions(today=date(2026, 11, 21)))
    findings = {(f.code, f.file) for f in report.findings}
    assert findings == {("OTP002", "otp.yaml"), ("OTP105", "seats/beacon.yaml")}, key


#: keys made invalid in the outcome whose statement has the independent finding: the rest of
#: that outcome (its statement among it) is still checked
SAME_OUTCOME = [
    ("metric unit", "unit: percent}", "unit: per cent}"),
    ("range", "range: {min: 90}", "range: {min: high}"),
    ("cadence", "timeframe: {cadence: weekly}\n    exceptions:\n      - when: stale",
     "timeframe: {cadence: biweekly}\n    exceptions:\n      - when: stale"),
    ("cadence missing", "timeframe: {cadence: weekly}\n    exceptions:\n      - when: stale",
     "timeframe: {until: 2027-01-01}\n    exceptions:\n      - when: stale"),
    ("exception when", "when: stale", "when: late"),
    ("escalate to", "when: stale\n        escalate: [{to: ada}]",
     "when: stale\n        escalate: [{to: 'ada lovelace'}]"),
    ("unknown key", "    range: {min: 90}\n", "    range: {min: 90}\n    owner: ada\n"),
]


@pytest.mark.parametrize(("key", "old", "new"), SAME_OUTCOME, ids=[b[0] for b in SAME_OUTCOME])
def test_a_broken_key_keeps_the_rest_of_its_outcome(
        tmp_path: Path, key: str, old: str, new: str) -> None:
    assert BEACON.count(old) == 1, key
    broken = BEACON.replace(old, new)
    findings = _lint(tmp_path, broken)
    schema = {f for f in findings if f[0] == "OTP002"}
    assert schema and all(f[1] == "seats/beacon.yaml" for f in schema), findings
    assert findings - schema == {_independent(broken)}, (key, sorted(findings))


def _lint_files(tmp_path: Path, seats: dict[str, str]) -> set[tuple[str, str, int]]:
    root = tmp_path / "org"
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: Northwind\ntimezone: UTC\n")
    for name, text in seats.items():
        (root / "seats" / f"{name}.yaml").write_text(text)
    (root / "measurements" / "revenue.csv").write_text("at,value,source,note\n")
    report = run_lint(root, LintOptions(today=date(2026, 11, 21)))
    return {(f.code, f.file, f.line) for f in report.findings}


#: the northwind case: the human every agent names as `accountable` has one key missing
ROOT_BREAKS = [
    ("title missing", "title: Founder\n", ""),
    ("holder missing", "holder: {name: Ada, kind: human}\n", ""),
    ("holder.kind missing", "holder: {name: Ada, kind: human}", "holder: {name: Ada}"),
    ("metric name missing", "metric: {name: Recognised revenue, unit: USD}", "metric: {unit: USD}"),
]


@pytest.mark.parametrize(("key", "old", "new"), ROOT_BREAKS, ids=[b[0] for b in ROOT_BREAKS])
def test_the_accountable_human_with_a_missing_key_is_still_a_seat(
        tmp_path: Path, key: str, old: str, new: str) -> None:
    assert ROOT.count(old) == 1, key
    findings = _lint_files(tmp_path, {"ada": ROOT.replace(old, new), "beacon": BEACON,
                                      "scout": HELPER})
    schema = {f for f in findings if f[0] == "OTP002"}
    assert schema and all(f[1] == "seats/ada.yaml" for f in schema), findings
    # beacon's own finding is still reported; no "`ada` is no seat", no "agent without an
    # accountable human", no orphaned revenue measurements
    assert findings - schema == {_independent(BEACON)}, (key, sorted(findings))


def test_a_retired_seat_with_a_broken_retirement_record_is_still_retired(tmp_path: Path) -> None:
    retired = ("title: Old analyst\nholder: {name: Ray, kind: human}\nstatus: retired\n"
               "retirement: {date: 2026-10-01, reason: merged, reviewers: [Not A Seat]}\n")
    findings = _lint_files(tmp_path, {"ada": ROOT, "beacon": BEACON, "scout": HELPER,
                                      "ray": retired})
    assert {f for f in findings if f[1] == "seats/ray.yaml"} and \
        all(f[0] == "OTP002" for f in findings if f[1] == "seats/ray.yaml"), findings
    assert {f for f in findings if f[1] != "seats/ray.yaml"} == {_independent(BEACON)}


AGENT_UNDER_BEACON = """\
title: Enrichment agent
holder: {name: Dot, kind: agent}
reports_to: ada
accountable: beacon
autonomy: 1
outcomes:
  - id: enriched
    statement: At least 95% of new leads enriched within 1 hour every week
    metric: {name: Leads enriched on time, unit: percent}
    range: {min: 95}
    timeframe: {cadence: weekly}
    exceptions:
      - when: out_of_range
        escalate: [{to: beacon}]
"""


def test_a_kind_only_guessed_is_not_held_against_anyone(tmp_path: Path) -> None:
    """beacon's kind is invalid: whether it is an agent is not known, so naming it as
    accountable (OTP202) or as the only rung of a ladder (OTP112) is not a finding."""
    broken = BEACON.replace("kind: agent, model", "kind: robot, model")
    findings = _lint_files(tmp_path, {"ada": ROOT, "beacon": broken, "scout": HELPER,
                                      "dot": AGENT_UNDER_BEACON})
    assert findings - {f for f in findings if f[0] == "OTP002"} == {_independent(broken)}
    # the near miss: with beacon's kind valid, both are reported in dot's file
    valid = _lint_files(tmp_path / "valid", {"ada": ROOT, "beacon": BEACON, "scout": HELPER,
                                             "dot": AGENT_UNDER_BEACON})
    assert {(code, file) for code, file, _ in valid} >= {
        ("OTP202", "seats/dot.yaml"), ("OTP112", "seats/dot.yaml")}
