"""``holder.github``: a GitHub handle, validated as one, with a message that says how."""

from __future__ import annotations

from pathlib import Path

import pytest

from otpcli.org.load import load_org

from ..conftest import MINIMAL_ROOT


@pytest.mark.parametrize("handle", ["bogdan-k", "a", "A1-b2-c3", "x" * 39])
def test_a_handle_loads(minimal_org: Path, handle: str) -> None:
    (minimal_org / "seats" / "ada.yaml").write_text(MINIMAL_ROOT + f"  github: {handle}\n")
    loaded = load_org(minimal_org)
    assert loaded.problems == []
    assert loaded.org.seats["ada"].seat.holder.github == handle


@pytest.mark.parametrize("handle", ["'@bogdan'", "-bogdan", "bogdan-", "bog--dan", "bog_dan",
                                    "x" * 40, "'bog dan'"])
def test_anything_else_is_refused_at_its_position(minimal_org: Path, handle: str) -> None:
    (minimal_org / "seats" / "ada.yaml").write_text(MINIMAL_ROOT + f"  github: {handle}\n")
    [problem] = load_org(minimal_org).problems
    assert problem.render().startswith("seats/ada.yaml:5:11: `holder.github` is not a GitHub "
                                       "handle: letters, digits and single hyphens inside, at "
                                       "most 39 characters, without the @ (such as bogdan-k)")


@pytest.mark.parametrize(("handle", "valid"), [("bogdan-k", True), ("@bogdan", False),
                                               ("bog--dan", False), ("x" * 40, False)])
def test_the_json_schema_agrees(handle: str, valid: bool) -> None:
    import json

    import jsonschema

    from ..conftest import REPO_ROOT

    schema = json.loads((REPO_ROOT / "schemas" / "seat.schema.json").read_text())
    seat = {"title": "Founder", "holder": {"name": "Ada", "kind": "human", "github": handle}}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(seat))
    assert (errors == []) is valid
