from __future__ import annotations

import pytest

from otpcli.org.edit import RoundTrip, insert_after

STYLES = [
    # two-space mappings, dashes indented under their key
    "title: A\noutcomes:\n  - id: x  # keep me\n    range: {min: 1}\n",
    # four-space mappings, dashes flush with their key
    "title: 'A'\nholder:\n    name: \"B\"\n    kind: human\noutcomes:\n- id: x\n  statement: s\n",
    # comments everywhere, a flow list, a blank line
    "# head\ntitle: A   # trailing\n\ntools: [a, b]   # flow\ncapabilities:\n    - one\n",
]


@pytest.mark.parametrize("text", STYLES)
def test_untouched_files_round_trip_byte_for_byte(text: str) -> None:
    assert RoundTrip(text).dump() == text


def test_an_edit_changes_only_its_lines() -> None:
    text = STYLES[1]
    document = RoundTrip(text)
    insert_after(document.data, ("holder",), "status", "retired")
    document.data["outcomes"].append({"id": "y", "statement": "t"})
    assert document.dump() == (
        "title: 'A'\nholder:\n    name: \"B\"\n    kind: human\nstatus: retired\noutcomes:\n"
        "- id: x\n  statement: s\n- id: y\n  statement: t\n")
