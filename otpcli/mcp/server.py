"""The MCP server: otp's read commands as tools for models, and two writes guarded by the
acting seat's rights (see :mod:`otpcli.mcp.rights`).

Every tool returns the same data as the matching command's ``--format json`` (one function
serves both), so a model and a script see the same numbers. The org is read again on every
call, so a value recorded a moment ago is on the next scorecard. A tool that cannot run
returns an MCP tool error with one clear message; the server never crashes on bad input and
never writes outside the repository.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.types import ToolAnnotations

from otpcli import __version__, clock, secrets
from otpcli.errors import OrgLoadError, OtpError, printable
from otpcli.exceptions.acknowledge import acknowledge
from otpcli.exceptions.check import check_exceptions
from otpcli.exceptions.render import check_document
from otpcli.history.report import diff
from otpcli.lint.engine import run_lint
from otpcli.lint.output import lint_document
from otpcli.mcp.rights import RefusedError, acting_seat, require_record_right
from otpcli.measurements.record import (
    as_of_moment,
    describe,
    make_measurement,
    parse_moment,
    write_rows,
)
from otpcli.org.describe import seats_document
from otpcli.org.load import SEATS_DIR, Org, load_org, require_org
from otpcli.org.locate import locate_outcome
from otpcli.org.model import SLUG_PATTERN
from otpcli.retire.plan import plan_document, plan_retirement
from otpcli.review.build import build_review
from otpcli.review.render import review_document
from otpcli.review.since import resolve_since
from otpcli.scorecard.build import ROW_STATUSES, build_scorecard
from otpcli.scorecard.render import scorecard_document
from otpcli.scorecard.seat import seat_document

INSTRUCTIONS = """\
otp keeps a company's operating model of human and AI-agent seats as code: each seat has
outcomes (a metric, an acceptable range, a timeframe, one owner) and exception criteria
(when a human must step in, and who is told). Use these tools to read the org chart, the
scorecard and the exceptions, and to record your own measurements. Record real values
only: when a source is broken, record `missing=true` with a note instead of guessing; the
scorecard shows that period as missing, never as zero. You may write only what your seat
owns; a refused write says who may write it."""

WEEKLY_REVIEW = """\
You are running this week's operating review of a company whose seats are held by people and
AI agents. The agenda below is otp's `otp review` output (JSON). Walk it in order:
1. Scorecard: each row off track, stale or missing. State the value against its range and the
   trend; a stale or missing row is a data problem to fix, never a number to assume.
2. Exceptions: what holds, since when, who has been told and who is next. Name who acts.
3. Drift: outcomes off track with no exception, agents gone quiet, ranges loosened since the
   last review. Ask whether each definition should be tightened.
4. Changes since the last review: did the definitions get sharper or looser?
5. Definitions to sharpen: drafts and lint findings; propose concrete wording (a metric, a
   range, a timeframe, one owner).
End with a short list of decisions and owners. Do not invent numbers that are not below.

