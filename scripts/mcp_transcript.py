"""Print a Markdown transcript of an MCP session with `otp mcp` (for docs/mcp.md).

    python scripts/mcp_transcript.py ORG_ROOT

Runs the real server as a subprocess through the SDK's stdio client, acting as Tally, and
shows each call with its (shortened) result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client


def _short(data: Any, items: int = 2) -> Any:
    """Lists cut to their first ``items`` entries, so the transcript stays readable."""
    if isinstance(data, list):
        shown = [_short(item, items) for item in data[:items]]
        return shown + ([f"... {len(data) - items} more"] if len(data) > items else [])
    if isinstance(data, dict):
        return {key: _short(value, items) for key, value in data.items()}
    return data


async def session(root: Path) -> None:
    otp = str(Path(sys.executable).with_name("otp"))
    parameters = StdioServerParameters(command=otp, args=["--repo", str(root), "mcp", "--as",
                                                          "tally"])
    async with stdio_client(parameters) as streams, ClientSession(*streams) as client:
        info = await client.initialize()
        print(f"server: {info.server_info.name} {info.server_info.version}\n")
        tools = (await client.list_tools()).tools
        print("tools: " + ", ".join(f"`{tool.name}`" for tool in tools) + "\n")
        calls: list[tuple[str, dict[str, Any]]] = [
            ("get_scorecard", {"seat": "tally"}),
            ("record_measurement", {"outcome": "gross-margin", "value": "41.5%",
                                    "note": "from QuickBooks"}),
            ("record_measurement", {"outcome": "qualified-pipeline", "value": "250000"}),
            ("check_exceptions", {"escalated_to": "janine"}),
        ]
        for name, arguments in calls:
            result = await client.call_tool(name, arguments)
            print(f"→ `{name}` {json.dumps(arguments)}\n")
            if result.is_error:
                text = "".join(getattr(block, "text", "") for block in result.content)
                print(f"← error: {text}\n")
            else:
                shown = json.dumps(_short(result.structured_content), indent=2)
                print(f"← result:\n\n```json\n{shown}\n```\n")


if __name__ == "__main__":
    anyio.run(session, Path(sys.argv[1]))
