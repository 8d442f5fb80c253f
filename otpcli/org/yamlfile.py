"""Fast, position-keeping YAML reading.

Org files are parsed with libyaml (through ruamel.yaml.clib's C parser) into
nodes, then turned into plain Python values here. On the way every mapping key
and every value gets a :class:`Span`, so any message can point at
``seats/jeff.yaml:14:5``. Round-trip parsing, which keeps comments, is kept for
the files a command edits (see :mod:`otpcli.org.edit`); it is far too slow to read
a large org with.

Scalars follow the YAML 1.2 core schema. Timestamps stay strings: pydantic
parses them where a date is expected, and JSON Schema sees the same text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

try:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency
    CParser = None

from otpcli import secrets
from otpcli.errors import Problem, printable

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class Span(NamedTuple):
    """A 1-based region of a file; the end column is exclusive, as editors expect."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class Document:
    """A YAML file turned into plain values, with the span of every value and key.

    Spans are worked out when first asked for, by reading the text again: most files never
    need one (only findings point into a file), and keeping them for every value of every
    file was most of a loaded org's memory."""

    #: the file as plain values (see :meth:`release`)
    _data: Any
    text: str = ""
    #: problems that do not stop the file from loading (a duplicate key keeps its first value)
    problems: list[Problem] = field(default_factory=list)
    file: str = ""
    #: whether the text might hold a secret (:func:`otpcli.secrets.might_contain`): when
    #: not, nobody needs to scan it again
    may_hold_secret: bool = True
    _marks: dict[PathKey, tuple[int, int, int, int]] | None = None
    _key_marks: dict[PathKey, tuple[int, int, int, int]] | None = None

    @property
    def marks(self) -> dict[PathKey, tuple[int, int, int, int]]:
        """path -> 0-based (line, column, end line, end column) of the value."""
        if self._marks is None:
            self._record_marks()
        assert self._marks is not None
        return self._marks

    @property
    def key_marks(self) -> dict[PathKey, tuple[int, int, int, int]]:
        """path -> 0-based (line, column, end line, end column) of the mapping key."""
        if self._key_marks is None:
            self._record_marks()
        assert self._key_marks is not None
        return self._key_marks

    def _record_marks(self) -> None:
        marked = _convert(self.text, self.file, _compose(self.text), record_marks=True)
        self._marks, self._key_marks = marked._marks, marked._key_marks

    def span(self, path: PathKey) -> Span:
        """The span of the value at ``path``, or of its nearest ancestor that has one."""
        marks = self.marks
        while path:
            found = marks.get(path)
            if found is not None:
                return _span_of(found)
            path = path[:-1]
        root = marks.get(())
        return _span_of(root) if root is not None else Span(1, 1, 1, 1)

    def key_span(self, path: PathKey) -> Span:
        """The span of the mapping key that ends ``path`` (falls back to the value's span)."""
        found = self.key_marks.get(path)
        return _span_of(found) if found is not None else self.span(path)

    @property
    def data(self) -> Any:
        """The file as plain values; read from the text again after :meth:`release`."""
        if self._data is _RELEASED:
            self._data = _convert(self.text, self.file, _compose(self.text),
                                  record_marks=False)._data
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    def release(self) -> None:
        """Drop the plain values once the file's model is built (they were a third of a
        loaded org's memory); asking for :attr:`data` again reads them from the text."""
        self._data = _RELEASED

    def has(self, path: PathKey) -> bool:
        """Whether the file gives a value (``null`` included) at ``path``."""
        value = self.data
        for part in path:
            if isinstance(part, int):
                if not isinstance(value, list) or not 0 <= part < len(value):
                    return False
            elif not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return True


class _Released:
    """What a document holds in place of released values; one object, even after pickling
    (a document read in another process arrives pickled, see :mod:`otpcli.workers`)."""

    def __reduce__(self) -> str:
        return "_RELEASED"


_RELEASED = _Released()


def _span_of(marks: tuple[int, int, int, int]) -> Span:
    line, column, end_line, end_column = marks
    return Span(line + 1, column + 1, end_line + 1, end_column + 1)


def _marks(node: Node) -> tuple[int, int, int, int]:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column, end.line, end.column)


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


_DEFAULT_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}

