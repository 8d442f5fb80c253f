"""Load a whole org repository into models, keeping positions for every message.

The loader reports every problem it finds, not only the first, and never
raises on bad input: a file that does not parse or validate becomes a
:class:`~otpcli.errors.Problem` and loading goes on with the rest. Cross-file
problems (a ``reports_to`` naming no seat, an outcome id used twice) do not
stop loading; they are ``otp lint`` findings.
"""

from __future__ import annotations

import gc
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from otpcli.errors import OrgLoadError, OtpError, Problem, did_you_mean, printable
from otpcli.fileio import DEFAULT_MAX_FILE_BYTES, UnsafeFileError
from otpcli.org.model import (
    DURATION_PATTERN,
    SLUG_PATTERN,
    UNIT_PATTERN,
    OrgConfig,
    Outcome,
    Seat,
)
from otpcli.org.source import DiskSource, GitSource, OrgSource, SourceEntry
from otpcli.org.yamlfile import Document, PathKey, YamlFileError, decode, format_path, parse
from otpcli.workers import jobs_for, run_split

if TYPE_CHECKING:
    from git import Repo

CONFIG_FILE = "otp.yaml"
SEATS_DIR = "seats"
MEASUREMENTS_DIR = "measurements"
REPO_ENV = "OTP_REPO"

_SLUG = re.compile(SLUG_PATTERN)
#: seat files from which a work tree is read on every core (see :mod:`otpcli.workers`)
PARALLEL_FROM = 500
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class SeatFile:
    """A seat as loaded from ``seats/<id>.yaml``."""

    id: str
    file: str  # repo-relative, forward slashes
    seat: Seat
    document: Document
    #: for a seat file that failed validation, loaded as far as it validates: the paths whose
    #: values were invalid (left out or stood in for); findings there are not reported twice
    invalid: frozenset[PathKey] = frozenset()

    @property
    def partial(self) -> bool:
        return bool(self.invalid)

    def gives(self, *path: str) -> bool:
        """Whether the file gives a value (``null`` included) at ``path``, a path of mapping
        keys as written (``"holder", "model"``): read from the models, which know which keys
        they were given, so the file is not read again."""
        if self.invalid:
            return self.document.has(path)  # a partial seat keeps its values as read
        current: Any = self.seat
        for key in path:
            name = _field_names(type(current)).get(key) if isinstance(current, BaseModel) \
                else None
            if name is None or name not in current.model_fields_set:
                return False
            current = getattr(current, name)
        return True

    def invalid_at(self, *path: str | int) -> bool:
        """Whether the value at ``path`` (or one inside it, or the whole item holding it)
        failed validation: a finding that depends on it would only follow from that."""
        return any(bad[:len(path)] == path or path[:len(bad)] == bad
                   for bad in self.invalid)


@cache
def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """A model's field names by the key a file writes (the alias, such as ``for``)."""
    return {info.alias or name: name for name, info in model.model_fields.items()}


@dataclass(frozen=True, slots=True)
class OutcomeRef:
    """Where an outcome lives: its seat and its index in the seat's ``outcomes`` list."""

    seat: SeatFile
    index: int
    outcome: Outcome


