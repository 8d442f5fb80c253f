"""Every lint rule, in one explicit table. Codes and names are public API: keep them stable."""

from __future__ import annotations

from otpcli.rules.activity_metric import ActivityMetric
from otpcli.rules.agent_keys_on_human_seat import AgentKeysOnHumanSeat
from otpcli.rules.agent_without_accountable_human import AgentWithoutAccountableHuman
from otpcli.rules.autonomous_agent_without_review import AutonomousAgentWithoutReview
from otpcli.rules.base import Rule
from otpcli.rules.capability_owned_twice import CapabilityOwnedTwice
from otpcli.rules.dangling_reference import DanglingReference
from otpcli.rules.draft_outcome import DraftOutcome
from otpcli.rules.duplicate_id import DuplicateId
from otpcli.rules.expired_timeframe import ExpiredTimeframe
from otpcli.rules.invalid_range import InvalidRange
from otpcli.rules.orphan_measurements import OrphanMeasurements
from otpcli.rules.outcome_missing_metric import OutcomeMissingMetric
from otpcli.rules.outcome_missing_range import OutcomeMissingRange
from otpcli.rules.outcome_missing_review_conditions import OutcomeMissingReviewConditions
from otpcli.rules.outcome_missing_timeframe import OutcomeMissingTimeframe
from otpcli.rules.reporting_cycle import ReportingCycle
from otpcli.rules.schema_violation import SchemaViolation
from otpcli.rules.seat_without_outcome import SeatWithoutOutcome
from otpcli.rules.secret_in_file import SecretInFile
from otpcli.rules.suppressions import SuppressionWithoutReason, UnusedSuppression
from otpcli.rules.vague_wording import VagueWording
from otpcli.rules.yaml_syntax import YamlSyntax

RULES: tuple[type[Rule], ...] = (
    YamlSyntax,
    SchemaViolation,
    DuplicateId,
    DanglingReference,
    ReportingCycle,
    OrphanMeasurements,
    DraftOutcome,
    OutcomeMissingMetric,
    OutcomeMissingRange,
    OutcomeMissingTimeframe,
    OutcomeMissingReviewConditions,
    VagueWording,
    ActivityMetric,
    InvalidRange,
    ExpiredTimeframe,
    SeatWithoutOutcome,
    AgentWithoutAccountableHuman,
    CapabilityOwnedTwice,
    AutonomousAgentWithoutReview,
    SecretInFile,
    AgentKeysOnHumanSeat,
    UnusedSuppression,
    SuppressionWithoutReason,
)

BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}

__all__ = ["BY_CODE", "BY_NAME", "RULES", "Rule"]
