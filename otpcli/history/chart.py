"""``otp chart``: humans and agents on one org chart that doubles as a health map.

Each seat shows its holder, title, kind, model (agents) and its health: the most urgent row
status of its outcomes on the scorecard. ``reports_to`` edges are solid; the edge from an
agent's accountable human is dashed. Renderers: a terminal tree, Mermaid (renders on GitHub
as it is), Graphviz DOT and JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from otpcli.org.load import Org
from otpcli.scorecard.build import ATTENTION, build_scorecard
from otpcli.scorecard.render import ROW_LABELS

EdgeKind = Literal["reports_to", "accountable"]

#: Which status a seat shows when its rows differ: the most urgent first.
HEALTH_ORDER = (*ATTENTION, "unknown", "pending", "on_track", "draft", "no_outcome")
#: Health words in charts ("retired" is not a scorecard status: retired seats have no rows).
HEALTH_LABELS = {**{status: text.lower() for status, text in ROW_LABELS.items()},
                 "retired": "retired"}
#: Fill and border colour per health, for Mermaid and DOT.
HEALTH_COLOURS = {
    "on_track": ("#e6f4ea", "#1e8e3e"), "off_track": ("#fce8e6", "#d93025"),
    "stale": ("#fef7e0", "#e37400"), "missing": ("#f3e8fd", "#9334e6"),
    "pending": ("#f1f3f4", "#80868b"), "unknown": ("#fef7e0", "#b06000"),
    "draft": ("#f1f3f4", "#80868b"), "no_outcome": ("#ffffff", "#80868b"),
    "retired": ("#f1f3f4", "#bdc1c6"),
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    title: str
    holder: str
    kind: str
    model: str | None
    status: str  # active | retired
    health: str  # a row status, or "retired"
    reports_to: str | None
    accountable: str | None
    depth: int

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "holder": self.holder, "kind": self.kind,
                "model": self.model, "status": self.status, "health": self.health,
                "reports_to": self.reports_to, "accountable": self.accountable}


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # the seat above (reports_to) or the accountable human
    target: str
    kind: EdgeKind

    def as_json(self) -> dict[str, str]:
        return {"from": self.source, "to": self.target, "kind": self.kind}


@dataclass(frozen=True)
class Chart:
    org: str
    as_of: datetime
    nodes: list[Node] = field(default_factory=list)  # org-chart order, the root first
    edges: list[Edge] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"org": self.org, "as_of": self.as_of.isoformat(),
                "seats": [node.as_json() for node in self.nodes],
                "edges": [edge.as_json() for edge in self.edges]}


def build_chart(org: Org, *, as_of: datetime, include_retired: bool = False) -> Chart:
    """The chart of ``org`` with each seat's health as the scorecard has it at ``as_of``."""
    from otpcli.org.load import chart_depths

    card = build_scorecard(org, as_of=as_of)
    statuses: dict[str, set[str]] = {}
    for row in card.rows:
        statuses.setdefault(row.seat.id, set()).add(row.status)
    depths = chart_depths(org)
    seats = org.chart_order(include_retired=include_retired)
    shown = {seat_file.id for seat_file in seats}
    nodes: list[Node] = []
    edges: list[Edge] = []
    for seat_file in seats:
        seat = seat_file.seat
        health = "retired" if not seat.active else next(
            (status for status in HEALTH_ORDER if status in statuses.get(seat_file.id, ())),
            "no_outcome")
        nodes.append(Node(seat_file.id, seat.title, seat.holder.name, seat.holder.kind,
                          seat.holder.model, seat.status, health, seat.reports_to,
                          seat.accountable, depths.get(seat_file.id, 0)))
        if seat.reports_to in shown:
            edges.append(Edge(seat.reports_to, seat_file.id, "reports_to"))
    for seat_file in seats:
        seat = seat_file.seat
        if seat.is_agent and seat.accountable in shown:
            edges.append(Edge(seat.accountable, seat_file.id, "accountable"))
    return Chart(org.config.name, as_of, nodes, edges)


def _details(node: Node) -> list[str]:
    kind = f"agent · {node.model}" if node.kind == "agent" and node.model else node.kind
    return [node.holder, node.title, f"{kind} · {HEALTH_LABELS[node.health]}"]


# -- the terminal tree ------------------------------------------------------------------------