@dataclass
class Org:
    """A loaded org repository."""

    root: Path
    config: OrgConfig
    config_document: Document | None
    seats: dict[str, SeatFile] = field(default_factory=dict)
    #: where the files came from (the work tree, or a git revision)
    source: OrgSource | None = None
    #: ids of seat files that exist but could not be read at all (their problems say why)
    unreadable: set[str] = field(default_factory=set)

    def read(self, relative: str) -> bytes:
        """An org file's bytes, read as safely as the org was (see :mod:`otpcli.org.source`)."""
        source = self.source if self.source is not None else DiskSource(self.root)
        return source.read(relative, self.config.limits.max_file_bytes)

    def list_directory(self, directory: str) -> list[SourceEntry] | None:
        """The entries of an org directory, listed as safely as the org was read."""
        source = self.source if self.source is not None else DiskSource(self.root)
        return source.list(directory)

    def find_seat(self, name: str) -> SeatFile | None:
        """A seat by id or holder name, case-insensitive."""
        wanted = name.strip().lower()
        if wanted in self.seats:
            return self.seats[wanted]
        for seat_file in self.seats.values():
            if seat_file.seat.holder.name.lower() == wanted:
                return seat_file
        return None

    def require_seat(self, name: str, option: str = "seat") -> SeatFile:
        """:meth:`find_seat`, or :class:`OtpError` naming ``option`` and the closest id."""
        found = self.find_seat(name)
        if found is None:
            hint = did_you_mean(name.strip().lower(), self.seats,
                                "give a seat id or a holder name")
            raise OtpError(f"{option}: no seat `{name}`; {hint}")
        return found

    def seat_ids(self, names: Iterable[str], option: str = "seat") -> list[str]:
        """Seat ids for names given by a user (id or holder name); :meth:`require_seat`."""
        return [self.require_seat(name, option).id for name in names]

    @cached_property
    def outcomes(self) -> dict[str, OutcomeRef]:
        """Every measured outcome by id; the first seat (by file name) wins a duplicate id."""
        found: dict[str, OutcomeRef] = {}
        for seat_file in self.seats.values():
            for index, entry in enumerate(seat_file.seat.outcomes):
                if isinstance(entry, Outcome) and entry.id not in found:
                    found[entry.id] = OutcomeRef(seat_file, index, entry)
        return found

    def chart_order(self, include_retired: bool = False) -> list[SeatFile]:
        """Seats depth-first from the root, siblings by id; seats off the tree come last."""
        children: dict[str | None, list[SeatFile]] = {}
        for seat_file in self.seats.values():
            parent = seat_file.seat.reports_to
            if parent not in self.seats:
                parent = None
            children.setdefault(parent, []).append(seat_file)
        ordered: list[SeatFile] = []
        seen: set[str] = set()

        def visit(seat_file: SeatFile) -> None:
            if seat_file.id in seen:
                return
            seen.add(seat_file.id)
            ordered.append(seat_file)
            for child in children.get(seat_file.id, []):
                visit(child)

        for top in children.get(None, []):
            visit(top)
        for seat_file in self.seats.values():  # seats caught in a reporting cycle
            visit(seat_file)
        return [s for s in ordered if include_retired or s.seat.active]

    def measurements_file(self, outcome_id: str) -> Path:
        return self.root / MEASUREMENTS_DIR / f"{outcome_id}.csv"

    def measurements_path(self, outcome_id: str) -> str:
        """:meth:`measurements_file` as a plain string, for reading thousands of them."""
        return os.path.join(self._measurements_dir, f"{outcome_id}.csv")  # noqa: PTH118

    @cached_property
    def _measurements_dir(self) -> str:
        return os.path.join(self.root, MEASUREMENTS_DIR)  # noqa: PTH118


