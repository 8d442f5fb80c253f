"""A checker for the part of Mermaid's flowchart grammar that ``otp chart`` uses.

It follows the productions of Mermaid's flowchart parser (flow.jison): a ``flowchart``
header with a direction, then statements one per line: a vertex (an id and a shape
around a label), a link between two ids (``-->``, ``-.->``, with text between
``-.``/``.->`` or ``--``/``-->``, or in ``|pipes|``), ``classDef`` and ``class``. Ids are
alphanumerics and underscores and must not be keywords; a quoted label may hold any text
but a double quote (written ``#quot;`` or ``#34;``), and entity codes must be well formed.
It is stricter than Mermaid (it refuses what Mermaid would accept only by luck), so what
passes here renders on GitHub.
"""

from __future__ import annotations

import re

DIRECTIONS = {"TB", "TD", "BT", "RL", "LR"}
KEYWORDS = {"graph", "flowchart", "flowchart-elk", "subgraph", "end", "style", "linkStyle",
            "classDef", "class", "click", "call", "href", "default", "interpolate",
            "accTitle", "accDescr", "direction"}
ID = r"[A-Za-z0-9_]+"
LABEL = r'"(?P<label>[^"\n]*)"'
SHAPES = [(r"\[", r"\]"), (r"\(", r"\)"), (r"\(\[", r"\]\)"), (r"\[\[", r"\]\]"),
          (r"\[\(", r"\)\]"), (r"\(\(", r"\)\)"), (r"\{", r"\}"), (r"\{\{", r"\}\}"),
          (r">", r"\]")]
VERTEX = re.compile(rf"^(?P<id>{ID})(?:" + "|".join(
    rf"{open_}{LABEL.replace('label', f'label{index}')}{close}"
    for index, (open_, close) in enumerate(SHAPES)) + r")$")
EDGE_TEXT = r"[^\"|\n.-][^\"|\n]*?"
LINK = re.compile(rf"^(?P<a>{ID})\s+(?:-->|---|-\.->|==>|"
                  rf"--\s+{EDGE_TEXT}\s+-->|-\.\s+{EDGE_TEXT}\s+\.->|"
                  rf"(?:-->|-\.->)\|{EDGE_TEXT}\|)\s+(?P<b>{ID})$")
STYLE = r"[A-Za-z-]+:[^,;\s][^,;]*"
CLASS_DEF = re.compile(rf"^classDef\s+(?P<name>{ID})\s+{STYLE}(?:,{STYLE})*$")
CLASS = re.compile(rf"^class\s+(?P<ids>{ID}(?:,{ID})*)\s+(?P<name>{ID})$")
ENTITY = re.compile(r"#(?:[0-9]+|[A-Za-z]+);")


def check_flowchart(text: str) -> list[str]:
    """Every way ``text`` breaks the grammar; empty when it is a valid flowchart."""
    errors: list[str] = []
    lines = text.splitlines()
    if not lines:
        return ["empty"]
    header = lines[0].split()
    if len(header) != 2 or header[0] != "flowchart" or header[1] not in DIRECTIONS:
        errors.append(f"line 1: expected `flowchart <direction>`, got {lines[0]!r}")
    vertices: set[str] = set()
    linked: set[str] = set()
    classes: set[str] = set()
    used_classes: set[str] = set()
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        if line.endswith(";"):
            line = line[:-1]
        where = f"line {number}"
        if match := VERTEX.match(line):
            vertex = match["id"]
            label = next(value for key, value in match.groupdict().items()
                         if key.startswith("label") and value is not None)
            if "#" in ENTITY.sub("", label):
                errors.append(f"{where}: a `#` that starts no entity code in {label!r}")
            if vertex in vertices:
                errors.append(f"{where}: vertex `{vertex}` defined twice")
            vertices.add(vertex)
        elif match := LINK.match(line):
            linked.update((match["a"], match["b"]))
        elif match := CLASS_DEF.match(line):
            classes.add(match["name"])
        elif match := CLASS.match(line):
            used_classes.add(match["name"])
            linked.update(match["ids"].split(","))
        else:
            errors.append(f"{where}: not a flowchart statement: {raw!r}")
            continue
        for name in re.findall(ID, line.split('"')[0]):
            if name in KEYWORDS and not line.startswith(("classDef ", "class ")):
                errors.append(f"{where}: `{name}` is a keyword, not an id")
    errors += [f"id `{name}` is used but never defined" for name in sorted(linked - vertices)]
    errors += [f"class `{name}` is applied but never defined"
               for name in sorted(used_classes - classes)]
    return errors
