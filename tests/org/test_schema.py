from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from otpcli.org.load import read_document
from otpcli.org.schema import CONFIG_SCHEMA, SEAT_SCHEMA, schema_files
from otpcli.org.source import DiskSource

from ..conftest import EXAMPLE, REPO_ROOT


def test_committed_schemas_match_the_models() -> None:
    for name, text in schema_files().items():
        committed = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `otp schema`"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO_ROOT / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("seat_file", sorted((EXAMPLE / "seats").glob("*.yaml")),
                         ids=lambda path: path.stem)
def test_example_seat_files_validate_against_the_published_schema(seat_file: Path) -> None:
    document = read_document(DiskSource(seat_file.parent.parent), f"seats/{seat_file.name}")
    errors = list(_validator(SEAT_SCHEMA).iter_errors(document.data))
    assert errors == []


def test_example_config_validates_against_the_published_schema() -> None:
    document = read_document(DiskSource(EXAMPLE), "otp.yaml")
    assert list(_validator(CONFIG_SCHEMA).iter_errors(document.data)) == []


@pytest.mark.parametrize(
    "bad_seat",
    [
        {"title": "T", "holder": {"name": "Q", "kind": "robot"}},
        {"title": "T", "holder": {"name": "Q", "kind": "human"}, "colour": "red"},
        {"title": "T", "holder": {"name": "Q", "kind": "agent"}, "autonomy": 9},
        {"title": "T", "holder": {"name": "Q", "kind": "human"}, "reports_to": "Not A Slug"},
        {"title": "T", "holder": {"name": "Q", "kind": "human"},
         "outcomes": [{"id": "a", "statement": "s", "stale_after": "soon"}]},
    ],
)
def test_the_schema_rejects_what_the_models_reject(bad_seat: dict[str, object]) -> None:
    assert list(_validator(SEAT_SCHEMA).iter_errors(bad_seat))


def test_example_files_point_editors_at_the_schema() -> None:
    for seat_file in (EXAMPLE / "seats").glob("*.yaml"):
        first = seat_file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../../schemas/seat.schema.json"
        assert (seat_file.parent / "../../../schemas/seat.schema.json").resolve().is_file()
