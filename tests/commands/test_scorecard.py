from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from otpcli.cli import app

from ..scorecard.test_build import NOW, org_root  # noqa: F401 - fixture

COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def scorecard(root: Path, *args: str, columns: int = 100) -> object:
    return CliRunner().invoke(app, ["--repo", str(root), "scorecard", *args],
                              env={"COLUMNS": str(columns)})


@pytest.mark.parametrize("columns", [80, 200])
def test_example_table_fits_and_shows_every_seat(example_org: Path, columns: int) -> None:
    result = scorecard(example_org, columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    text = result.stdout
    assert "Sneeze It scorecard" in text
    for holder in ("David", "Bogdan", "Radar", "Tally", "Dash", "Jeff", "Pulse", "Nick"):
        assert holder in text
    assert "STALE" in text  # Pulse's feed broke
    assert "draft" in text  # Kristen's vague draft is on the card, not hidden
    assert "14 seats, 19 outcomes" in text
    if columns == 200:
        assert "Book at least $420,000 of revenue every month" in text  # not cut short
        assert "Trend" in text and "Range" in text
        assert "…" not in text


def test_80_columns_keeps_status_and_periods_whole(example_org: Path) -> None:
    lines = scorecard(example_org, columns=80).stdout.splitlines()
    pulse = next(line for line in lines if line.startswith(" Pulse"))
    assert "! STALE" in pulse
    assert re.search(r"[●✗?◌·]{13}", pulse)


def test_80_columns_keep_a_shorter_trend_and_never_break_a_range(example_org: Path) -> None:
    from otpcli.scorecard.render import NARROW_TREND

    lines = scorecard(example_org, columns=80).stdout.splitlines()
    header = next(line for line in lines if line.startswith(" Seat"))
    assert header.split() == ["Seat", "Outcome", "Last", "Status", "Periods", "Trend", "On"]
    bogdan = next(line for line in lines if line.startswith(" Bogdan"))
    trend = bogdan[header.index("Trend"):].split()[0]
    assert len(trend) == NARROW_TREND and set(trend) <= set("▁▂▃▄▅▆▇█")
    janine = lines.index(next(line for line in lines if line.startswith(" Janine")))
    statement = " ".join(line[10:36].strip() for line in lines[janine:janine + 4])
    assert "·\u00a0≤\u00a05\u00a0d" in statement  # the range whole, on one line
    for line in lines:
        assert not line.rstrip().endswith(("≤", "≥", "·")), line


def test_statuses_read_without_colour(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "--no-color", "scorecard"],
                                env={"COLUMNS": "120", "FORCE_COLOR": "1"})
    assert not re.search(r"\x1b\[(?:\d+;)*3\dm", result.stdout)
    assert "✗ OFF TRACK" in result.stdout and "! STALE" in result.stdout
    assert "● on track  ✗ off track  ? missing" in result.stdout


def test_json_is_the_documented_shape(org_root: Path) -> None:  # noqa: F811
    result = scorecard(org_root, "--format", "json", "--as-of", NOW, "--periods", "4")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-04-15T12:00:00+01:00"
    weekly = next(r for r in data["rows"] if r["outcome"] == "wm")
    assert set(weekly) >= {"seat", "holder", "outcome", "statement", "unit", "range", "cadence",
                           "status", "latest", "periods"}
    assert weekly["range"] == {"min": 10.0, "max": 20.0}
    assert weekly["latest"] == {"at": "2026-04-14T10:00:00+01:00", "value": 5.0}
    assert weekly["periods"][1] == {"start": "2026-03-30T00:00:00+01:00",
                                    "end": "2026-04-06T00:00:00+01:00", "value": 15.0,
                                    "status": "on_track", "partial": False}
    assert weekly["periods"][-1]["partial"] is True


def test_as_of_a_date_means_the_end_of_that_day(org_root: Path) -> None:  # noqa: F811
    data = json.loads(scorecard(org_root, "-f", "json", "--as-of", "2026-04-14").stdout)
    assert data["as_of"] == "2026-04-14T23:59:59.999999+01:00"


