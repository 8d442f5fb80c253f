"""The HTML scorecard: dated period headers per period kind, a card per outcome below 900 px,
a readable current-period marker and trend dots drawn whole."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from otpcli.cli import app
from otpcli.measurements.example import create_example
from otpcli.scorecard.render import HTML_CELL_COLOURS

AS_OF = "2026-11-24T09:00:00-05:00"  # a Tuesday: this week began on Monday 23 November


@pytest.fixture
def page(tmp_path: Path) -> str:
    # the example made as of AS_OF, so its history lies before it on any day the tests run
    org = tmp_path / "sneeze-it"
    create_example(org, "sneeze-it", now=datetime.fromisoformat(AS_OF))
    result = CliRunner().invoke(app, ["--repo", str(org), "scorecard", "--format",
                                      "html", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return result.stdout


def _tables(page: str) -> dict[str, str]:
    parts = re.split(r"<h2>([^<]+)</h2>", page)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _headers(table: str) -> list[str]:
    return [re.sub(r"<br>", " ", header)
            for header in re.findall(r'<th class="when[^"]*"[^>]*>(.*?)</th>', table)]


def test_period_headers_are_the_dates_of_each_period_kind(page: str) -> None:
    tables = _tables(page)
    assert list(tables) == ["Weekly outcomes", "Monthly outcomes", "Not measured in periods"]
    weekly = _headers(tables["Weekly outcomes"])
    assert len(weekly) == 13
    assert weekly[-2:] == ["week of 16 Nov", "this week from 23 Nov"]
    assert weekly[0] == "week of 31 Aug"
    monthly = _headers(tables["Monthly outcomes"])
    assert monthly[-2:] == ["Oct 2026", "this month Nov 2026"]
    assert 'title="Oct 2026"' in tables["Monthly outcomes"]
    assert not any(re.fullmatch(r"\d+|now", header) for header in weekly + monthly)
    assert _headers(tables["Not measured in periods"]) == []  # Kristen's draft has no periods


def test_the_current_period_is_marked_and_readable_on_its_background(page: str) -> None:
    weekly = _tables(page)["Weekly outcomes"]
    rows = re.findall(r"<tr class=.*?</tr>", weekly.split("<tbody>")[1])
    for row in rows:
        cells = re.findall(r'<td class="cell ([a-z_]+)( current)?"', row)
        assert [current for _, current in cells].count(" current") == 1
        assert cells[-1][1] == " current"
    assert "td.cell.current { outline: 2px solid" in page
    for status, (background, colour) in HTML_CELL_COLOURS.items():
        # the last rule for the cell's colour is the one the browser applies
        applied = re.findall(rf"\.cell\.{status} \{{[^}}]*?color: (#[0-9a-f]{{6}})", page)
        assert applied[-1] == colour, status
        assert _contrast(background, colour) >= 4.5, status


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_trend_dots_are_drawn_whole_inside_the_picture(page: str) -> None:
    pictures = re.findall(r'<svg class="trend" viewBox="0 0 (\d+) (\d+)".*?</svg>', page)
    svgs = re.findall(r'<svg class="trend".*?</svg>', page)
    assert len(svgs) >= 18 and len(pictures) == len(svgs)
    for (width, height), svg in zip(pictures, svgs, strict=True):
        dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
        assert dots
        for x, y, r in ((float(a), float(b), float(c)) for a, b, c in dots):
            assert r <= x <= int(width) - r and r <= y <= int(height) - r, (x, y, r)


def test_below_900_px_each_outcome_is_a_card(page: str) -> None:
    phone = page.split("@media (max-width: 899px) {", 1)[1].split("\n}\n", 1)[0]
    assert "table, tbody, tr, td { display: block; }" in phone
    assert "thead { display: none; }" in phone
    assert 'td[data-label]::before { content: attr(data-label) ": "' in phone
    assert ".card-only { display: none; }" in page.split("@media", 1)[0]
    weekly = _tables(page)["Weekly outcomes"].split("<tbody>")[1]
    rows = re.findall(r"<tr class=.*?</tr>", weekly)
    assert len(rows) >= 10
    for row in rows:  # what a card shows, its own labels standing in for the hidden headers
        for piece in ('class="seat"', 'class="statement"', 'data-label="Range"',
                      'data-label="Last"', 'class="status ', 'class="card-only periods">'
                      "week of 31 Aug to this week<", 'class="cell ', '<svg class="trend"',
                      'data-label="On track"'):
            assert piece in row, piece
