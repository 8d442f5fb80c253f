"""`otp mcp` driven through the SDK's stdio client: a real subprocess, the real protocol."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from typer.testing import CliRunner

from otpcli.cli import app

OTP = str(Path(sys.executable).with_name("otp"))
PASSED_ON = ("OTP_NOW", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
             "GIT_COMMITTER_EMAIL", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "OTP_NO_CACHE")

Session = Callable[[ClientSession], Awaitable[Any]]


def _parameters(root: Path, acting: str | None) -> StdioServerParameters:
    args = ["--repo", str(root), "mcp", *(["--as", acting] if acting else [])]
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    return StdioServerParameters(command=OTP, args=args, env=env)


def with_server(root: Path, acting: str | None, work: Session) -> Any:
    async def main() -> Any:
        async with stdio_client(_parameters(root, acting)) as streams, \
                ClientSession(*streams) as session:
            await session.initialize()
            return await work(session)

    return anyio.run(main)


async def call(session: ClientSession, tool: str, **arguments: Any) -> tuple[bool, Any]:
    result = await session.call_tool(tool, arguments)
    if result.is_error:
        return True, "".join(getattr(block, "text", "") for block in result.content)
    return False, result.structured_content


def _rows(root: Path, outcome: str) -> list[str]:
    return (root / "measurements" / f"{outcome}.csv").read_text().splitlines()


def test_lists_its_tools_with_annotations(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = {tool.name: tool for tool in with_server(example_org, None, work)}
    assert set(tools) >= {"list_seats", "get_seat", "get_scorecard", "check_exceptions",
                          "get_review", "lint", "org_diff", "plan_retirement",
                          "record_measurement", "acknowledge_exception"}
    for name in ("get_seat", "check_exceptions", "get_review", "org_diff", "lint",
                 "plan_retirement"):
        assert tools[name].annotations.read_only_hint is True, name
    assert tools["acknowledge_exception"].annotations.read_only_hint is False
    assert tools["get_scorecard"].annotations.read_only_hint is True
    record = tools["record_measurement"]
    assert record.annotations.read_only_hint is False
    assert record.annotations.destructive_hint is False
    assert "missing" in record.input_schema["properties"]
    assert "accountable human" in (record.description or "")


def test_the_scorecard_is_the_same_data_as_the_cli(example_org: Path) -> None:
    moment = "2026-11-18T12:00:00-05:00"
    cli = CliRunner().invoke(app, ["--repo", str(example_org), "scorecard", "--format",
                                   "json", "--as-of", moment])
    assert cli.exit_code == 0, cli.output

    async def work(session: ClientSession) -> Any:
        return await call(session, "get_scorecard", as_of=moment)

    failed, data = with_server(example_org, None, work)
    assert not failed, data
    assert data == json.loads(cli.stdout)


def test_the_owning_seat_records_and_is_the_source(example_org: Path) -> None:
    before = _rows(example_org, "anomalies-before-open")

    async def work(session: ClientSession) -> Any:
        return await call(session, "record_measurement", outcome="anomalies-before-open",
                          value="97.5%", note="nightly check")

    failed, data = with_server(example_org, "dash", work)
    assert not failed, data
    assert data["value"] == 97.5 and data["source"] == "dash"
    after = _rows(example_org, "anomalies-before-open")
    assert after[:-1] == before
    assert after[-1].split(",")[1:] == ["97.5", "dash", "nightly check"]


def test_a_listed_reporter_records(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        return await call(session, "record_measurement", outcome="gross-margin", value=44.5)

    failed, data = with_server(example_org, "tally", work)
    assert not failed, data
    assert _rows(example_org, "gross-margin")[-1].split(",")[1:3] == ["44.5", "tally"]


def test_json_values_are_read_by_the_same_strict_reader(example_org: Path) -> None:
    """A JSON `true` is a yes/no answer, never 1 of a percent; a bare fraction for a range in
    percent is refused; a JSON integer is stored as it is."""
    path = example_org / "measurements" / "gross-margin.csv"
    before = path.read_bytes()

    async def work(session: ClientSession) -> Any:
        return [await call(session, "record_measurement", outcome="gross-margin", value=sent)
                for sent in (True, 0.42, "41,5", "2h", 41)]

    answers = with_server(example_org, "tally", work)
    for (failed, message), words in zip(answers[:4], (
            "yes/no answer", "did you mean 42%", "read two ways", "duration"), strict=True):
        assert failed and words in message, message
    failed, data = answers[4]
    assert not failed, data
    assert data["value"] == 41 and data["converted_from"] is None
    added = path.read_bytes()[len(before):]
    assert path.read_bytes().startswith(before)
    assert added.decode().split(",")[1:3] == ["41", "tally"]


def test_the_accountable_human_records_for_its_agent(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        return await call(session, "record_measurement", outcome="kpi-accuracy", missing=True,
                          note="Meta Ads API down")

    failed, data = with_server(example_org, "janine", work)
    assert not failed, data
    assert data["value"] is None
    assert _rows(example_org, "kpi-accuracy")[-1].split(",")[1:] == [
        "", "janine", "Meta Ads API down"]


def test_an_unrelated_agent_is_refused_and_nothing_is_written(example_org: Path) -> None:
    path = example_org / "measurements" / "anomalies-before-open.csv"
    before = path.read_bytes()

    async def work(session: ClientSession) -> Any:
        return await call(session, "record_measurement", outcome="anomalies-before-open",
                          value="50")

    failed, message = with_server(example_org, "pepper", work)
    assert failed
    assert "`pepper` may not record `anomalies-before-open`" in message
    assert "`dash` or `bogdan`" in message
    assert path.read_bytes() == before


def test_without_a_seat_every_write_is_refused(example_org: Path) -> None:
    path = example_org / "measurements" / "gross-margin.csv"
    before = path.read_bytes()

    async def work(session: ClientSession) -> Any:
        return await call(session, "record_measurement", outcome="gross-margin", value="44")

    failed, message = with_server(example_org, None, work)
    assert failed and "read-only" in message and "--as SEAT" in message
    assert path.read_bytes() == before


def test_bad_arguments_are_tool_errors_and_the_server_keeps_serving(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        return [
            await call(session, "record_measurement", outcome="no-such-outcome", value="1"),
            await call(session, "record_measurement", outcome="gross-margin", value="5000 EUR"),
            await call(session, "get_scorecard", status=["stael"]),
            await call(session, "get_scorecard", as_of="yesterday"),
            await call(session, "list_seats"),
        ]

    *errors, (failed, seats) = with_server(example_org, "bogdan", work)
    assert [failed for failed, _ in errors] == [True, True, True, True]
    assert "no outcome `no-such-outcome`" in errors[0][1]
    assert "unknown status stael" in errors[2][1]
    assert "ISO 8601" in errors[3][1]
    assert not failed and len(seats["seats"]) == 14


def test_a_broken_seat_file_is_reported_and_the_rest_is_served(example_org: Path) -> None:
    (example_org / "seats" / "nick.yaml").write_text("title: [unclosed\n")

    async def work(session: ClientSession) -> Any:
        return (await call(session, "get_scorecard"), await call(session, "list_seats"))

    (failed, message), (seats_failed, seats) = with_server(example_org, None, work)
    assert failed and "seats/nick.yaml:2:1: invalid YAML" in message
    assert not seats_failed
    assert "nick" not in [seat["id"] for seat in seats["seats"]]
    assert len(seats["seats"]) == 13


def test_a_retired_or_unknown_seat_cannot_act(example_org: Path) -> None:
    result = CliRunner().invoke(app, ["--repo", str(example_org), "mcp", "--as", "nobody"])
    assert result.exit_code == 2
    assert "--as: no seat `nobody`" in result.output


def test_resources_serve_a_seat_file_and_refuse_paths(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        seat = await session.read_resource("otp://seats/dash")
        try:
            await session.read_resource("otp://seats/Dash.yaml")
        except Exception as error:  # the SDK raises the server's error
            refused = str(error)
        else:
            refused = ""
        return seat.contents[0].text, refused

    text, refused = with_server(example_org, None, work)
    assert "holder:" in text and "Dash" in text
    assert "not a seat id" in refused


@pytest.mark.parametrize("clients", [4])
def test_forty_concurrent_writes_from_four_clients_lose_nothing(example_org: Path,
                                                                 clients: int) -> None:
    before = len(_rows(example_org, "gross-margin"))

    async def client(number: int) -> None:
        async with stdio_client(_parameters(example_org, "bogdan")) as streams, \
                ClientSession(*streams) as session:
            await session.initialize()
            async def record(value: str) -> None:
                failed, data = await call(session, "record_measurement",
                                          outcome="gross-margin", value=value)
                assert not failed, data

            async with anyio.create_task_group() as group:
                for index in range(10):
                    group.start_soon(record, f"{40 + number}.{index}")

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for number in range(clients):
                group.start_soon(client, number)

    anyio.run(main)
    rows = _rows(example_org, "gross-margin")
    assert len(rows) == before + 40
    values = sorted(float(row.split(",")[1]) for row in rows[before:])
    assert values == sorted(float(f"{40 + n}.{i}") for n in range(clients) for i in range(10))


def test_plan_retirement_is_a_dry_run(example_org: Path) -> None:
    import git

    head = git.Repo(example_org).head.commit.hexsha
    before = (example_org / "seats" / "jeff.yaml").read_bytes()

    async def work(session: ClientSession) -> Any:
        return await call(session, "plan_retirement", seat="jeff", to=["dash", "crystal"],
                          reason="absorbed")

    failed, plan = with_server(example_org, "bogdan", work)
    assert not failed, plan
    assert plan["seat"] == "jeff" and plan["reviewers"] == ["bogdan"]
    assert {h["to"] for h in plan["handovers"]} == {"dash", "crystal"}
    assert "+status: retired" in plan["diff"]
    assert (example_org / "seats" / "jeff.yaml").read_bytes() == before
    assert git.Repo(example_org).head.commit.hexsha == head


@pytest.mark.parametrize(("tool", "command", "arguments"), [
    ("check_exceptions", ["check"], {}),
    ("check_exceptions", ["check", "--escalated-to", "bogdan"], {"escalated_to": "Bogdan"}),
    ("get_review", ["review"], {}),
    ("org_diff", ["diff", "HEAD"], {"base": "HEAD"}),
    ("get_seat", ["show", "Arin"], {"seat": "arin"}),
])
def test_read_tools_return_what_the_cli_prints_as_json(example_org: Path, tool: str,
                                                       command: list[str],
                                                       arguments: dict[str, Any]) -> None:
    (example_org / "seats" / "arin.yaml").write_text(
        (example_org / "seats" / "arin.yaml").read_text().replace("min: 22", "min: 15"))
    cli = CliRunner().invoke(app, ["--repo", str(example_org), *command, "--format", "json"])
    assert cli.exit_code in (0, 1), cli.output

    async def work(session: ClientSession) -> Any:
        return await call(session, tool, **arguments)

    failed, data = with_server(example_org, None, work)
    assert not failed, data
    assert data == json.loads(cli.stdout)
    assert data  # the comparison is about something
    if tool == "org_diff":
        assert [change["kind"] for change in data["changes"]] == ["range_loosened"]


def test_acknowledge_as_a_ladder_seat_and_refused_for_anyone_else(example_org: Path) -> None:
    path = example_org / "acknowledgements" / "spend-variance-before-call.csv"
    assert not path.exists()

    async def refused(session: ClientSession) -> Any:
        return await call(session, "acknowledge_exception",
                          outcome="spend-variance-before-call", note="on it")

    failed, message = with_server(example_org, "pepper", refused)
    assert failed and "pepper" in message and "bogdan" in message
    assert not path.exists()
    failed, message = with_server(example_org, None, refused)
    assert failed and "read-only" in message
    assert not path.exists()

    async def accepted(session: ClientSession) -> Any:
        taken = await call(session, "acknowledge_exception",
                           outcome="spend-variance-before-call", note="calling the client")
        check = await call(session, "check_exceptions")
        return taken, check

    (failed, taken), (_, check) = with_server(example_org, "bogdan", accepted)
    assert not failed, taken
    assert taken["by"] == "bogdan" and taken["conditions"] == ["out_of_range"]
    rows = path.read_text().splitlines()
    assert rows[0] == "at,by,when,note"
    assert rows[1].split(",")[1:] == ["bogdan", "out_of_range", "calling the client"]
    held = {e["outcome"]: e for e in check["exceptions"]}
    assert held["spend-variance-before-call"]["acknowledged"]["by"] == "bogdan"


def test_the_weekly_review_prompt_carries_the_agenda(example_org: Path) -> None:
    async def work(session: ClientSession) -> Any:
        prompts = (await session.list_prompts()).prompts
        result = await session.get_prompt("weekly_review", {})
        return [prompt.name for prompt in prompts], result.messages[0].content.text

    names, text = with_server(example_org, None, work)
    assert names == ["weekly_review"]
    assert "Walk it in order" in text
    assert '"spend-variance-before-call"' in text and '"drift"' in text


def test_no_tool_or_resource_gives_a_secret_in_full(example_org: Path) -> None:
    token = "ghp_" + "Qz7" * 12
    seat = example_org / "seats" / "dash.yaml"
    seat.write_text(seat.read_text().replace("title: Ad Analytics Lead",
                                             f"title: Ad Analytics Lead {token}"))

    async def work(session: ClientSession) -> Any:
        resource = await session.read_resource("otp://seats/dash")
        return (resource.contents[0].text, await call(session, "get_seat", seat="dash"),
                await call(session, "list_seats"), await call(session, "lint"))

    text, *results = with_server(example_org, None, work)
    assert token not in text and "ghp_…(40 characters)" in text
    for failed, data in results:
        assert not failed and token not in json.dumps(data)
