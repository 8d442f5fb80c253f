"""The org repository format as pydantic models: this is otp's public API.

Every key is documented in docs/format.md. Unknown keys are errors, so a typo
never passes silently. The models admit drafts (an outcome that is a bare
sentence, or lacks a metric, range or timeframe) so a team can commit them;
``otp lint`` reports what is missing.
"""

from __future__ import annotations

import re
from datetime import date as Date  # noqa: N812 - a field is named `date`
from datetime import timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DURATION_PATTERN = r"^[1-9][0-9]*(m|h|d|w)$"
UNITS = ("percent", "count", "minutes", "hours", "days", "ratio", "boolean")
UNIT_PATTERN = r"^(percent|count|minutes|hours|days|ratio|boolean|[A-Z]{3})$"

SeatId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
OutcomeId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

Kind = Literal["human", "agent"]
Aggregate = Literal["last", "sum", "mean", "min", "max"]
Cadence = Literal["daily", "weekly", "monthly", "quarterly"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
ExceptionTrigger = Literal["out_of_range", "stale", "missing"]
SeatStatus = Literal["active", "retired"]

_DURATION_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """``90m`` -> 90 minutes; ``18h``, ``2d``, ``1w`` likewise."""
    match = re.fullmatch(DURATION_PATTERN, text)
    if match is None:
        raise ValueError(f"`{text}` is not a duration such as 90m, 18h, 2d or 1w")
    return timedelta(**{_DURATION_UNITS[match.group(1)]: int(text[:-1])})


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            "is not an IANA time zone name such as Europe/London or America/New_York"
        ) from None
    return name


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]

GITHUB_HANDLE_PATTERN = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"
GITHUB_HANDLE_MAX = 39


def _check_github_handle(handle: str) -> str:
    if len(handle) > GITHUB_HANDLE_MAX or not re.fullmatch(GITHUB_HANDLE_PATTERN, handle):
        raise ValueError("is not a GitHub handle: letters, digits and single hyphens inside, "
                         f"at most {GITHUB_HANDLE_MAX} characters, without the @ "
                         "(such as bogdan-k)")
    return handle


GitHubHandle = Annotated[str, AfterValidator(_check_github_handle)]


#: One set of given keys for every model instance that was given the same keys (see
#: :meth:`Frozen.model_post_init`).
_GIVEN_KEYS: dict[frozenset[str], set[str]] = {}


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def model_post_init(self, context: Any, /) -> None:
        # pydantic keeps a set of the keys a file gave for every instance (some 300 bytes
        # each, a third of a loaded seat); instances of a frozen model never change theirs
        # (a copy gets its own), so one set serves all that were given the same keys
        given = self.__pydantic_fields_set__
        shared = _GIVEN_KEYS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


class Holder(Frozen):
    """Who holds a seat: a person or an agent."""

    name: Text = Field(description="The holder's name, such as `Bogdan` or `Radar`.")
    kind: Kind = Field(description="`human` or `agent`.")
    model: Text | None = Field(
        default=None, description="For agents: the model or system that runs it."
    )
    github: GitHubHandle | None = Field(
        default=None,
        description="For humans: their GitHub handle, without the @ (such as `bogdan-k`); "
        "`otp codeowners` makes them the reviewer of the seats they answer for.",
        json_schema_extra={"pattern": GITHUB_HANDLE_PATTERN, "maxLength": GITHUB_HANDLE_MAX},
    )


class Metric(Frozen):
    """What is measured, in which unit, and how values within a period combine."""

    name: Text = Field(description="What is measured, such as `Refund time`.")
    unit: Annotated[str, StringConstraints(pattern=UNIT_PATTERN)] = Field(
        description="percent, count, minutes, hours, days, ratio, boolean, "
        "or a three-letter currency code such as USD or EUR."
    )
    aggregate: Aggregate = Field(
        default="last", description="How values within one period combine."
    )


class Range(Frozen):
    """The acceptable range of variation; either bound may be left open."""

    min: float | None = Field(default=None, allow_inf_nan=False,
                              description="Lowest acceptable value (a finite number).")
    max: float | None = Field(default=None, allow_inf_nan=False,
                              description="Highest acceptable value (a finite number).")

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Timeframe(Frozen):
    """How often the outcome is judged, and until when it applies."""

    cadence: Cadence = Field(description="The length of one scorecard period.")
    until: Date | None = Field(default=None, description="Last day the outcome applies.")


class Escalation(Frozen):
    """One rung of an escalation ladder."""

    to: SeatId = Field(description="The seat escalated to.")
    after: Duration | None = Field(
        default=None,
        description="How long after the exception this rung is reached (first rung: at once).",
    )


class ExceptionCriterion(Frozen):
    """When execution stops and a human reviews, and who is escalated to."""

    when: ExceptionTrigger = Field(description="out_of_range, stale or missing.")
    for_: int = Field(
        default=1,
        ge=1,
        alias="for",
        description="Number of consecutive periods the condition must hold.",
    )
    escalate: list[Escalation] = Field(
        min_length=1, description="The escalation ladder, first rung first."
    )


class Outcome(Frozen):
    """A business result one seat is accountable for."""

    id: OutcomeId = Field(description="Unique in the org; names measurements/<id>.csv.")
    statement: Text = Field(description="The result in one sentence.")
    metric: Metric | None = None
    range: Range | None = None
    timeframe: Timeframe | None = None
    stale_after: Duration | None = Field(
        default=None,
        description="Data older than this is stale (default: one period plus one day).",
    )
    exceptions: list[ExceptionCriterion] = Field(
        default_factory=list, description="When a human must step in."
    )
    serves: Text | None = Field(
        default=None,
        description="The seat capability this outcome measures; when the seat retires, the "
        "outcome moves with that capability.",
    )
    reporters: list[SeatId] = Field(
        default_factory=list,
        description="Other seats allowed to record values for this outcome (for example the "
        "agent that pushes KPI values from source systems).",
    )


