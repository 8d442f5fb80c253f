"""``otp mcp``: the org as an MCP server over stdio, where each agent connects as its seat
and may write only what that seat owns.

Sits above every capability package (it serves them all) and below ``commands``.
"""
