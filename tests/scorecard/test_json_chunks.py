"""The compact scorecard JSON is written in pieces; the pieces make the same bytes as the
whole document, at every chunk boundary."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from otpcli import clock
from otpcli.org.load import require_org
from otpcli.scorecard.build import build_scorecard
from otpcli.scorecard.render import as_json, json_chunks, scorecard_document


@pytest.mark.parametrize("jobs", ["1", "3"])
@pytest.mark.parametrize("rows_per_chunk", [1, 2, 3, 7, 256])
def test_pieces_join_to_the_whole_document(example_org: Path, rows_per_chunk: int, jobs: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    card = build_scorecard(require_org(example_org), as_of=clock.now())
    monkeypatch.setenv("OTP_JOBS", jobs)  # with 3, later pieces are made by forked processes
    assert len(card.rows) > 7
    whole = json.dumps(scorecard_document(card)) + "\n"
    assert "".join(json_chunks(card, rows_per_chunk)) == whole
    assert as_json(card) == whole
    for count in (0, 1, rows_per_chunk, rows_per_chunk + 1):
        some = replace(card, rows=card.rows[:count])
        assert "".join(json_chunks(some, rows_per_chunk)) == \
            json.dumps(scorecard_document(some)) + "\n"


def test_pieces_are_rows_not_the_whole_document(example_org: Path) -> None:
    card = build_scorecard(require_org(example_org), as_of=clock.now())
    pieces = list(json_chunks(card, 2))
    assert len(pieces) == 2 + (len(card.rows) + 1) // 2
    assert max(len(piece) for piece in pieces) < len("".join(pieces)) / 2