def _outcome_form(value: Any) -> str:
    return "draft" if isinstance(value, str) else "outcome"


OutcomeEntry = Annotated[
    Annotated[Outcome, Tag("outcome")] | Annotated[Text, Tag("draft")],
    Discriminator(_outcome_form),
]


class FinalOutcome(Frozen):
    """A retired seat's last scorecard line for one outcome, bad numbers included."""

    last_value: float | None = Field(default=None, description="The newest value recorded.")
    last_at: str | None = Field(default=None, description="When it was recorded (ISO 8601).")
    status: str = Field(description="The row status at retirement (on_track, stale, ...).")
    on_track_share: float | None = Field(
        default=None, description="Share of the trailing closed periods that were on track."
    )


class Retirement(Frozen):
    """The honest record `otp retire` writes into the retired seat's file."""

    date: Date = Field(description="The day the seat was retired.")
    reason: Text = Field(description="Why the seat was retired.")
    reviewers: list[SeatId] = Field(min_length=1, description="The seats that reviewed it.")
    capabilities: dict[str, SeatId] = Field(
        default_factory=dict, description="Each capability -> the seat that took it."
    )
    outcomes: dict[str, SeatId] = Field(
        default_factory=dict, description="Each outcome id -> the seat that took it."
    )
    escalations_to: SeatId | None = Field(
        default=None, description="The seat escalations to this seat were re-routed to."
    )
    reports_moved_to: SeatId | None = Field(
        default=None, description="The seat its direct reports now report to."
    )
    final_scorecard: dict[str, FinalOutcome] = Field(
        default_factory=dict, description="Outcome id -> its scorecard line at retirement."
    )


class Seat(Frozen):
    """One seat in the org chart, held by a human or an agent."""

    title: Text = Field(description="The role, such as `Chief of staff`.")
    holder: Holder
    reports_to: SeatId | None = Field(
        default=None, description="The seat this one reports to; exactly one root has none."
    )
    accountable: SeatId | None = Field(
        default=None, description="Agent seats: the human seat answerable for it."
    )
    autonomy: int | None = Field(
        default=None, ge=1, le=8, description="Agent seats: autonomy level from 1 to 8."
    )
    capabilities: list[Text] = Field(default_factory=list, description="What the seat owns.")
    not_owned: list[Text] = Field(default_factory=list, description="Explicit exclusions.")
    tools: list[Text] = Field(default_factory=list, description="Systems the seat may use.")
    human_review: list[Text] = Field(
        default_factory=list, description="Seat-wide conditions under which a human must approve."
    )
    status: SeatStatus = "active"
    outcomes: list[OutcomeEntry] = Field(default_factory=list)
    retirement: Retirement | None = Field(
        default=None, description="Written by `otp retire`: the record of the retirement."
    )

    @property
    def is_agent(self) -> bool:
        return self.holder.kind == "agent"

    @property
    def active(self) -> bool:
        return self.status == "active"

    def measured_outcomes(self) -> list[Outcome]:
        return [entry for entry in self.outcomes if isinstance(entry, Outcome)]


class ScorecardConfig(Frozen):
    """Defaults for `otp scorecard`."""

    periods: int = Field(default=13, ge=1, le=104, description="Trailing periods shown.")


LintSeverity = Literal["error", "warning"]


class LintConfig(Frozen):
    """Defaults for `otp lint`. Selectors are rule codes, code prefixes or rule names."""

    select: list[Text] | None = Field(
        default=None, description="Rules to run (default: all). `--select` replaces it."
    )
    extend_select: list[Text] = Field(
        default_factory=list, description="Rules to run in addition to `select`."
    )
    ignore: list[Text] = Field(default_factory=list, description="Rules never to run.")
    per_file_ignores: dict[str, list[Text]] = Field(
        default_factory=dict,
        description="Glob pattern of repo-relative files -> rules to ignore in them.",
    )
    severity: dict[str, LintSeverity] = Field(
        default_factory=dict, description="Rule selector -> severity that overrides its default."
    )
    strict: bool = Field(default=False, description="Warnings fail the run, as with --strict.")


class RetireConfig(Frozen):
    """Settings for `otp retire`."""

    agent_reviewers: bool = Field(
        default=False, description="Allow agent seats to review a retirement (default: humans)."
    )


class LimitsConfig(Frozen):
    """Bounds on what otp reads, so a hostile file cannot exhaust memory."""

    max_file_bytes: int = Field(
        default=1_000_000, ge=1_000, le=1_000_000_000,
        description="The largest seat file otp reads, in bytes (default 1 MB); a larger file "
        "is refused before it is parsed. otp.yaml itself is read up to 1 MB.",
    )
    max_measurement_bytes: int = Field(
        default=16_000_000, ge=1_000, le=1_000_000_000,
        description="The largest measurement file otp reads, in bytes "
        "(default 16 MB, some 400,000 rows); a larger file is refused before it is parsed.",
    )


class OrgConfig(Frozen):
    """`otp.yaml`, at the root of an org repository."""

    name: Text = Field(description="The organisation's name.")
    timezone: TimeZoneName = Field(
        default="UTC", description="IANA time zone name; periods are computed in it."
    )
    week_start: Weekday = Field(default="monday", description="The first day of a week.")
    scorecard: ScorecardConfig = Field(default_factory=ScorecardConfig)
    lint: LintConfig = Field(default_factory=LintConfig)
    retire: RetireConfig = Field(default_factory=RetireConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