@dataclass
class LoadResult:
    """The org as far as it loads, and every problem found on the way."""

    org: Org
    problems: list[Problem]


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The org repository root: ``explicit`` (``--repo``), ``$OTP_REPO``, or the nearest
    directory at or above ``start`` that holds ``otp.yaml``."""
    given = explicit if explicit is not None else os.environ.get(REPO_ENV) or None
    if given is not None:
        root = Path(given).expanduser()
        if not (root / CONFIG_FILE).is_file():
            raise OtpError(
                f"{root}: no {CONFIG_FILE} here; point --repo (or {REPO_ENV}) at an org "
                "repository, or create one with `otp init`"
            )
        return root.resolve()
    try:
        here = (start or Path.cwd()).resolve()
    except FileNotFoundError:
        raise OtpError("the working directory no longer exists (was it replaced or removed?); "
                       "cd into the org again, or give --repo") from None
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    raise OtpError(
        f"no {CONFIG_FILE} in {here} or any parent directory; run otp inside an org "
        "repository, pass --repo DIR, or create one with `otp init`"
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading an org or its measurements builds many long-lived objects and no cycles; the
    cyclic garbage collector would rescan the growing heap again and again (it doubled load
    time at 1,000 seats). Afterwards the objects are frozen (moved out of the collector's
    generations), so the first collection after loading does not scan them all either."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_org(
    root: Path, overrides: dict[str, str] | None = None, source: OrgSource | None = None
) -> LoadResult:
    """Read ``otp.yaml`` and every seat file; never raises on bad input.

    ``overrides`` maps repo-relative files to the text to read instead of the
    file on disk: how a command checks an edit (lints its result) before
    writing anything. ``source`` reads the files from elsewhere than the work
    tree (a git revision); by default they are read from ``root`` on disk.
    """
    with collector_paused():
        return _load_org(root, overrides or {}, source or DiskSource(root))


def _load_org(root: Path, overrides: dict[str, str], source: OrgSource) -> LoadResult:
    problems: list[Problem] = []
    config, config_document = _load_config(source, problems, overrides)
    org = Org(root=root, config=config, config_document=config_document, source=source)
    limit = config.limits.max_file_bytes
    for seat_file in _load_seats(source, problems, overrides, limit, org.unreadable):
        org.seats[seat_file.id] = seat_file
    problems.sort(key=_position)
    return LoadResult(org=org, problems=problems)


def _position(problem: Problem) -> tuple[str, int, int]:
    """The order problems are reported in: by file, then line and column."""
    return problem.file, problem.line, problem.column


def require_org(root: Path, source: OrgSource | None = None) -> Org:
    """The org, or :class:`OrgLoadError` listing every problem."""
    result = load_org(root, source=source)
    if result.problems:
        raise OrgLoadError(result.problems,
                           source.label if isinstance(source, GitSource) else None)
    return result.org


def read_document(
    source: OrgSource, file: str, overrides: dict[str, str] | None = None,
    limit: int = DEFAULT_MAX_FILE_BYTES,
) -> Document:
    """Read and parse one YAML file; :class:`YamlFileError` on any problem."""
    if overrides and file in overrides:
        return parse(overrides[file], file)
    try:
        raw = source.read(file, limit)
    except UnsafeFileError as error:
        raise YamlFileError(Problem(file, 1, 1, error.reason, kind="unsafe-file")) from None
    except OSError as error:
        raise YamlFileError(
            Problem(file, 1, 1, f"cannot read the file: {error.strerror or error}",
                    kind="yaml-syntax")
        ) from None
    return parse(decode(raw, file), file)


def _load_config(
    source: OrgSource, problems: list[Problem], overrides: dict[str, str]
) -> tuple[OrgConfig, Document | None]:
    fallback = OrgConfig(name=source.root.name or "org")
    try:
        document = read_document(source, CONFIG_FILE, overrides)
    except YamlFileError as error:
        problems.append(error.problem)
        return fallback, None
    problems.extend(document.problems)
    config = _validate(OrgConfig, document, CONFIG_FILE, problems)
    return (config if config is not None else fallback), document


def _load_seats(
    source: OrgSource, problems: list[Problem], overrides: dict[str, str], limit: int,
    unreadable: set[str],
) -> Iterator[SeatFile]:
    try:
        entries = source.list(SEATS_DIR)
    except UnsafeFileError as error:
        problems.append(Problem(SEATS_DIR, 1, 1, error.reason, kind="unsafe-file"))
        return
    if entries is None:
        problems.append(Problem(CONFIG_FILE, 1, 1, f"there is no {SEATS_DIR}/ directory next "
                                f"to {CONFIG_FILE}; create it with one YAML file per seat"))
        return
    wanted: list[tuple[str, str]] = []  # (file, seat id), in file order
    for entry in entries:
        if entry.name.startswith("."):
            continue
        file = f"{SEATS_DIR}/{entry.name}"
        shown = printable(file)  # names that are no seat id are only ever shown
        if entry.kind == "directory":
            problems.append(Problem(shown, 1, 1, f"{SEATS_DIR}/ holds one file per seat, not "
                                    "directories; move it out of seats/"))
            continue
        stem, dot, suffix = entry.name.rpartition(".")
        if not dot or suffix != "yaml":
            hint = (f"rename it to {printable(stem)}.yaml" if suffix == "yml"
                    else "move it out of seats/")
            problems.append(Problem(shown, 1, 1, f"seat files end in .yaml; {hint}"))
            continue
        if not _SLUG.match(stem):
            slug = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "seat"
            problems.append(Problem(shown, 1, 1, f"`{printable(stem)}` is not a seat id "
                                    "(lowercase letters, digits and hyphens); rename the file "
                                    f"to {slug}.yaml"))
            continue
        wanted.append((file, stem))

    def read_batch(batch: Sequence[tuple[str, str]]) -> Iterator[Document | Problem]:
        for file, _ in batch:
            yield _read_seat(source, file, overrides, limit)

    # Parsing is most of the cost and is read on every core of a large org; validating
    # stays here (pydantic's C core is quick, and a model costs more to send than to make).
    jobs = jobs_for(len(wanted), PARALLEL_FROM) if isinstance(source, DiskSource) else 1
    for (file, stem), read in zip(wanted, run_split(read_batch, wanted, jobs), strict=True):
        seat_file = None
        if isinstance(read, Problem):
            problems.append(read)
        else:
            seat_file = _seat_from(read, file, stem, problems)
        if seat_file is None:
            unreadable.add(stem)
        else:
            yield seat_file


def _read_seat(source: OrgSource, file: str, overrides: dict[str, str],
               limit: int) -> Document | Problem:
    """A seat file parsed, or the problem that kept it from being read at all."""
    try:
        return read_document(source, file, overrides, limit)
    except YamlFileError as error:
        return error.problem


def _load_seat(source: OrgSource, file: str, stem: str, problems: list[Problem],
               overrides: dict[str, str], limit: int) -> SeatFile | None:
    """One seat file, as far as it validates; ``None`` when it cannot be read at all."""
    read = _read_seat(source, file, overrides, limit)
    if isinstance(read, Problem):
        problems.append(read)
        return None
    return _seat_from(read, file, stem, problems)


def _seat_from(document: Document, file: str, stem: str,
               problems: list[Problem]) -> SeatFile | None:
    """The seat a parsed file holds, as far as it validates; ``None`` when nothing is left."""
    problems.extend(document.problems)
    seat = _validate(Seat, document, file, problems)
    if seat is not None and not document.problems:
        document.release()
        return SeatFile(id=stem, file=file, seat=seat, document=document)
    salvaged = _salvage(document.data, stem) if isinstance(document.data, dict) else None
    if salvaged is None:
        return None
    partial, invalid = salvaged
    return SeatFile(id=stem, file=file, seat=partial, document=document,
                    invalid=invalid or frozenset({()}))


def load_edited(base: LoadResult, overrides: dict[str, str]) -> LoadResult:
    """``base`` as if the files in ``overrides`` held that text, parsing only those files:
    how an edit is checked (linted before and after) without reading the org twice. The
    same as :func:`load_org` with ``overrides``, which it falls back to when an override is
    ``otp.yaml`` or no seat file of ``base``."""
    org = base.org
    by_file = {seat_file.file: seat_file for seat_file in org.seats.values()}
    if any(file not in by_file for file in overrides):
        return load_org(org.root, overrides, org.source)
    problems = [problem for problem in base.problems if problem.file not in overrides]
    edited = Org(root=org.root, config=org.config, config_document=org.config_document,
                 source=org.source, unreadable=set(org.unreadable))
    source = org.source if org.source is not None else DiskSource(org.root)
    with collector_paused():
        for seat_id, seat_file in org.seats.items():
            if seat_file.file not in overrides:
                edited.seats[seat_id] = seat_file
                continue
            again = _load_seat(source, seat_file.file, seat_id, problems, overrides,
                               org.config.limits.max_file_bytes)
            if again is None:
                edited.unreadable.add(seat_id)
            else:
                edited.seats[seat_id] = again
    problems.sort(key=_position)
    return LoadResult(org=edited, problems=problems)


def _validate(
    model: type[M], document: Document, file: str, problems: list[Problem]
) -> M | None:
    if not isinstance(document.data, dict):
        span = document.span(())
        problems.append(Problem(file, span.line, span.column,
                                f"expected a mapping of keys such as "
                                f"{_key_list(model)}; got {_describe(document.data)}"))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            problems.append(_problem_from_error(model, document, file, detail))
        return None


#: What each pattern of the format asks for, in words and with an example (a message never
#: shows a regular expression).
PATTERN_WORDS = {
    SLUG_PATTERN: "must be an id: lowercase letters, digits and hyphens, starting with a "
                  "letter or digit, such as `monthly-revenue`",
    DURATION_PATTERN: "must be a duration: a whole number and m, h, d or w, such as `2d` or "
                      "`36h`",
    UNIT_PATTERN: "must be a unit: percent, count, minutes, hours, days, ratio, boolean, or a "
                  "three-letter currency code such as USD",
}


def _problem_from_error(
    model: type[BaseModel], document: Document, file: str, detail: Any
) -> Problem:
    path = _data_path(document.data, detail["loc"])
    where = format_path(path)
    kind = detail["type"]
    if kind == "extra_forbidden":
        span = document.key_span(path)
        key = str(path[-1]) if path else ""
        allowed = _allowed_keys(model, path[:-1])
        hint = did_you_mean(key, allowed, f"expected one of: {', '.join(allowed)}")
        message = f"unknown key `{where}`; {hint}"
    elif kind == "missing":
        missing = detail["loc"][-1]
        parent_path = path[:-1] if path and path[-1] == missing else path
        span = document.key_span(parent_path) if parent_path else document.span(())
        where = format_path(parent_path)
        parent = f" in `{where}`" if where else ""
        message = f"missing required key `{missing}`{parent}; add it"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        span = document.span(path)
        if len(path) == 2 and path[0] == "outcomes":
            message = (f"`{where}` must be an outcome (a mapping with `id`, `statement`, "
                       "`metric`, ...) or a draft sentence")
        else:
            keys = ", ".join(f"`{key}`" for key in _allowed_keys(model, path)[:4])
            message = f"`{where}` must be a mapping with keys such as {keys}"
        message += f" (got {_describe(detail.get('input'))})"
    elif kind == "string_pattern_mismatch":
        span = document.span(path)
        pattern = str((detail.get("ctx") or {}).get("pattern", ""))
        expected = PATTERN_WORDS.get(pattern, "has the wrong form; see docs/format.md")
        message = f"`{where}` {expected} (got {_describe(detail.get('input'))})"
    else:
        span = document.span(path)
        text = str(detail["msg"])
        text = text.replace("Input should be", "must be").replace("String should", "must")
        text = text.replace("Value error, ", "")
        got = detail.get("input")
        suffix = f" (got {_describe(got)})" if not isinstance(got, dict | list) else ""
        message = f"`{where}` {text}{suffix}" if where else f"{text}{suffix}"
    return Problem(file, span.line, span.column, message, kind="schema-violation",
                   end_line=span.end_line, end_column=span.end_column, path=path)


#: Required values a partly valid seat gets in place of invalid or missing ones (findings on
#: these paths are not reported: the schema error is).
def _stand_in(path: PathKey, stem: str, data: dict[str, Any]) -> Any:
    if path == ("title",):
        return f"({stem} has no valid title)"
    if path == ("holder",):
        return {"name": stem, "kind": _kind_from(data)}
    if path == ("holder", "name"):
        return stem
    if path == ("holder", "kind"):
        return _kind_from(data)
    if len(path) == 3 and path[0] == "outcomes" and path[2] == "id":
        return f"{stem}-outcome-{path[1]}"
    if len(path) == 3 and path[0] == "outcomes" and path[2] == "statement":
        return f"(outcome {path[1]} of {stem} has no valid statement)"
    return _REMOVE


_REMOVE = object()
_SALVAGE_ROUNDS = 16


def _kind_from(data: dict[str, Any]) -> str:
    """An invalid holder kind read as what the seat's other keys say it is."""
    return "agent" if any(key in data for key in ("accountable", "autonomy")) else "human"


