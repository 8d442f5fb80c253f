"""Precision and recall of the vagueness and activity readings on a labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from otpcli.lint.wording import activity_evidence, vague_terms

DATA = YAML(typ="safe").load(Path(__file__).parent.joinpath("data", "wording.yaml"))


def _scores(positives: list[str], negatives: list[str], flagged: object) -> tuple[float, float]:
    assert callable(flagged)
    true_positive = sum(1 for text in positives if flagged(text))
    false_positive = sum(1 for text in negatives if flagged(text))
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / len(positives)
    return precision, recall


def test_the_labelled_set_is_big_enough_and_balanced() -> None:
    for positive, negative in (("vague_statements", "measurable_statements"),
                               ("activity_metrics", "result_metrics")):
        assert len(DATA[positive]) >= 30 and len(DATA[negative]) >= 30
        assert len(DATA[positive]) + len(DATA[negative]) >= 60
        assert not set(DATA[positive]) & set(DATA[negative])


def test_vague_wording_precision_and_recall_at_least_0_9() -> None:
    precision, recall = _scores(DATA["vague_statements"], DATA["measurable_statements"],
                                lambda text: bool(vague_terms(text)))
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


def test_activity_metric_precision_and_recall_at_least_0_9() -> None:
    precision, recall = _scores(DATA["activity_metrics"], DATA["result_metrics"],
                                lambda text: activity_evidence(text) is not None)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


@pytest.mark.parametrize(
    ("statement", "vague"),
    [
        ("Improve customer satisfaction", True),
        ("Cut refund time to under 3 days", False),
        ("Anomalies flagged before market open", False),
        ("Respond to tickets asap", True),
        ("Respond to 95% of tickets within 1 hour, as needed", True),
    ],
)
def test_named_examples_from_the_issue(statement: str, vague: bool) -> None:
    assert bool(vague_terms(statement)) is vague


@pytest.mark.parametrize(
    ("metric", "activity"),
    [
        ("briefing messages sent", True),
        ("queries run per hour", True),
        ("anomalies flagged before market open", False),
        ("client spend variance surfaced before the weekly call", False),
    ],
)
def test_named_activity_examples_from_the_issue(metric: str, activity: bool) -> None:
    assert (activity_evidence(metric) is not None) is activity