if CParser is not None:

    class _NodeLoader(CParser, BaseResolver):  # type: ignore[misc]
        """libyaml's parser and composer; scalars are typed here, not by ruamel's resolver."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            BaseResolver.__init__(self, loadumper=self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # Called by the C composer for every untagged node; explicit tags never get here.
            return _DEFAULT_TAGS[kind]


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
    except RecursionError:
        raise YamlFileError(
            Problem(file, 1, 1, f"invalid YAML: nested deeper than otp reads (at most "
                    f"{MAX_DEPTH} levels); flatten the file", kind="yaml-syntax")
        ) from None
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
    try:
        return _convert(text, file, node, record_marks=False)
    except _MarksNeededError:  # a duplicate key names where the first one is
        return _convert(text, file, node, record_marks=True)


class _MarksNeededError(Exception):
    """A message needs the spans a conversion without them did not record."""


def _convert(text: str, file: str, node: Node, *, record_marks: bool) -> Document:
    document = Document(None, text=text, file=file, may_hold_secret=secrets.might_contain(text))
    if record_marks:
        document._marks, document._key_marks = {}, {}
    converter = _Converter(document, file, check_tags="!" in text,
                           budget=max(MIN_VALUE_BUDGET, len(text)),
                           mask_secrets=document.may_hold_secret)
    document.data = converter.convert(node, ())
    return document


#: Nesting deeper than this is refused (an org file is some five levels deep).
MAX_DEPTH = 64
#: Aliases may repeat values, but a file never yields more values than it has characters (or
#: this many): a "billion laughs" file of 400 bytes is refused, not expanded.
MIN_VALUE_BUDGET = 10_000


def _compose(text: str) -> Node:
    if CParser is not None:
        loader = _NodeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
            # ruamel's resolver refers to itself (``loadumper``, ``_resolver``): a cycle only
            # the garbage collector frees, and it is paused while an org loads (then frozen),
            # so every loader, with its copy of the text, would stay for the whole run
            loader.__dict__.clear()
    else:  # pragma: no cover
        from ruamel.yaml import YAML

        node = YAML(typ="base", pure=True).compose(text)
    return node  # type: ignore[no-any-return]


def _fail(file: str, node: Node, message: str) -> YamlFileError:
    span = _span_of(_marks(node))
    return YamlFileError(
        Problem(file, span.line, span.column, message, kind="yaml-syntax",
                end_line=span.end_line, end_column=span.end_column)
    )


class _Converter:
    """Nodes to plain values, recording marks for every value and key."""

    def __init__(self, document: Document, file: str, check_tags: bool, budget: int,
                 mask_secrets: bool = False) -> None:
        #: None when spans are not recorded (see :class:`Document`)
        self.marks = document._marks
        self.key_marks = document._key_marks
        self.problems = document.problems
        self.file = file
        self.check_tags = check_tags
        self.budget = budget
        self.open: set[int] = set()  # the collections being converted: an alias cycle
        #: secrets in values are masked as they are read, so no output can print them (lint
        #: OTP205 reads the file's text and reports them)
        self.mask_secrets = mask_secrets
        #: control characters (written as YAML escapes: "\e]0;...") are kept visible, never
        #: passed to a terminal; only files with a backslash can hold one
        self.escape = "\\" in document.text

    def convert(self, node: Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _fail(self.file, node, "aliases here expand to more values than otp reads "
                        "(more than the file has characters); write the values out")
        if len(path) > MAX_DEPTH:
            raise _fail(self.file, node, f"nested deeper than otp reads (at most {MAX_DEPTH} "
                        "levels); flatten the file")
        if type(node) is not ScalarNode:
            if id(node) in self.open:
                raise _fail(self.file, node, "an alias refers to a value that contains it; "
                            "remove the alias")
            self.open.add(id(node))
            try:
                return self._convert(node, path)
            finally:
                self.open.discard(id(node))
        return self._convert(node, path)

    def _convert(self, node: Node, path: PathKey) -> Any:
        if self.marks is not None:
            start, end = node.start_mark, node.end_mark
            self.marks[path] = (start.line, start.column, end.line, end.column)
        if self.check_tags:
            self._check_tag(node)
        if type(node) is ScalarNode:
            value = _plain(node.value) if not node.style else node.value
            if isinstance(value, str):
                if self.mask_secrets:
                    value = secrets.redact(value)
                if self.escape:
                    value = printable(value)
            return value
        if type(node) is SequenceNode:
            convert = self.convert
            return [convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if type(node) is MappingNode:
            return self._mapping(node, path)
        raise _fail(self.file, node, "unsupported YAML node")  # pragma: no cover

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_marks = self.key_marks
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _fail(self.file, key_node, "a mapping key must be plain text; "
                            "write the key as a word such as `title`")
            key = printable(key_node.value) if self.escape else key_node.value
            if key == "<<" and not key_node.style:
                raise _fail(self.file, key_node, "merge keys (<<) are not supported in org "
                            "files; write the keys out")
            key_path = (*path, key)
            if key in mapping:
                if key_marks is None:
                    raise _MarksNeededError
                first = _span_of(key_marks[key_path])
                self.problems.append(_fail(self.file, key_node, (
                    f"duplicate key `{key}` (first defined at line {first.line}); keep one of "
                    "them")).problem)
                continue
            if key_marks is not None:
                key_marks[key_path] = _marks(key_node)
            mapping[key] = self.convert(value_node, key_path)
        return mapping

    def _check_tag(self, node: Node) -> None:
        tag = str(node.tag)
        if not tag.startswith(_TAG):
            raise _fail(self.file, node, f"custom tag `{tag}` is not supported in org files; "
                        "remove it")


def _plain(value: str) -> Any:
    """A plain scalar typed by the YAML 1.2 core schema (timestamps stay text)."""
    if not value:
        return None
    first = value[0]
    if first.isalpha() and first not in "tTfFnN":
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return _to_int(value)
    if _FLOAT.fullmatch(value):
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