def _salvage(data: dict[str, Any], stem: str) -> tuple[Seat, frozenset[PathKey]] | None:
    """A seat as far as it validates: invalid values left out (a required one stood in for,
    a list item without its required keys dropped), with the paths that were invalid.
    ``None`` when nothing sensible is left."""
    import copy

    work = copy.deepcopy(data)
    invalid: set[PathKey] = set()
    for _ in range(_SALVAGE_ROUNDS):
        try:
            return Seat.model_validate(work), frozenset(invalid)
        except ValidationError as error:
            details = error.errors(include_url=False)
        # deepest first, so removing an item does not shift the paths of the others
        paths = sorted({_data_path(work, detail["loc"]) for detail in details},
                       key=lambda path: (len(path), path), reverse=True)
        for path in paths:
            if not path or not _repair(work, path, stem, invalid):
                return None
    return None


def _repair(data: dict[str, Any], path: PathKey, stem: str, invalid: set[PathKey]) -> bool:
    """Make ``path`` valid with the least loss: stand in for a required value, or else, from
    the problem outwards, leave out the value (or the optional key around it) or replace the
    list item holding it with a stand-in item (so the other items keep their indices, and
    their positions in the file). A required key left out is missing in the next round, and
    is then repaired one level further out."""
    replacement = _stand_in(path, stem, data)
    if replacement is not _REMOVE:
        parent, key = _at(data, path[:-1]), path[-1]
        if not (isinstance(parent, dict) or (isinstance(parent, list) and isinstance(key, int))):
            return False
        parent[key] = replacement  # type: ignore[index]
        invalid.add(path)
        return True
    for depth in range(len(path), 0, -1):
        container, key = _at(data, path[:depth - 1]), path[depth - 1]
        if isinstance(container, dict) and key in container:
            del container[key]
            invalid.add(path[:depth])
            return True
        if isinstance(container, list) and isinstance(key, int) and depth >= 2:
            item = _LIST_ITEMS.get(str(path[depth - 2]))
            if item is None:
                continue  # no stand-in for this list's items: leave out the whole list
            original = container[key]
            stand_in = item(stem, key)
            if isinstance(original, dict) and isinstance(stand_in, dict) and \
                    isinstance(original.get("id"), str) and _SLUG.match(original["id"]):
                stand_in["id"] = original["id"]  # its measurements still belong to it
            container[key] = stand_in
            invalid.add(path[:depth])
            return True
    return False


