"""What every lint rule is: a code, a name, a default severity, a docstring that is its
documentation, and a ``check`` that yields violations. The lint core stamps code, severity
and position onto each violation (see :mod:`otpcli.lint.engine`)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal

from otpcli.errors import OtpError, Problem
from otpcli.measurements.cache import SeriesCache
from otpcli.org.load import CONFIG_FILE, SEATS_DIR, Org, SeatFile
from otpcli.org.model import ExceptionCriterion, Outcome
from otpcli.org.yamlfile import PathKey, Span

Severity = Literal["error", "warning"]
SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule's report: where, and what is wrong and how to fix it.

    Give ``path`` (a YAML path in ``file``; the core finds its position) or an
    explicit ``span`` for text-level findings. ``on_key`` points at the key
    rather than its value (for a key that should not be there).
    """

    file: str
    message: str
    path: PathKey = ()
    on_key: bool = False
    span: Span | None = None


@dataclass
class LintContext:
    """Everything a rule may look at: the loaded org, load problems, today's date."""

    org: Org
    problems: list[Problem]
    today: date
    _texts: dict[str, str] = field(default_factory=dict)
    _cache: SeriesCache | None = None

    def series_cache(self) -> SeriesCache:
        """One cache of parsed measurement files for every rule of the run (saved once)."""
        if self._cache is None:
            self._cache = SeriesCache(self.org.root, self.org.config.limits.max_measurement_bytes,
                                      keep=True)
        return self._cache

    def save_cache(self) -> None:
        if self._cache is not None:
            self._cache.save()

    def active_seats(self) -> Iterator[SeatFile]:
        return (seat_file for seat_file in self.org.seats.values() if seat_file.seat.active)

    def outcomes(self, seat_file: SeatFile) -> Iterator[tuple[int, Outcome]]:
        """The seat's full (non-draft) outcomes with their index in ``outcomes``."""
        for index, entry in enumerate(seat_file.seat.outcomes):
            if isinstance(entry, Outcome):
                yield index, entry

    def active_outcomes(self) -> Iterator[tuple[SeatFile, int, Outcome]]:
        """Every full outcome of every active seat, with its seat and index."""
        for seat_file in self.active_seats():
            for index, outcome in self.outcomes(seat_file):
                yield seat_file, index, outcome

    def criteria(self) -> Iterator[tuple[SeatFile, int, Outcome, int, ExceptionCriterion]]:
        """Every exception criterion of :meth:`active_outcomes`, with its index."""
        for seat_file, index, outcome in self.active_outcomes():
            for number, criterion in enumerate(outcome.exceptions):
                yield seat_file, index, outcome, number, criterion

    def yaml_texts(self) -> dict[str, str]:
        """The text of every org YAML file, including files that did not load."""
        if not self._texts:
            if self.org.config_document is not None:
                self._texts[CONFIG_FILE] = self.org.config_document.text
            for seat_file in self.org.seats.values():
                self._texts[seat_file.file] = seat_file.document.text
            # Files that did not load are the ones with a load problem; read them as safely
            # as the loader did (an unsafe file has no text to show).
            for relative in sorted({p.file for p in self.problems}):
                if relative not in self._texts and relative.endswith(".yaml") and \
                        (relative == CONFIG_FILE or relative.startswith(f"{SEATS_DIR}/")):
                    try:
                        raw = self.org.read(relative)
                    except (OSError, OtpError):
                        continue
                    self._texts[relative] = raw.decode("utf-8", errors="replace")
        return self._texts


class Rule:
    """Base of every rule; subclasses set the class variables and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    #: whether the rule reads measurement files (through :meth:`LintContext.series_cache`):
    #: such rules run in the process that saves the cache (see the lint engine)
    reads_measurements: ClassVar[bool] = False

    def check(self, context: LintContext) -> Iterator[Violation]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0].strip()

    @classmethod
    def section(cls, title: str) -> str:
        """One ``## title`` section of the documentation, without its heading."""
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", cls.documentation(),
                          re.MULTILINE | re.DOTALL)
        return match.group(1).strip() if match else ""
