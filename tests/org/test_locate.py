"""Finding an outcome's seat without loading the org: right file, self-checking index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from otpcli.errors import OrgLoadError, OtpError
from otpcli.org import locate
from otpcli.org.load import load_org
from otpcli.org.locate import CACHE_DIR, INDEX_FILE, locate_outcome

AGENT = """title: Agent
holder: {{name: {name}, kind: agent}}
reports_to: ada
accountable: ada
outcomes:
  - id: {outcome}
    statement: Keep refund time under 3 days every week
    metric: {{name: Refund time, unit: days}}
    range: {{max: 3}}
    timeframe: {{cadence: weekly}}
"""


def _agent(root: Path, seat: str, outcome: str) -> None:
    (root / "seats" / f"{seat}.yaml").write_text(AGENT.format(name=seat.title(), outcome=outcome))


def test_loads_only_the_seat_that_holds_the_outcome(minimal_org: Path) -> None:
    for number in range(5):
        _agent(minimal_org, f"bot-{number}", f"refunds-{number}")
    org = locate_outcome(minimal_org, "refunds-3")
    assert list(org.seats) == ["bot-3"]
    assert org.outcomes["refunds-3"].seat.id == "bot-3"
    assert org.config.name == "Test Org"


def test_the_second_lookup_comes_from_the_index(minimal_org: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _agent(minimal_org, "bot", "refunds")
    locate_outcome(minimal_org, "refunds")
    assert (minimal_org / CACHE_DIR / INDEX_FILE).is_file()

    def no_scan(*args: object) -> list[str]:
        raise AssertionError("scanned the seat files again")

    monkeypatch.setattr(locate, "_candidates", no_scan)
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["bot"]


def test_an_outcome_moved_to_another_seat_is_found_there(minimal_org: Path) -> None:
    _agent(minimal_org, "bot", "refunds")
    _agent(minimal_org, "other", "chargebacks")
    locate_outcome(minimal_org, "refunds")
    _agent(minimal_org, "bot", "nothing-here")
    _agent(minimal_org, "other", "refunds")
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["other"]


def test_a_same_size_edit_with_restored_times_is_still_checked(minimal_org: Path) -> None:
    _agent(minimal_org, "bot", "refunds")
    _agent(minimal_org, "zed", "refundz")
    locate_outcome(minimal_org, "refunds")
    path = minimal_org / "seats" / "bot.yaml"
    status = path.stat()
    path.write_text(path.read_text().replace("refunds", "refundx"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    (minimal_org / "seats" / "zed.yaml").write_text(
        (minimal_org / "seats" / "zed.yaml").read_text().replace("refundz", "refunds"))
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["zed"]


def test_a_duplicated_id_resolves_to_the_first_file_as_the_loader_does(minimal_org: Path) -> None:
    _agent(minimal_org, "mid", "refunds")
    locate_outcome(minimal_org, "refunds")
    _agent(minimal_org, "early", "refunds")
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["early"]
    assert load_org(minimal_org).org.outcomes["refunds"].seat.id == "early"


def test_an_unknown_outcome_suggests_a_measured_one(minimal_org: Path) -> None:
    _agent(minimal_org, "bot", "refund-time")
    (minimal_org / "measurements").mkdir()
    (minimal_org / "measurements" / "refund-time.csv").write_text("at,value,source,note\n")
    with pytest.raises(OtpError, match=r"no outcome `refund-tme`.*did you mean `refund-time`"):
        locate_outcome(minimal_org, "refund-tme")


def test_a_broken_unrelated_seat_does_not_block_recording(minimal_org: Path) -> None:
    _agent(minimal_org, "bot", "refunds")
    (minimal_org / "seats" / "broken.yaml").write_text("title: [unclosed\n")
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["bot"]


def test_a_broken_seat_that_defines_the_outcome_is_reported(minimal_org: Path) -> None:
    (minimal_org / "seats" / "bot.yaml").write_text(
        AGENT.format(name="Bot", outcome="refunds") + "colour: blue\n")
    with pytest.raises(OrgLoadError) as raised:
        locate_outcome(minimal_org, "refunds")
    assert [p.render() for p in raised.value.problems] == [
        "seats/bot.yaml:11:1: unknown key `colour`; expected one of: title, holder, reports_to, "
        "accountable, autonomy, capabilities, not_owned, tools, human_review, status, outcomes, "
        "retirement"]


def test_the_index_is_never_written_through_a_link(minimal_org: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (minimal_org / CACHE_DIR).symlink_to(elsewhere)
    _agent(minimal_org, "bot", "refunds")
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["bot"]
    assert list(elsewhere.iterdir()) == []


def test_a_damaged_index_is_ignored(minimal_org: Path) -> None:
    _agent(minimal_org, "bot", "refunds")
    (minimal_org / CACHE_DIR).mkdir()
    (minimal_org / CACHE_DIR / INDEX_FILE).write_text('{"version": 1, "outcomes": [')
    assert list(locate_outcome(minimal_org, "refunds").seats) == ["bot"]