def _at(data: Any, path: PathKey) -> Any:
    current = data
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


#: Stand-in items for list entries that cannot be repaired in place (by the list's key); each
#: names itself, so no two can look alike across seats.
_LIST_ITEMS: dict[str, Any] = {
    "outcomes": lambda stem, index: {"id": f"{stem}-outcome-{index}",
                                     "statement": f"(outcome {index} of {stem} is invalid)"},
    "exceptions": lambda stem, index: {"when": "stale", "escalate": [{"to": stem}]},
    "escalate": lambda stem, index: {"to": stem},
    "reporters": lambda stem, index: stem,  # the seat itself may always record its outcomes
    "capabilities": lambda stem, index: f"(capability {index} of {stem} is invalid)",
    "not_owned": lambda stem, index: f"(exclusion {index} of {stem} is invalid)",
    "tools": lambda stem, index: f"(tool {index} of {stem} is invalid)",
    "human_review": lambda stem, index: f"(condition {index} of {stem} is invalid)",
}


def _data_path(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """Map a pydantic error location onto the document, dropping union tags."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_mapping = isinstance(current, dict) and isinstance(part, str)
        if (in_mapping and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
            path.append(part)
        elif in_mapping and part not in ("outcome", "draft"):
            path.append(part)  # a missing key: point at its parent, name the key
            current = None
    return tuple(path)


def _allowed_keys(model: type[BaseModel], path: PathKey) -> list[str]:
    """The keys a mapping at ``path`` of ``model`` may hold."""
    current: Any = model
    for part in path:
        current = _inner_model(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return _key_list_items(current)
    return []


def _inner_model(annotation: Any, part: str | int) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(part, int):
            return None
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return _unwrap(info.annotation)
        return None
    if isinstance(part, int):
        args = typing.get_args(annotation)
        return _unwrap(args[0]) if args else None
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional and unions down to a model or a list of models."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if inner is not type(None) and not (isinstance(inner, type) and inner is str):
                return inner
    return annotation


def _key_list_items(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _key_list(model: type[BaseModel]) -> str:
    return ", ".join(f"`{key}`" for key in _key_list_items(model)[:3])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def open_org(explicit_root: Path | None, rev: str | None = None) -> Org:
    """Find the org repository and load it, from the work tree or as it was at the git
    revision ``rev`` (``--rev``); :class:`OrgLoadError` when it does not load."""
    root = find_root(explicit_root)
    if rev is None:
        return require_org(root)
    return require_org(root, revision_source(root, rev))


def revision_source(root: Path, rev: str, repo: Repo | None = None,
                    label: str | None = None) -> GitSource:
    """The org's files at the git revision ``rev``; :class:`OtpError` when ``rev`` names no
    commit or the org did not exist there yet."""
    source = GitSource(root, rev, repo, label)
    try:
        source.read(CONFIG_FILE)
    except FileNotFoundError:
        raise OtpError(f"there is no {CONFIG_FILE} at {source.label}: the org did not exist "
                       "there yet") from None
    except OtpError:
        pass  # an unsafe otp.yaml: the loader reports it with the rest
    return source


def chart_depths(org: Org) -> dict[str, int]:
    """How far below the root each seat sits (seats off the tree count as depth 0)."""
    depths: dict[str, int] = {}

    def depth(seat_id: str, trail: frozenset[str]) -> int:
        if seat_id in depths:
            return depths[seat_id]
        parent = org.seats[seat_id].seat.reports_to
        if parent is None or parent not in org.seats or parent in trail:
            result = 0
        else:
            result = depth(parent, trail | {seat_id}) + 1
        depths[seat_id] = result
        return result

    for seat_id in org.seats:
        depth(seat_id, frozenset())
    return depths
