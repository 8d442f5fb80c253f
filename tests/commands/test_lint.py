from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import git
import jsonschema
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

from ..conftest import REPO_ROOT
from ..lint.rules.conftest import ROOT_SEAT, seat

SARIF_SCHEMA = json.loads((REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
NO_RANGE = seat("").replace("    range: {max: 3}\n", "")  # OTP102 error at 7:5
NO_EXCEPTIONS = seat("").replace(
    "    exceptions:\n      - when: out_of_range\n        escalate: [{to: ada}]\n", "")  # OTP104


def make_org(root: Path, seats: dict[str, str], config: str = "") -> Path:
    (root / "seats").mkdir(parents=True, exist_ok=True)
    (root / "otp.yaml").write_text("name: Test\ntimezone: UTC\n" + config)
    (root / "seats" / "ada.yaml").write_text(ROOT_SEAT)
    for name, text in seats.items():
        (root / "seats" / f"{name}.yaml").write_text(text)
    return root


def lint(root: Path, *args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), "lint", *args], env=env)


def test_example_reports_exactly_its_one_vague_draft(example_org: Path) -> None:
    result = lint(example_org, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == 1
    [draft] = findings
    assert (draft["code"], draft["file"]) == ("OTP100", "seats/kristen.yaml")
    line = (example_org / draft["file"]).read_text().splitlines()[draft["line"] - 1]
    assert line.strip() == "- Improve creative quality"


def test_clean_org_exits_0_and_says_so(tmp_path: Path) -> None:
    result = lint(make_org(tmp_path, {"bot": seat("")}))
    assert result.exit_code == 0
    assert result.stdout.strip() == "All checks passed!"


def test_errors_exit_1_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    assert lint(make_org(tmp_path / "a", {"bot": NO_RANGE})).exit_code == 1
    warned = make_org(tmp_path / "b", {"bot": NO_EXCEPTIONS})
    assert lint(warned).exit_code == 0
    assert lint(warned, "--strict").exit_code == 1
    strict_config = make_org(tmp_path / "c", {"bot": NO_EXCEPTIONS}, "lint:\n  strict: true\n")
    assert lint(strict_config).exit_code == 1


def test_full_output_shows_the_source_line_and_a_caret(tmp_path: Path) -> None:
    result = lint(make_org(tmp_path, {"bot": NO_RANGE}), env={"COLUMNS": "200"})
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seats/bot.yaml:7:5: OTP102 [error] outcome `refunds` has no range")
    assert lines[2] == "7 |   - id: refunds"
    assert lines[3] == "  |     ^^^^^^^^^^^ outcome-missing-range"
    assert lines[-1] == "Found 1 error."


def test_json_output(tmp_path: Path) -> None:
    result = lint(make_org(tmp_path, {"bot": NO_RANGE, "bot2": NO_EXCEPTIONS.replace(
        "refunds", "refunds-2")}), "--format", "json")
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["OTP102", "OTP104"]
    assert set(data["findings"][0]) == {"code", "name", "severity", "message", "file", "line",
                                        "column", "end_line", "end_column", "path"}
    assert data["findings"][0] | {"message": ""} == {
        "code": "OTP102", "name": "outcome-missing-range", "severity": "error", "message": "",
        "file": "seats/bot.yaml", "line": 7, "column": 5, "end_line": 7, "end_column": 16,
        "path": "outcomes[0]"}
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1


def test_github_format_is_chosen_on_github_actions_and_escapes(tmp_path: Path) -> None:
    org = make_org(tmp_path / "repo" / "org", {"bot": NO_RANGE})
    git.Repo.init(tmp_path / "repo")
    result = lint(org, env={"GITHUB_ACTIONS": "true"})
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=org/seats/bot.yaml,line=7,col=5,endLine=7,endColumn=16,"
        "title=OTP102 outcome-missing-range::outcome `refunds` has no range; add")
    assert "%3A" not in first.split("::")[2]