def test_csv_and_markdown(org_root: Path) -> None:  # noqa: F811
    rows = list(csv.DictReader(io.StringIO(
        scorecard(org_root, "-f", "csv", "--as-of", NOW, "-n", "4").stdout)))
    weekly = next(r for r in rows if r["outcome"] == "wm")
    assert (weekly["status"], weekly["period_2"], weekly["period_1"], weekly["current"]) == (
        "missing", "15.0", "", "5.0")
    markdown = scorecard(org_root, "-f", "markdown", "--as-of", NOW, "-n", "4").stdout
    assert "| Seat | Outcome | Range | Last | Status | Periods | On track |" in markdown
    assert "**✗ OFF TRACK**" in markdown and "🟩🟩❔⬜" in markdown


class _StrictParser(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link", "hr", "circle", "rect",
                                "polyline"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def test_html_is_self_contained_and_well_formed(example_org: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.html"
    result = scorecard(example_org, "-f", "html", "-o", str(out))
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    parser = _StrictParser()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.external == [] and parser.scripts == 0
    assert page.count('<svg class="trend"') >= 18
    assert 'class="cell off_track"' in page and "! STALE" in page


def test_filters(example_org: Path) -> None:
    def outcomes(*args: str) -> list[str | None]:
        return [r["outcome"] for r in json.loads(scorecard(example_org, "-f", "json", *args)
                                                 .stdout)["rows"]]

    assert outcomes("--seat", "Jeff") == ["ad-pacing-on-plan", "projects-reconciled"]
    assert outcomes("--seat", "radar,pepper")[-1] == "urgent-email-routing-time"
    assert outcomes("--status", "stale") == ["healthy-clients"]
    humans = json.loads(scorecard(example_org, "-f", "json", "--kind", "human").stdout)["rows"]
    assert {r["seat"] for r in humans} == {"david", "bogdan", "janine", "kristen"}
    first = json.loads(scorecard(example_org, "-f", "json", "--attention").stdout)["rows"][0]
    assert first["status"] in ("off_track", "stale", "missing")


def test_fail_on(example_org: Path) -> None:
    assert scorecard(example_org, "--fail-on", "stale").exit_code == 1
    assert scorecard(example_org, "--seat", "david", "--fail-on", "stale,missing").exit_code == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--seat", "nobody"], "no seat `nobody`"),
        (["--status", "great"], "unknown status `great`"),
        (["--fail-on", "offtrack"], "unknown status `offtrack`; did you mean `off_track`?"),
        (["--as-of", "yesterday"], "--as-of"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(example_org: Path, args: list[str],
                                            words: str) -> None:
    result = scorecard(example_org, *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_bad_row_makes_one_error_row_and_every_other_row_renders(example_org: Path) -> None:
    import json

    from typer.testing import CliRunner

    from otpcli.cli import app

    path = example_org / "measurements" / "gross-margin.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, "2026-11-20T09:00:00-05:00,41,5,tally,comma"]) + "\n")
    bad_line = len(lines) + 1
    result = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard", "--format",
                                      "json"])
    assert result.exit_code == 2
    rows = json.loads(result.stdout)["rows"]
    broken = [row for row in rows if row["status"] == "error"]
    assert [row["outcome"] for row in broken] == ["gross-margin"]
    assert broken[0]["error"].startswith(f"measurements/gross-margin.csv:{bad_line}:1: 5 columns")
    assert len(rows) > 10 and all(row["error"] is None for row in rows if row not in broken)
    assert f"otp: measurements/gross-margin.csv:{bad_line}:1:" in result.stderr
    table = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard"],
                               env={"COLUMNS": "160"})
    assert table.exit_code == 2
    assert "‼ ERROR" in table.stdout and "✗ OFF TRACK" in table.stdout
    lint = CliRunner().invoke(app, ["--repo", str(example_org), "lint", "--select", "OTP007"])
    assert lint.exit_code == 1
    assert f"measurements/gross-margin.csv:{bad_line}:1: OTP007" in lint.stdout


def test_a_new_org_is_summarised_in_words(minimal_org: Path) -> None:
    card = scorecard(minimal_org)
    assert card.exit_code == 0, card.output
    assert card.stdout.splitlines()[-1] == "1 seat, no outcomes yet"
    seats = CliRunner().invoke(app, ["--repo", str(minimal_org), "seats"])
    assert seats.stdout.splitlines()[0].strip() == "Test Org: 1 seat"
