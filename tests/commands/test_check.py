from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

from ..exceptions.hand import make_hand_org, write_acks

#: The shape docs/exceptions.md documents.
CHECK_SCHEMA = {
    "type": "object",
    "required": ["as_of", "exceptions"],
    "properties": {
        "as_of": {"type": "string", "format": "date-time"},
        "exceptions": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["seat", "outcome", "when", "for", "since", "escalated_to", "next",
                         "acknowledged"],
            "properties": {
                "seat": {"type": "string"},
                "outcome": {"type": "string"},
                "when": {"enum": ["out_of_range", "stale", "missing"]},
                "for": {"type": "integer", "minimum": 1},
                "since": {"type": "string", "format": "date-time"},
                "escalated_to": {"type": "array", "items": {"type": "string"}},
                "next": {"oneOf": [{"type": "null"}, {
                    "type": "object", "additionalProperties": False, "required": ["to", "at"],
                    "properties": {"to": {"type": "string"}, "at": {"type": "string"}}}]},
                "acknowledged": {"oneOf": [{"type": "null"}, {
                    "type": "object", "additionalProperties": False,
                    "required": ["by", "at", "note"],
                    "properties": {"by": {"type": "string"}, "at": {"type": "string"},
                                   "note": {"type": "string"}}}]},
            },
        }},
    },
}


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    return make_hand_org(tmp_path / "hand")


def check(root: Path, *args: str) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), "check", *args])


def test_json_matches_the_documented_shape_and_exit_1_when_an_exception_waits(
    hand: Path
) -> None:
    result = check(hand, "--format", "json", "--as-of", "2026-03-29T00:00:00+00:00")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, CHECK_SCHEMA)
    assert data["as_of"] == "2026-03-29T00:00:00+00:00"
    assert [(e["outcome"], e["when"], e["since"], e["escalated_to"])
            for e in data["exceptions"]] == [
        ("sla", "out_of_range", "2026-03-28T00:00:00+00:00", ["cy", "ada"]),
        ("never", "stale", "2026-03-16T00:00:00+00:00", ["ada"]),
    ]


def test_exit_0_and_a_plain_sentence_when_nothing_holds(hand: Path) -> None:
    result = check(hand, "--as-of", "2026-03-04T12:00:00+00:00")
    assert result.exit_code == 0, result.output
    assert "No exception holds." in result.stdout
    data = json.loads(check(hand, "-f", "json", "--as-of", "2026-03-04T12:00:00+00:00").stdout)
    assert data == {"as_of": "2026-03-04T12:00:00+00:00", "exceptions": []}


def test_acknowledged_exceptions_pass_unless_fail_on_acknowledged(hand: Path) -> None:
    moment = "2026-03-26T12:00:00+00:00"  # sla, pulse (never measured yet) and never hold
    write_acks(hand, "sla", [("2026-03-25T09:00:00+00:00", "cy", "out_of_range", "")])
    write_acks(hand, "pulse", [("2026-03-20T09:00:00+00:00", "cy", "stale", "")])
    assert check(hand, "--as-of", moment).exit_code == 1  # `never` still waits
    write_acks(hand, "never", [("2026-03-20T10:00:00+00:00", "ada", "stale", "Feed ordered")])
    result = check(hand, "--as-of", moment, "-f", "json")
    assert result.exit_code == 0, result.output
    assert [e["acknowledged"]["by"] for e in json.loads(result.stdout)["exceptions"]] == [
        "cy", "cy", "ada"]
    assert check(hand, "--as-of", moment, "--fail-on-acknowledged").exit_code == 1


def test_seat_and_escalated_to_filter_what_is_shown_and_what_fails(hand: Path) -> None:
    moment = "2026-03-30T12:00:00+01:00"  # sla told cy and ada; pulse told cy; never told ada
    by_desk = json.loads(check(hand, "-f", "json", "--as-of", moment,
                               "--escalated-to", "Ada").stdout)
    assert [e["outcome"] for e in by_desk["exceptions"]] == ["sla", "never"]
    on_cy = json.loads(check(hand, "-f", "json", "--as-of", moment, "--escalated-to",
                             "cy").stdout)
    assert [e["outcome"] for e in on_cy["exceptions"]] == ["sla", "pulse"]
    assert check(hand, "--as-of", moment, "--escalated-to", "di").exit_code == 0
    assert check(hand, "--as-of", moment, "--seat", "ada").exit_code == 0  # owns no outcome
    assert check(hand, "--as-of", moment, "--seat", "bo").exit_code == 1


def test_the_table_says_who_is_told_and_who_is_next(hand: Path) -> None:
    result = check(hand, "--as-of", "2026-03-30T12:00:00+01:00", "--seat", "bo")
    assert result.exit_code == 1
    text = " ".join(result.stdout.split())
    assert "Hand exceptions · as of Mon 30 Mar 2026 12:00 BST" in text
    assert "Bo sla off track for 1 day 28 Mar 00:00 Cy, Ada Di 31 Mar 01:00" in text
    assert "pulse stale > 2d 29 Mar 13:00 Cy —" in text
    assert "3 exceptions hold: 3 waiting for someone to act, 0 acknowledged." in text


def test_markdown_and_github_annotations(hand: Path) -> None:
    moment = "2026-03-29T00:00:00+00:00"
    markdown = check(hand, "-f", "markdown", "--as-of", moment).stdout
    assert "| Seat | Outcome | Condition | Since | Told | Next |" in markdown
    assert "| Bo | sla | off track for 1 day | Sat 28 Mar 00:00 (1d ago) | Cy, Ada | " \
           "Di Tue 31 Mar 01:00 (in 2d) |" in markdown
    github = check(hand, "-f", "github", "--as-of", moment).stdout.splitlines()
    assert github[0].startswith("::warning file=seats/bo.yaml,line=12,col=9,"
                                "title=otp exception::sla (bo): off track for 1 day since ")
    assert github[-1] == "2 exceptions hold: 2 waiting for someone to act, 0 acknowledged."


def test_output_writes_the_file_atomically(hand: Path, tmp_path: Path) -> None:
    target = tmp_path / "check.json"
    result = check(hand, "-f", "json", "--as-of", "2026-03-29T00:00:00+00:00", "-o", str(target))
    assert result.exit_code == 1
    assert f"wrote {target}" in result.stderr
    jsonschema.validate(json.loads(target.read_text()), CHECK_SCHEMA)


@pytest.mark.parametrize(("args", "words"), [
    (["--as-of", "yesterday"], "--as-of: `yesterday` is not an ISO 8601 time"),
    (["--seat", "bob"], "--seat: no seat `bob`; did you mean `bo`?"),
    (["--escalated-to", "nobody"], "--escalated-to: no seat `nobody`"),
    (["--format", "sarif"], "Invalid value for '--format'"),
])
def test_bad_arguments_exit_2_with_one_line(hand: Path, args: list[str], words: str) -> None:
    result = check(hand, *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_acknowledgement_file_exits_2_with_its_line(hand: Path) -> None:
    (hand / "acknowledgements").mkdir()
    (hand / "acknowledgements" / "sla.csv").write_text("at,by,when,note\nsoon,cy,stale,\n")
    result = check(hand, "--as-of", "2026-03-29T00:00:00+00:00")
    assert result.exit_code == 2
    assert "acknowledgements/sla.csv:2:1: not an ISO 8601 time: 'soon'" in result.stderr