def tree_lines(chart: Chart) -> list[tuple[str, Node | None]]:
    """``(prefix, node)`` per line, the prefix drawing the tree; the first line (``None``)
    is the heading."""
    ids = {node.id for node in chart.nodes}
    children: dict[str | None, list[Node]] = {}
    for node in chart.nodes:
        parent = node.reports_to if node.reports_to in ids and node.reports_to != node.id \
            else None
        children.setdefault(parent, []).append(node)
    lines: list[tuple[str, Node | None]] = [
        (f"{chart.org} · as of {chart.as_of:%Y-%m-%d %H:%M %Z}", None)]
    seen: set[str] = set()

    def visit(node: Node, prefix: str, last: bool, top: bool) -> None:
        if node.id in seen:
            return
        seen.add(node.id)
        lines.append((prefix + ("" if top else "└── " if last else "├── "), node))
        below = [child for child in children.get(node.id, []) if child.id not in seen]
        inner = prefix + ("" if top else "    " if last else "│   ")
        for index, child in enumerate(below):
            visit(child, inner, index == len(below) - 1, False)

    for node in children.get(None, []):
        visit(node, "", True, True)
    for node in chart.nodes:  # seats caught in a reporting cycle
        visit(node, "", True, True)
    return lines


def render_tree(chart: Chart, console: Any) -> None:
    from rich.text import Text

    from otpcli.scorecard.render import ROW_STYLES

    for prefix, node in tree_lines(chart):
        if node is None:
            console.print(Text(prefix, style="bold"))
            continue
        line = Text(prefix, style="dim")
        retired = node.status == "retired"
        line.append(node.id, style="dim" if retired else "bold")
        line.append(f"  {node.holder} · {node.title} · ")
        line.append(node.kind, style="cyan" if node.kind == "agent" else "")
        if node.model:
            line.append(f" {node.model}", style="dim")
        line.append("  ")
        line.append(HEALTH_LABELS[node.health], style=ROW_STYLES.get(node.health, "dim"))
        if node.kind == "agent":
            line.append(f"  accountable: {node.accountable or 'nobody'}",
                        style="dim" if node.accountable else "bold red")
        console.print(line, soft_wrap=True)


def tree_text(chart: Chart) -> str:
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    render_tree(chart, Console(file=buffer, width=200, no_color=True, highlight=False))
    return buffer.getvalue()


# -- Mermaid ----------------------------------------------------------------------------------

def mermaid_id(seat_id: str) -> str:
    """A Mermaid node id: a prefix keeps ids such as `end` from being keywords."""
    return "seat_" + seat_id.replace("-", "_")


def mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: characters with a meaning become entity codes."""
    flat = " ".join(text.split())
    return "".join(f"#{ord(char)};" if char in '"#&<>`|[](){}' else char for char in flat)


def as_mermaid(chart: Chart) -> str:
    lines = ["flowchart TD"]
    for node in chart.nodes:
        label = "<br/>".join(mermaid_text(part) for part in _details(node))
        open_, close = ("(", ")") if node.kind == "agent" else ("[", "]")
        lines.append(f'  {mermaid_id(node.id)}{open_}"{label}"{close}')
    for edge in chart.edges:
        arrow = " -. accountable .-> " if edge.kind == "accountable" else " --> "
        lines.append(f"  {mermaid_id(edge.source)}{arrow}{mermaid_id(edge.target)}")
    used = sorted({node.health for node in chart.nodes})
    for health in used:
        fill, stroke = HEALTH_COLOURS[health]
        dashed = ",stroke-dasharray:4 4,color:#5f6368" if health == "retired" else ""
        lines.append(f"  classDef {health} fill:{fill},stroke:{stroke}{dashed}")
    for health in used:
        members = ",".join(mermaid_id(node.id) for node in chart.nodes if node.health == health)
        lines.append(f"  class {members} {health}")
    return "\n".join(lines) + "\n"


# -- Graphviz DOT -----------------------------------------------------------------------------

def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, one line."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def as_dot(chart: Chart) -> str:
    lines = [f"digraph {dot_string(chart.org)} {{",
             "  rankdir=TB;",
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
             '  edge [color="#5f6368", fontname="Helvetica", fontsize=9];']
    for node in chart.nodes:
        fill, stroke = HEALTH_COLOURS[node.health]
        label = "\\n".join(dot_string(part)[1:-1] for part in _details(node))
        shape = "box" if node.kind == "human" else "ellipse"
        style = '"rounded,filled,dashed"' if node.status == "retired" else '"rounded,filled"'
        lines.append(f'  {dot_string(node.id)} [label="{label}", shape={shape}, style={style}, '
                     f'fillcolor="{fill}", color="{stroke}"];')
    for edge in chart.edges:
        extra = ' [style=dashed, label="accountable", constraint=false]' \
            if edge.kind == "accountable" else ""
        lines.append(f"  {dot_string(edge.source)} -> {dot_string(edge.target)}{extra};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def as_json(chart: Chart) -> str:
    return json.dumps(chart.as_json(), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"mermaid": as_mermaid, "dot": as_dot, "json": as_json, "tree": tree_text}
