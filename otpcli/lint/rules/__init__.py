"""Every lint rule, in one explicit table. Codes and names are public API: keep them stable."""

from __future__ import annotations

from otpcli.lint.rules.accountable_human_without_handle import AccountableHumanWithoutHandle
from otpcli.lint.rules.activity_metric import ActivityMetric
from otpcli.lint.rules.agent_keys_on_human_seat import AgentKeysOnHumanSeat
from otpcli.lint.rules.agent_without_accountable_human import AgentWithoutAccountableHuman
from otpcli.lint.rules.autonomous_agent_without_review import AutonomousAgentWithoutReview
from otpcli.lint.rules.base import Rule
from otpcli.lint.rules.capability_owned_twice import CapabilityOwnedTwice
from otpcli.lint.rules.dangling_reference import DanglingReference
from otpcli.lint.rules.draft_outcome import DraftOutcome
from otpcli.lint.rules.duplicate_id import DuplicateId
from otpcli.lint.rules.escalation_to_agent_only import EscalationToAgentOnly
from otpcli.lint.rules.exception_never_fires import ExceptionNeverFires
from otpcli.lint.rules.expired_timeframe import ExpiredTimeframe
from otpcli.lint.rules.ineffective_for import IneffectiveFor
from otpcli.lint.rules.invalid_measurement import InvalidMeasurement
from otpcli.lint.rules.invalid_range import InvalidRange
from otpcli.lint.rules.orphan_measurements import OrphanMeasurements
from otpcli.lint.rules.outcome_missing_metric import OutcomeMissingMetric
from otpcli.lint.rules.outcome_missing_range import OutcomeMissingRange
from otpcli.lint.rules.outcome_missing_review_conditions import OutcomeMissingReviewConditions
from otpcli.lint.rules.outcome_missing_timeframe import OutcomeMissingTimeframe
from otpcli.lint.rules.reporting_cycle import ReportingCycle
from otpcli.lint.rules.schema_violation import SchemaViolation
from otpcli.lint.rules.seat_without_outcome import SeatWithoutOutcome
from otpcli.lint.rules.secret_in_file import SecretInFile
from otpcli.lint.rules.statement_contradicts_range import StatementContradictsRange
from otpcli.lint.rules.suppressions import SuppressionWithoutReason, UnusedSuppression
from otpcli.lint.rules.unreachable_range import UnreachableRange
from otpcli.lint.rules.unsafe_file import UnsafeFile
from otpcli.lint.rules.vague_wording import VagueWording
from otpcli.lint.rules.yaml_syntax import YamlSyntax

RULES: tuple[type[Rule], ...] = (
    YamlSyntax,
    SchemaViolation,
    DuplicateId,
    DanglingReference,
    ReportingCycle,
    OrphanMeasurements,
    InvalidMeasurement,
    UnsafeFile,
    DraftOutcome,
    OutcomeMissingMetric,
    OutcomeMissingRange,
    OutcomeMissingTimeframe,
    OutcomeMissingReviewConditions,
    VagueWording,
    ActivityMetric,
    InvalidRange,
    ExpiredTimeframe,
    StatementContradictsRange,
    UnreachableRange,
    ExceptionNeverFires,
    SeatWithoutOutcome,
    AgentWithoutAccountableHuman,
    CapabilityOwnedTwice,
    AutonomousAgentWithoutReview,
    SecretInFile,
    AgentKeysOnHumanSeat,
    AccountableHumanWithoutHandle,
    EscalationToAgentOnly,
    IneffectiveFor,
    UnusedSuppression,
    SuppressionWithoutReason,
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}

__all__ = ["BY_CODE", "BY_NAME", "RULES", "Rule"]
