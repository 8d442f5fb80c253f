"""Round-trip YAML editing that keeps files as people wrote them.

Comments, key order, quoting, flow style and indentation survive; only what a
command changes differs in the diff. Loading is ruamel.yaml's round-trip
parser, which is slow, so it is used only for the files a command edits.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_KEY_ONLY = re.compile(r"^( *)[^\s#-][^:#]*:\s*(?:#.*)?$")


class RoundTrip:
    """One YAML file loaded for editing; :meth:`dump` writes it back in the same style."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096
        mapping, sequence, offset = _guess_indentation(text)
        self.yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self.data: CommentedMap = self.yaml.load(text)

    def dump(self) -> str:
        buffer = io.StringIO()
        self.yaml.dump(self.data, buffer)
        return buffer.getvalue()


def _guess_indentation(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file uses them."""
    mapping = sequence = offset = None
    lines = text.splitlines()
    for index, line in enumerate(lines[:-1]):
        match = _KEY_ONLY.match(line)
        if match is None:
            continue
        parent = len(match.group(1))
        following = next((n for n in lines[index + 1:] if n.strip() and
                          not n.lstrip().startswith("#")), "")
        indent = len(following) - len(following.lstrip(" "))
        stripped = following.lstrip(" ")
        if indent < parent or (indent == parent and not stripped.startswith("- ")):
            continue
        if stripped.startswith("- ") and sequence is None:
            offset = indent - parent
            after = stripped[2:]
            sequence = offset + 2 + (len(after) - len(after.lstrip(" ")))
        elif not stripped.startswith("- ") and mapping is None:
            mapping = indent - parent
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or 2
    if sequence is None or offset is None:
        sequence, offset = mapping + 2, mapping
    return mapping, max(sequence, offset + 2), offset


def flow_seq(items: list[Any]) -> CommentedSeq:
    sequence = CommentedSeq(items)
    sequence.fa.set_flow_style()
    return sequence


def block_seq(items: list[Any]) -> CommentedSeq:
    return CommentedSeq(items)


def insert_after(mapping: CommentedMap, after: tuple[str, ...], key: str, value: Any) -> None:
    """Set ``key``; a new key goes after the first of ``after`` present, else at the end."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    for anchor in after:
        if anchor in mapping:
            mapping.insert(keys.index(anchor) + 1, key, value)
            return
    mapping[key] = value