def test_sarif_validates_against_the_official_schema_with_stable_fingerprints(
    tmp_path: Path,
) -> None:
    org = make_org(tmp_path, {"bot": NO_RANGE, "bot2": NO_EXCEPTIONS.replace("refunds", "r2")})
    result = lint(org, "--format", "sarif")
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all({"shortDescription", "fullDescription", "help", "helpUri"} <= set(rule)
               for rule in rules)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]] == ["seats/bot.yaml", "seats/bot2.yaml"]
    fingerprints = [r["partialFingerprints"]["otpFindingKey/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == 2
    (org / "seats" / "bot.yaml").write_text("# a comment moves every line\n" + NO_RANGE)
    moved = json.loads(lint(org, "--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"]["otpFindingKey/v1"] for r in moved] == fingerprints
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 8


def test_sarif_with_no_findings_is_valid(tmp_path: Path) -> None:
    sarif = json.loads(lint(make_org(tmp_path, {}), "--format", "sarif").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert sarif["runs"][0]["results"] == []


def test_junit_output(tmp_path: Path) -> None:
    result = lint(make_org(tmp_path, {"bot": NO_RANGE}), "--format", "junit")
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"
    [case] = suite.findall("testcase")
    assert case.get("classname") == "seats/bot.yaml"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "OTP102"
    clean = ElementTree.fromstring(lint(make_org(tmp_path / "clean", {}), "-f", "junit").stdout)
    assert clean.find("testsuite").get("failures") == "0"  # type: ignore[union-attr]


def test_output_file_is_written_and_the_summary_goes_to_stderr(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    result = lint(make_org(tmp_path / "org", {"bot": NO_RANGE}), "-f", "sarif", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "Found 1 error."
    assert json.loads(out.read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ([], ["OTP102", "OTP104"]),
        (["--select", "OTP1"], ["OTP102", "OTP104"]),
        (["--select", "outcome-missing-range"], ["OTP102"]),
        (["--ignore", "OTP104"], ["OTP102"]),
        (["--select", "OTP102", "--extend-select", "OTP104"], ["OTP102", "OTP104"]),
        (["--select", "OTP102,OTP104", "--ignore", "outcome-missing-range"], ["OTP104"]),
        (["--select", "OTP2"], []),
    ],
)
def test_selection_by_code_prefix_and_name(
    tmp_path: Path, args: list[str], codes: list[str]
) -> None:
    org = make_org(tmp_path, {"bot": NO_RANGE, "bot2": NO_EXCEPTIONS.replace("refunds", "r2")})
    data = json.loads(lint(org, "-f", "json", *args).stdout)
    assert [f["code"] for f in data["findings"]] == codes


def test_config_select_ignore_per_file_ignores_and_severity(tmp_path: Path) -> None:
    config = ("lint:\n  severity:\n    OTP102: warning\n"
              "  per_file_ignores:\n    'seats/legacy-*.yaml': [OTP104]\n")
    org = make_org(tmp_path, {"bot": NO_RANGE, "legacy-bot": NO_EXCEPTIONS.replace(
        "refunds", "r2")}, config)
    result = lint(org, "-f", "json")
    data = json.loads(result.stdout)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("OTP102", "warning")]
    assert result.exit_code == 0
    ignoring = make_org(tmp_path / "b", {"bot": NO_RANGE}, "lint:\n  ignore: [OTP1]\n")
    assert json.loads(lint(ignoring, "-f", "json").stdout)["findings"] == []


def test_unknown_selector_cannot_run(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    result = lint(org, "--select", "OTP999")
    assert result.exit_code == 2
    assert "`OTP999` matches no rule" in result.stderr
    configured = make_org(tmp_path / "b", {}, "lint:\n  ignore: [nonsense]\n")
    assert lint(configured).exit_code == 2


def test_suppression_on_the_line_and_the_line_above(tmp_path: Path) -> None:
    same_line = NO_RANGE.replace("  - id: refunds\n",
                                 "  - id: refunds  # otp: ignore[OTP102] range agreed in Q1\n")
    line_above = NO_RANGE.replace("refunds", "r2").replace(
        "  - id: r2\n", "  # otp: ignore[outcome-missing-range] waiting for finance\n  - id: r2\n")
    result = lint(make_org(tmp_path, {"a": same_line, "b": line_above}), "-f", "json")
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert data["summary"]["suppressed"] == 2
    assert result.exit_code == 0


def test_suppression_without_reason_and_unused_suppression_are_findings(tmp_path: Path) -> None:
    no_reason = NO_RANGE.replace("  - id: refunds\n", "  - id: refunds  # otp: ignore[OTP102]\n")
    unused = seat("", outcome_id="r2").replace(
        "  - id: r2\n", "  - id: r2  # otp: ignore[OTP102] no longer needed\n")
    unknown = seat("", outcome_id="r3").replace(
        "title:", "# otp: ignore[OTP777] typo in the code\ntitle:")
    data = json.loads(lint(make_org(tmp_path, {"a": no_reason, "b": unused, "c": unknown}),
                           "-f", "json").stdout)
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in data["findings"]] == [
        ("OTP901", "seats/a.yaml", 7, 18),
        ("OTP900", "seats/b.yaml", 7, 13),
        ("OTP900", "seats/c.yaml", 1, 1),
    ]
    assert "suppresses nothing on line 7" in data["findings"][1]["message"]


def _git_org(tmp_path: Path) -> tuple[Path, git.Repo]:
    org = make_org(tmp_path / "org", {"bot": seat(""), "other": seat("", outcome_id="o")})
    repo = git.Repo.init(org, initial_branch="main")
    repo.index.add(["otp.yaml", "seats/ada.yaml", "seats/bot.yaml", "seats/other.yaml"])
    repo.index.commit("base")
    return org, repo


def test_changed_since_reports_only_files_changed_since_the_merge_base(tmp_path: Path) -> None:
    org, repo = _git_org(tmp_path)
    repo.git.checkout("-b", "feature")
    (org / "seats" / "bot.yaml").write_text(NO_RANGE)
    repo.index.add(["seats/bot.yaml"])
    repo.index.commit("drop the range")
    (org / "seats" / "other.yaml").write_text(NO_EXCEPTIONS.replace("refunds", "o"))  # unstaged
    (org / "seats" / "new.yaml").write_text(NO_RANGE.replace("refunds", "n"))  # untracked
    data = json.loads(lint(org, "-f", "json", "--changed-since", "main").stdout)
    assert sorted({f["file"] for f in data["findings"]}) == [
        "seats/bot.yaml", "seats/new.yaml", "seats/other.yaml"]
    repo.index.add(["seats/other.yaml", "seats/new.yaml"])
    repo.index.commit("more")
    repo.git.checkout("main")
    (org / "seats" / "ada.yaml").write_text(ROOT_SEAT + "colour: red\n")
    repo.index.add(["seats/ada.yaml"])
    repo.index.commit("main moves on")
    repo.git.checkout("feature")
    data = json.loads(lint(org, "-f", "json", "--changed-since", "main").stdout)
    assert "seats/ada.yaml" not in {f["file"] for f in data["findings"]}


def test_changed_since_keeps_cross_file_rules_right(tmp_path: Path) -> None:
    org, _ = _git_org(tmp_path)
    (org / "seats" / "other.yaml").write_text(
        seat("capabilities: [company strategy]\n", outcome_id="o"))
    data = json.loads(lint(org, "-f", "json", "--changed-since", "HEAD").stdout)
    assert [(f["code"], f["file"]) for f in data["findings"]] == [("OTP203", "seats/other.yaml")]


def test_changed_since_unknown_ref_cannot_run(tmp_path: Path) -> None:
    org, _ = _git_org(tmp_path)
    result = lint(org, "--changed-since", "no-such-branch")
    assert result.exit_code == 2
    assert "no-such-branch" in result.stderr


def test_baseline_hides_known_findings_by_id_not_line(tmp_path: Path) -> None:
    org = make_org(tmp_path / "org", {"bot": NO_RANGE})
    baseline = tmp_path / "baseline.json"
    written = lint(org, "--write-baseline", str(baseline))
    assert written.exit_code == 0
    assert "wrote 1 finding" in written.stdout
    entries = json.loads(baseline.read_text())["findings"]
    assert entries == [{"file": "seats/bot.yaml", "code": "OTP102", "subject": "refunds",
                        "count": 1}]
    (org / "seats" / "bot.yaml").write_text("# moved down\n\n" + NO_RANGE)
    adopted = lint(org, "--baseline", str(baseline), "-f", "json")
    assert adopted.exit_code == 0
    assert json.loads(adopted.stdout)["summary"]["baselined"] == 1
    (org / "seats" / "new.yaml").write_text(NO_RANGE.replace("refunds", "n"))
    fresh = lint(org, "--baseline", str(baseline), "-f", "json")
    assert fresh.exit_code == 1
    assert [f["file"] for f in json.loads(fresh.stdout)["findings"]] == ["seats/new.yaml"]


def test_missing_or_bad_baseline_cannot_run(tmp_path: Path) -> None:
    org = make_org(tmp_path / "org", {})
    assert lint(org, "--baseline", str(tmp_path / "nope.json")).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    assert lint(org, "--baseline", str(bad)).exit_code == 2


def test_load_problems_are_findings_not_a_refusal(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"bot": "title: [\n", "typo": seat("colour: red\n")})
    result = lint(org, "-f", "json")
    assert result.exit_code == 1
    codes = [(f["code"], f["file"]) for f in json.loads(result.stdout)["findings"]]
    assert codes == [("OTP001", "seats/bot.yaml"), ("OTP002", "seats/typo.yaml")]


def test_lint_in_a_copy_of_the_example_has_no_false_positives(copy_example: Path) -> None:
    kristen = copy_example / "seats" / "kristen.yaml"
    kristen.write_text(kristen.read_text().replace("  - Improve creative quality\n", ""))
    shutil.rmtree(copy_example / "measurements")
    result = lint(copy_example)
    assert result.exit_code == 0, result.stdout


def test_lint_paths_report_only_those_files(example_org: Path) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    def lint(*args: str) -> object:
        return CliRunner().invoke(app, ["--repo", str(example_org), "lint", "--format",
                                        "concise", *args])

    everything = lint()
    assert "seats/kristen.yaml" in everything.stdout
    kristen = lint(str(example_org / "seats" / "kristen.yaml"))
    assert kristen.exit_code == 1
    files = {line.split(":")[0] for line in kristen.stdout.splitlines() if ":" in line
             and line.startswith("seats/")}
    assert files == {"seats/kristen.yaml"}
    folder = lint(str(example_org / "measurements"))
    assert folder.exit_code == 0 and "seats/" not in folder.stdout
    outside = lint("/etc")
    assert outside.exit_code == 2
    assert "/etc is outside the org" in outside.stderr


def test_quiet_prints_findings_only_and_exit_zero_exits_zero(example_org: Path) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    quiet = CliRunner().invoke(app, ["--repo", str(example_org), "lint", "-q", "--format",
                                     "concise"])
    assert quiet.exit_code == 1
    assert quiet.stdout.strip() and "Found" not in quiet.stdout
    assert all(line.startswith("seats/") for line in quiet.stdout.splitlines())
    relaxed = CliRunner().invoke(app, ["--repo", str(example_org), "lint", "--exit-zero"])
    assert relaxed.exit_code == 0 and "Found" in relaxed.stdout


def test_a_mistyped_rule_selector_gets_a_suggestion(example_org: Path) -> None:
    from typer.testing import CliRunner

    from otpcli.cli import app

    result = CliRunner().invoke(app, ["--repo", str(example_org), "lint", "--select",
                                      "vague-wordin"])
    assert result.exit_code == 2
    assert "did you mean `vague-wording`?" in result.stderr


def test_junit_warnings_are_skipped_not_failures(tmp_path: Path) -> None:
    root = make_org(tmp_path / "org", {"bot": NO_EXCEPTIONS})  # OTP104: a warning
    result = lint(root, "--format", "junit")
    assert result.exit_code == 0
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert (suite.get("failures"), suite.get("skipped")) == ("0", "1")
    [case] = suite.findall("testcase")
    assert case.find("failure") is None and case.find("skipped") is not None
    assert case.get("time") == "0" and case.get("file") == "seats/bot.yaml"
    strict = lint(make_org(tmp_path / "strict", {"bot": NO_EXCEPTIONS},
                           config="lint:\n  strict: true\n"), "--format", "junit")
    assert ElementTree.fromstring(strict.stdout).find("testsuite").get("failures") == "1"  # type: ignore[union-attr]


def test_sarif_keeps_suppressed_findings_marked_in_source(tmp_path: Path) -> None:
    suppressed = NO_RANGE.replace("  - id: refunds",
                                  "  - id: refunds  # otp: ignore[OTP102] range set by finance")
    result = lint(make_org(tmp_path, {"bot": suppressed}), "--format", "sarif")
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    [kept] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OTP102"]
    assert kept["suppressions"] == [{"kind": "inSource",
                                     "justification": "range set by finance"}]
    assert result.exit_code == 0  # suppressed: it does not fail the run


#: GitLab's Code Quality report (docs.gitlab.com, "Code Quality report format"): the fields a
#: merge request widget reads.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {"type": "object", "required": ["description", "check_name", "fingerprint",
                                             "severity", "location"],
              "properties": {
                  "description": {"type": "string"}, "check_name": {"type": "string"},
                  "fingerprint": {"type": "string"},
                  "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
                  "location": {"type": "object", "required": ["path", "lines"],
                               "properties": {"path": {"type": "string"},
                                              "lines": {"type": "object", "required": ["begin"],
                                                        "properties": {"begin": {
                                                            "type": "integer", "minimum": 1}}}}}}},
}