Agenda:
{agenda}
"""

READ = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                       open_world_hint=False)
APPEND = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False,
                         open_world_hint=False)
_SLUG = re.compile(SLUG_PATTERN)
T = TypeVar("T")


def _answer(work: Callable[[], T], error_type: type[Exception] = ToolError) -> T:
    """Run one call; any refusal or bad input becomes one error with one clear message."""
    try:
        return work()
    except OrgLoadError as error:
        lines = "\n".join(problem.render() for problem in error.problems)
        raise error_type(f"{error.message} (fix these; `otp lint` reports them too):\n"
                         f"{lines}") from None
    except OtpError as error:
        raise error_type(error.message) from None


class OrgTools:
    """The tools of one server: the org at ``root``, acting as ``acting`` (or read-only)."""

    def __init__(self, root: Path, acting: str | None) -> None:
        self.root = root
        # Refuse a seat that does not exist or is retired before serving anything; a broken
        # file elsewhere in the org does not stop the server (its tools report it).
        found = acting_seat(self._org_as_far_as_it_loads(), acting)
        self.acting_id = None if found is None else found.id

    def _whole_org(self) -> Org:
        return require_org(self.root)

    def _org_as_far_as_it_loads(self) -> Org:
        return load_org(self.root).org

    def list_seats(self, include_retired: bool = False) -> dict[str, Any]:
        """Every seat of the org chart (humans and agents), root first: holder, kind, model,
        autonomy level, accountable human, reporting line, capabilities, status. Retired
        seats only with include_retired."""
        return _answer(lambda: seats_document(self._org_as_far_as_it_loads(),
                                              include_retired=include_retired))

    def get_seat(self, seat: str, as_of: str | None = None) -> dict[str, Any]:
        """One seat in full, as `otp show SEAT --format json`: holder, place in the chart
        (reports_to, direct_reports, accountable human, agents it answers for), capabilities
        and exclusions, every outcome with its metric, range, timeframe, exception criteria,
        reporters and scorecard row now; a retired seat's retirement record with its final
        scorecard. seat is an id or a holder name."""
        return _answer(lambda: self._seat(seat, as_of))

    def _seat(self, seat: str, as_of: str | None) -> dict[str, Any]:
        org = self._whole_org()
        found = org.require_seat(seat, "seat")
        moment = as_of_moment(as_of, ZoneInfo(org.config.timezone), "as_of")
        return seat_document(org, found, as_of=moment)

    def get_scorecard(self, seat: str | None = None, status: list[str] | None = None,
                      as_of: str | None = None) -> dict[str, Any]:
        """The scorecard: for every active outcome its range, latest value, row status
        (on_track, off_track, stale, missing, pending, unknown, draft, no_outcome, error)
        and trailing period cells. Filter by seat id or holder name, by statuses, and read
        it as it stood at as_of (ISO 8601 time or date; default now)."""
        return _answer(lambda: self._scorecard(seat, status, as_of))

    def _scorecard(self, seat: str | None, status: list[str] | None,
                   as_of: str | None) -> dict[str, Any]:
        org = self._whole_org()
        zone = ZoneInfo(org.config.timezone)
        moment = as_of_moment(as_of, zone, "as_of")
        seats: list[str] = []
        if seat:
            found = org.find_seat(seat)
            if found is None:
                raise OtpError(f"seat: no seat `{seat}`; list_seats names them")
            seats.append(found.id)
        statuses = list(status or [])
        unknown = [value for value in statuses if value not in ROW_STATUSES]
        if unknown:
            raise OtpError(f"status: unknown status {', '.join(unknown)}; use "
                           f"{', '.join(ROW_STATUSES)}")
        card = build_scorecard(org, as_of=moment, seats=seats, statuses=statuses)
        return scorecard_document(card)

    def lint(self) -> dict[str, Any]:
        """Lint the org as `otp lint` does in CI: vague outcomes, activity metrics, agents
        without an accountable human, broken references, leaked secrets. Returns every
        finding with file, line, column, rule code and message."""
        return _answer(lambda: lint_document(run_lint(self.root)))

    def plan_retirement(self, seat: str, to: list[str], reason: str | None = None,
                        reviewer: list[str] | None = None,
                        assign: list[str] | None = None) -> dict[str, Any]:
        """Plan retiring a seat, as a dry run: who would take each capability and outcome,
        where escalations and reporting lines would go, the final scorecard, and the diff.
        Nothing is changed: retiring stays a reviewed commit a person makes with
        `otp retire`. reviewer defaults to the seat's accountable human (else its manager);
        assign overrides the proposal with "ITEM=SEAT"."""
        return _answer(lambda: self._plan(seat, to, reason, reviewer, assign))

    def _plan(self, seat: str, to: list[str], reason: str | None,
              reviewer: list[str] | None, assign: list[str] | None) -> dict[str, Any]:
        org = self._whole_org()
        retiring = org.find_seat(seat)
        default_reviewer = None if retiring is None else (
            retiring.seat.accountable or retiring.seat.reports_to)
        reviewers = reviewer or ([default_reviewer] if default_reviewer else [])
        plan = plan_retirement(org, seat, to, reason=reason or "(a dry run over MCP)",
                               reviewer_names=reviewers, assign=assign or [])
        document = plan_document(plan)
        document["diff"] = plan.diff()
        return document

    def check_exceptions(self, as_of: str | None = None,
                         escalated_to: str | None = None) -> dict[str, Any]:
        """The exceptions holding now (or at as_of): for each, the outcome and seat, the
        condition (out_of_range, stale, missing) and how many periods it must hold, since
        when it holds, who has been told so far (escalated_to, in ladder order), who is told
        next and when, and whether someone acknowledged it. escalated_to (a seat id or
        holder name) keeps only what is already on that seat's desk."""
        return _answer(lambda: self._check(as_of, escalated_to))

    def _check(self, as_of: str | None, escalated_to: str | None) -> dict[str, Any]:
        org = self._whole_org()
        zone = ZoneInfo(org.config.timezone)
        moment = as_of_moment(as_of, zone, "as_of")
        desks = org.seat_ids([escalated_to], "escalated_to") if escalated_to else []
        return check_document(check_exceptions(org, as_of=moment, escalated_to=desks))

    def get_review(self, since: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        """The agenda of the weekly review, as `otp review --format json`: scorecard rows
        needing attention (off track, stale, missing), the exceptions and what escalates
        before the next review, drift, what the definitions gained and lost since the last
        review (from git), and definitions to sharpen. since is the last review: a date
        (2026-11-16) or a git revision; default seven days before as_of."""
        return _answer(lambda: self._review(since, as_of))

    def _review(self, since: str | None, as_of: str | None) -> dict[str, Any]:
        org = self._whole_org()
        zone = ZoneInfo(org.config.timezone)
        moment = as_of_moment(as_of, zone, "as_of")
        base = resolve_since(org.root, since, as_of=moment, zone=zone)
        return review_document(build_review(org, as_of=moment, base=base))

    def org_diff(self, base: str | None = None, head: str | None = None) -> dict[str, Any]:
        """The semantic diff of the org between two git revisions, as `otp diff --format
        json`: seats added, retired or renamed, outcomes added, removed or moved, ranges
        tightened or loosened, autonomy raised, ladders changed... Without base: HEAD; without
        head: the work tree. base may be a range (main...feature, A..B)."""
        revisions = [revision for revision in (base, head) if revision]
        return _answer(lambda: diff(self.root, revisions).as_json())

    def acknowledge_exception(self, outcome: str, note: str = "") -> dict[str, Any]:
        """Acknowledge the exception holding on an outcome: your seat has taken it, so the
        escalation ladder stops climbing past the rungs already reached. Allowed for a seat
        on that outcome's escalation ladder or the outcome's accountable human. note is one
        line saying what you are doing about it."""
        return _answer(lambda: self._acknowledge(outcome, note))

    def _acknowledge(self, outcome_id: str, note: str) -> dict[str, Any]:
        org = self._whole_org()
        acting = acting_seat(org, self.acting_id)
        if acting is None:
            raise RefusedError("this server is read-only: start it with `otp mcp --as SEAT` "
                               "to acknowledge an exception")
        zone = ZoneInfo(org.config.timezone)
        now = clock.now(zone)
        done = acknowledge(org, outcome_id, acting.id, at=now, now=now, note=note)
        return {"outcome": outcome_id, "by": acting.id, "at": now.isoformat(),
                "note": note, "file": done.file,
                "conditions": [ack.when for ack in done.acknowledgements],
                "told_before": sorted({seat for holding in done.holdings
                                       for seat in holding.escalated_to})}

    def record_measurement(self, outcome: str, value: str | bool | int | float | None = None,
                           missing: bool = False, note: str = "",
                           at: str | None = None) -> dict[str, Any]:
        """Append one measurement to an outcome your seat may write (one it holds, one
        listing it in `reporters`, or one of a seat you are the accountable human of).
        value is in the metric's unit ("96.5", "96.5%", "$185,000", "2h"); a unit otp
        cannot convert exactly is refused, never guessed. Give missing=true (and a note)
        instead of a value when the source is broken. at is when it was measured (ISO
        8601; default now). The row's source is your seat."""
        return _answer(lambda: self._record(outcome, value, missing, note, at))

    def _record(self, outcome_id: str, value: str | bool | int | float | None, missing: bool,
                note: str, at: str | None) -> dict[str, Any]:
        if missing == (value is not None):
            raise OtpError("give a value, or missing=true to record that no value is "
                           "available")
        if self.acting_id is None:
            raise RefusedError("this server is read-only: start it with `otp mcp --as SEAT` "
                               "to record")
        # Only otp.yaml, the seat that holds the outcome and the acting seat: a push costs
        # the same in any size of org.
        org = locate_outcome(self.root, outcome_id, (self.acting_id,))
        acting = acting_seat(org, self.acting_id)
        ref = org.outcomes[outcome_id]
        require_record_right(org, acting, ref)
        assert acting is not None
        zone = ZoneInfo(org.config.timezone)
        now = clock.now(zone)
        moment = _moment(at, zone) if at else now
        measurement, conversion = make_measurement(org, outcome_id, value, at=moment, now=now,
                                                   source=acting.id, note=note)
        write_rows(org, {outcome_id: [measurement]})
        unit = ref.outcome.metric.unit if ref.outcome.metric else None
        return {"outcome": outcome_id, "seat": ref.seat.id, "at": measurement.at.isoformat(),
                "value": measurement.value, "unit": unit, "source": measurement.source,
                "note": measurement.note, "converted_from": conversion or None,
                "recorded": describe(ref.outcome, measurement, conversion)}

    def seat_file(self, seat: str) -> str:
        """The seat's YAML file, with any secret in it masked and control characters shown
        escaped (as every other output of otp)."""
        def read() -> str:
            if not _SLUG.match(seat):
                raise OtpError(f"`{seat}` is not a seat id (lowercase letters, digits, "
                               "hyphens)")
            try:
                text = load_org(self.root).org.read(f"{SEATS_DIR}/{seat}.yaml").decode(
                    "utf-8", errors="replace")
                return printable(secrets.redact(text))
            except FileNotFoundError:
                raise OtpError(f"no seat `{seat}`") from None

        return _answer(read, ResourceError)


def _moment(text: str, zone: ZoneInfo, *, end_of_day: bool = False) -> Any:
    try:
        return parse_moment(text, zone, end_of_day=end_of_day)
    except ValueError as error:
        raise OtpError(str(error)) from None


def build_server(root: Path, acting: str | None) -> MCPServer[Any]:
    """The MCP server for the org at ``root``; raises :class:`OtpError` for a bad ``acting``."""
    tools = OrgTools(root, acting)
    server: MCPServer[Any] = MCPServer("otp", instructions=INSTRUCTIONS, version=__version__,
                                       log_level="WARNING")
    server.add_tool(tools.list_seats, annotations=READ)
    server.add_tool(tools.get_seat, annotations=READ)
    server.add_tool(tools.get_scorecard, annotations=READ)
    server.add_tool(tools.check_exceptions, annotations=READ)
    server.add_tool(tools.get_review, annotations=READ)
    server.add_tool(tools.lint, annotations=READ)
    server.add_tool(tools.org_diff, annotations=READ)
    server.add_tool(tools.plan_retirement, annotations=READ)
    server.add_tool(tools.record_measurement, annotations=APPEND)
    server.add_tool(tools.acknowledge_exception, annotations=APPEND)
    server.resource("otp://seats/{seat}", mime_type="application/yaml",
                    description="A seat's YAML file.")(tools.seat_file)

    def scorecard_resource() -> str:
        import json

        return json.dumps(tools.get_scorecard(), indent=2)

    server.resource("otp://scorecard", mime_type="application/json",
                    description="The scorecard now, as `otp scorecard --format json`.")(
        scorecard_resource)

    def weekly_review(since: str | None = None) -> str:
        """Run the weekly review of humans and agents from otp's agenda."""
        import json

        agenda = tools.get_review(since=since)
        return WEEKLY_REVIEW.format(agenda=json.dumps(agenda, indent=1, ensure_ascii=False))

    server.prompt(name="weekly_review", title="Weekly review",
                  description="The agenda of `otp review` with instructions for running the "
                  "weekly meeting of humans and agents from it.")(weekly_review)
    return server


def serve(root: Path, acting: str | None) -> None:
    """Serve over stdio until the client closes the connection."""
    build_server(root, acting).run("stdio")
