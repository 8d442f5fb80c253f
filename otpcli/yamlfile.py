"""Fast, position-keeping YAML reading.

Org files are parsed with libyaml (through ruamel.yaml.clib's C parser) into
nodes, then turned into plain Python values here. On the way every mapping key
and every value gets a :class:`Span`, so any message can point at
``seats/jeff.yaml:14:5``. Round-trip parsing, which keeps comments, is kept for
the files a command edits (see :mod:`otpcli.edit`); it is far too slow to read
a large org with.

Scalars follow the YAML 1.2 core schema. Timestamps stay strings: pydantic
parses them where a date is expected, and JSON Schema sees the same text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import Resolver

try:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency
    CParser = None

from otpcli.errors import Problem

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based region of a file; the end column is exclusive, as editors expect."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class Document:
    """A YAML file turned into plain values, with the span of every value and key."""

    data: Any
    spans: dict[PathKey, Span] = field(default_factory=dict)
    key_spans: dict[PathKey, Span] = field(default_factory=dict)
    #: problems that do not stop the file from loading (a duplicate key keeps its first value)
    problems: list[Problem] = field(default_factory=list)

    def span(self, path: PathKey) -> Span:
        """The span of the value at ``path``, or of its nearest ancestor that has one."""
        while path:
            found = self.spans.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.spans.get((), Span(1, 1, 1, 1))

    def key_span(self, path: PathKey) -> Span:
        """The span of the mapping key that ends ``path`` (falls back to the value's span)."""
        return self.key_spans.get(path) or self.span(path)


def format_path(path: PathKey) -> str:
    """``("outcomes", 2, "range")`` -> ``outcomes[2].range``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class YamlFileError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


if CParser is not None:

    class _NodeLoader(CParser, Resolver):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Resolver.__init__(self, loadumper=self)


def decode(raw: bytes, file: str) -> str:
    """Bytes to text, refusing binary and non-UTF-8 files with a precise position."""
    if b"\x00" in raw:
        raise YamlFileError(
            Problem(file, 1, 1, "this is a binary file, not YAML; remove it or replace it "
                    "with a UTF-8 text file", kind="yaml-syntax")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlFileError(
            Problem(file, line, column, f"byte 0x{raw[error.start]:02x} is not UTF-8; "
                    "save the file as UTF-8", kind="yaml-syntax")
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str, file: str) -> Document:
    """Parse one YAML document; raise :class:`YamlFileError` on syntax problems.

    Duplicate keys, merge keys, custom tags and empty files are reported too:
    they are legal or half-legal YAML but never what an org file means.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlFileError(
            Problem(file, 1, 1, "the file is empty; add its content or delete the file",
                    kind="yaml-syntax")
        )
    try:
        node = _compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        raise YamlFileError(
            Problem(file, line, column, f"invalid YAML: {what}; fix the syntax at this point",
                    kind="yaml-syntax")
        ) from None
    except YAMLError as error:
        raise YamlFileError(
            Problem(file, 1, 1, f"invalid YAML: {error}", kind="yaml-syntax")
        ) from None
    document = Document(data=None)
    document.data = _convert(node, (), document, file)
    return document


def _compose(text: str) -> Node:
    if CParser is not None:
        loader = _NodeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    else:  # pragma: no cover
        from ruamel.yaml import YAML

        node = YAML(typ="safe", pure=True).compose(text)
    return node  # type: ignore[no-any-return]


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _fail(file: str, node: Node, message: str) -> YamlFileError:
    span = _span(node)
    return YamlFileError(
        Problem(file, span.line, span.column, message, kind="yaml-syntax",
                end_line=span.end_line, end_column=span.end_column)
    )


def _convert(node: Node, path: PathKey, document: Document, file: str) -> Any:
    document.spans[path] = _span(node)
    if isinstance(node, ScalarNode):
        return _scalar(node, file)
    if isinstance(node, SequenceNode):
        return [_convert(item, (*path, index), document, file)
                for index, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _fail(file, key_node, "a mapping key must be plain text; "
                            "write the key as a word such as `title`")
            if key_node.tag == _TAG + "merge":
                raise _fail(file, key_node, "merge keys (<<) are not supported in org files; "
                            "write the keys out")
            key = str(key_node.value)
            key_path = (*path, key)
            if key in mapping:
                first = document.key_spans[key_path]
                document.problems.append(_fail(file, key_node, (
                    f"duplicate key `{key}` (first defined at line {first.line}); keep one of "
                    "them")).problem)
                continue
            document.key_spans[key_path] = _span(key_node)
            mapping[key] = _convert(value_node, key_path, document, file)
        return mapping
    raise _fail(file, node, "unsupported YAML node")  # pragma: no cover


def _scalar(node: ScalarNode, file: str) -> Any:
    tag = str(node.tag)
    value: str = node.value
    if not tag.startswith(_TAG):
        raise _fail(file, node, f"custom tag `{tag}` is not supported in org files; remove it")
    kind = tag[len(_TAG):]
    if kind in ("str", "timestamp"):
        return value
    if kind == "null" and value in _NULLS:
        return None
    if kind == "bool":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    if kind == "int":
        return _to_int(value)
    if kind == "float":
        return _to_float(value)
    return value


def _to_int(text: str) -> int | str:
    digits = text.replace("_", "")
    try:
        if digits[:2].lower() in ("0x", "0o", "0b") or digits[1:3].lower() in ("0x", "0o", "0b"):
            return int(digits, 0)
        return int(digits, 10)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    try:
        return float(lowered)
    except ValueError:
        return text
