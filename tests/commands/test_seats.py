from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from otpcli.cli import app


def test_seats_lists_the_14_example_seats_at_80_columns(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "seats"],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].startswith("Sneeze It: 14 seats")
    for holder in ("David", "Bogdan", "Janine", "Kristen", "Radar", "Tally", "Dash", "Jeff",
                   "Crystal", "Dirk", "Pulse", "Pepper", "Arin", "Nick"):
        assert any(holder in line for line in lines), holder
    radar = next(line for line in lines if " radar " in f" {line} ")
    assert "agent" in radar and "claude-sonnet" in radar and " 5 " in radar and "david" in radar
    assert "…" not in result.stdout


def test_seats_uses_the_room_of_a_wide_terminal(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "seats"],
                                env={"COLUMNS": "160"})
    assert "Data Integrity Analyst" in result.stdout


def test_seats_json_and_retired_seats_hidden_unless_all(example_org: Path) -> None:
    jeff = example_org / "seats" / "jeff.yaml"
    jeff.write_text(jeff.read_text() + "status: retired\n")
    runner = CliRunner()
    shown = json.loads(runner.invoke(app, ["--repo", str(example_org), "seats", "-f", "json"])
                       .stdout)
    assert shown["org"] == "Sneeze It"
    assert len(shown["seats"]) == 13
    assert "jeff" not in [s["id"] for s in shown["seats"]]
    everything = json.loads(
        runner.invoke(app, ["--repo", str(example_org), "seats", "--all", "--format", "json"])
        .stdout
    )
    jeff_row = next(s for s in everything["seats"] if s["id"] == "jeff")
    assert jeff_row["status"] == "retired"
    assert jeff_row["capabilities"] == ["ad pacing monitoring", "project reconciliation"]
    table = runner.invoke(app, ["--repo", str(example_org), "seats", "--all"]).stdout
    assert "retired" in table


def test_seats_finds_the_org_from_a_subdirectory_and_otp_repo(
    example_org: Path, monkeypatch: object
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["seats"], env={"OTP_REPO": str(example_org)})
    assert result.exit_code == 0
    assert "14 seats" in result.stdout


def test_seats_outside_an_org_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(tmp_path), "seats"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no otp.yaml" in result.stderr


def test_the_fast_table_is_what_rich_would_print(example_org: Path) -> None:
    """The seats table skips rich's per-cell layout when it fits; the bytes are the same."""
    import io

    from rich.console import Console

    from otpcli.commands.seats import COLUMNS, _render_squeezed, render_table

    def console() -> Console:
        return Console(file=io.StringIO(), width=160, no_color=True, highlight=False)

    result = CliRunner().invoke(app, ["--repo", str(example_org), "seats", "--format", "json"])
    rows = json.loads(result.stdout)["seats"]
    fast = console()
    render_table(fast, "Sneeze It", rows, {})
    slow = console()
    table = [[[(value, "")] for value in (
        row["id"], row["title"], row["holder"], row["kind"], row["model"] or "-",
        str(row["autonomy"]) if row["autonomy"] is not None else "-",
        row["accountable"] or "-", str(row["outcomes"]), row["status"])] for row in rows]
    _render_squeezed(slow, "Sneeze It", COLUMNS, table)
    assert fast.file.getvalue() == slow.file.getvalue()  # type: ignore[attr-defined]
    assert "pepper" in fast.file.getvalue()  # type: ignore[attr-defined]


def test_seats_all_prints_the_retirement_record(example_org: Path) -> None:
    retire = CliRunner().invoke(app, ["--repo", str(example_org), "retire", "jeff", "--to",
                                      "dash,crystal", "--reason", "Absorbed after review",
                                      "--reviewer", "bogdan", "--yes"])
    assert retire.exit_code == 0, retire.output
    shown = CliRunner().invoke(app, ["--repo", str(example_org), "seats", "--all"],
                               env={"COLUMNS": "200"})
    record = [line for line in shown.stdout.splitlines() if line.startswith("jeff retired ")]
    assert len(record) == 1
    assert "(reviewed by bogdan): Absorbed after review. " in record[0]
    assert "ad pacing monitoring → dash" in record[0]
    hidden = CliRunner().invoke(app, ["--repo", str(example_org), "seats"],
                                env={"COLUMNS": "200"})
    assert "jeff retired" not in hidden.stdout