#: reviewdog's DiagnosticResult (proto/rdf/jsonschema), the parts otp writes.
RDJSON_SCHEMA = {
    "type": "object", "required": ["diagnostics"],
    "properties": {"source": {"type": "object", "required": ["name"]},
                   "diagnostics": {"type": "array", "items": {
                       "type": "object", "required": ["message", "location"],
                       "properties": {
                           "message": {"type": "string"},
                           "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
                           "code": {"type": "object", "required": ["value"]},
                           "location": {"type": "object", "required": ["path"], "properties": {
                               "range": {"type": "object", "required": ["start"], "properties": {
                                   "start": {"type": "object", "required": ["line"]}}}}}}}}},
}


def test_gitlab_and_rdjson_formats(tmp_path: Path) -> None:
    root = make_org(tmp_path, {"bot": NO_RANGE, "bot2": NO_EXCEPTIONS.replace(
        "refunds", "refunds-2")})
    gitlab = json.loads(lint(root, "--format", "gitlab").stdout)
    jsonschema.Draft7Validator(GITLAB_SCHEMA).validate(gitlab)
    assert [(issue["severity"], issue["location"]["path"], issue["location"]["lines"]["begin"])
            for issue in gitlab] == [("major", "seats/bot.yaml", 7),
                                     ("minor", "seats/bot2.yaml", 7)]
    assert len({issue["fingerprint"] for issue in gitlab}) == 2
    rd = json.loads(lint(root, "--format", "rdjson").stdout)
    jsonschema.Draft7Validator(RDJSON_SCHEMA).validate(rd)
    first = rd["diagnostics"][0]
    assert first["code"]["value"] == "OTP102" and first["severity"] == "ERROR"
    assert first["location"]["range"]["start"] == {"line": 7, "column": 5}
