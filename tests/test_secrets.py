"""The secret detector on a generated corpus: synthetic credentials in the formats providers
document (never real ones) and look-alikes that are not secrets."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from otpcli import secrets

ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"


def _text(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


#: kind -> a generator of one synthetic secret of that kind
MAKERS: dict[str, Callable[[random.Random], str]] = {
    "aws": lambda r: "AKIA" + _text(r, string.ascii_uppercase + string.digits, 16),
    "github": lambda r: r.choice(["ghp_", "gho_", "ghs_"]) + _text(r, ALNUM, 36),
    "github_pat": lambda r: "github_pat_" + _text(r, ALNUM + "_", 82),
    "gitlab": lambda r: "glpat-" + _text(r, ALNUM + "-_", 20),
    "slack": lambda r: "xoxb-" + _text(r, string.digits, 12) + "-" + _text(r, ALNUM, 24),
    "slack_webhook": lambda r: ("https://hooks.slack.com/services/T" + _text(r, ALNUM, 8)
                                + "/B" + _text(r, ALNUM, 8) + "/" + _text(r, ALNUM, 24)),
    "stripe": lambda r: r.choice(["sk_live_", "rk_live_"]) + _text(r, ALNUM, 24),
    "openai": lambda r: r.choice(["sk-", "sk-proj-"]) + _text(r, ALNUM + "-_", 48),
    "anthropic": lambda r: "sk-ant-api03-" + _text(r, ALNUM + "-_", 93),
    "google": lambda r: "AIza" + _text(r, ALNUM + "-_", 35),
    "google_oauth": lambda r: "GOCSPX-" + _text(r, ALNUM + "-_", 28),
    "huggingface": lambda r: "hf_" + _text(r, ALNUM, 34),
    "twilio": lambda r: "SK" + _text(r, HEX, 32),
    "sendgrid": lambda r: "SG." + _text(r, ALNUM, 22) + "." + _text(r, ALNUM + "-_", 43),
    "npm": lambda r: "npm_" + _text(r, ALNUM, 36),
    "pypi": lambda r: "pypi-AgEIcHlwaS5vcmc" + _text(r, ALNUM + "-_", 60),
    "meta": lambda r: "EAA" + r.choice("BGJI") + _text(r, ALNUM, 60),
    "jwt": lambda r: ("eyJ" + _text(r, ALNUM, 20) + ".eyJ" + _text(r, ALNUM, 40) + "."
                      + _text(r, ALNUM + "-_", 43)),
    "private_key": lambda r: ("-----BEGIN RSA PRIVATE KEY-----\\n" + _text(r, ALNUM, 64)
                              + "\\n-----END RSA PRIVATE KEY-----"),
    "url_password": lambda r: (f"postgres://app:{_text(r, ALNUM, 12)}@db.internal:5432/crm"),
    "assigned": lambda r: "api_key=" + _text(r, ALNUM, 32),
    "password": lambda r: "password: " + r.choice(["hunter2hunter2", "correct horse"]).replace(
        " ", "-") + _text(r, string.ascii_lowercase, 4),
    "bearer": lambda r: "Authorization: Bearer " + _text(r, ALNUM, 40),
}

#: where people paste them in a seat file
CONTEXTS = ("tools: [\"Meta Ads API ({secret})\"]", "  - \"{secret}\"",
            "statement: Sync CRM nightly using {secret}", "    note: {secret}",
            "human_review: [\"rotate {secret} monthly\"]")

LOOK_ALIKES = [
    "model: gpt-4.1-mini", "model: claude-sonnet-4-5-20250929", "model: gpt-4o-2024-08-06",
    "model: o3-mini-high", "model: gemini-2.5-pro", "model: llama-3.1-70b-instruct",
    "id: seat-00042", "id: spend-variance-before-call", "reports_to: ad-analytics-lead",
    "Reconciled in commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 last week",
    "Ticket OPS-4521 tracks the skew", "Run id 550e8400-e29b-41d4-a716-446655440000",
    "statement: Keep the task-queue backlog under 40 items",
    "statement: Ask-to-answer time under 2 hours", "capabilities: [risk-adjusted forecasting]",
    "tools: [Slack, HubSpot, QuickBooks, Meta Ads API, Google Ads API]",
    "tools: [Looker Studio, Asana, Harvest]", "token: stored in the agent's secret store",
    "api_key: ${META_ADS_TOKEN}", "password: <from 1Password>", "secret: redacted",
    "note: token rotated on 2026-11-02 by Bogdan", "statement: Skills matrix kept current",
    "statement: SKU availability at least 98% each week", "name: SKU-1234-BLUE",
    "statement: Keep the desk-booking rate above 70%", "url: https://example.com/dashboards/42",
    "url: https://github.com/acme/ops/pull/128", "statement: EAA region churn below 3%",
    "title: Head of Key Accounts", "capabilities: [key client relationships]",
    "note: see https://docs.example.com/runbooks/token-rotation",
    "metric: {name: Tokens used per resolved ticket, unit: count}",
    "statement: At least 99.5% of pushed KPI values match the source",
    "hash: sha256 of the export is e3b0c44298fc1c149afbf4c8996fb924",
    "statement: Hugging Face model evals run weekly (hf_ prefix reserved)",
    "note: Stripe sk_live keys are rotated by finance", "note: glpat tokens expire in 90 days",
    "statement: JWT validation errors below 0.1% (eyJ prefix in logs)",
    "note: Twilio SK keys live in Vault", "model: text-embedding-3-large",
    "tools: [Bearer analytics plugin]", "statement: Secret shopper score above 8 of 10",
    "statement: Password resets handled within 1 hour",
    "capabilities: [credential audits for client accounts]",
    "note: AWS account 123456789012 in us-east-1",
    "statement: Sprint SK-12 closed with every story accepted",
    "github: octo-cat", "github: bogdan-ops", "timezone: America/New_York",
    "range: {min: 175750, max: 194250}", "statement: Pipeline above $250,000",
    "note: postgres://db.internal:5432/crm (no credentials here)",
    "statement: Keep AKIA-style keys out of the repo", "id: asia-pacific-renewals",
    "title: ACCA-qualified accountant", "statement: Onboard 3 new SDRs by Q1",
    "tools: [SendGrid (SG. keys in Vault)]", "note: npm_ tokens are issued by platform",
    "statement: pypi-published packages signed", "note: xoxb tokens rotated quarterly",
]


def _secrets_corpus() -> list[tuple[str, str]]:
    rng = random.Random(20261124)
    corpus = []
    for kind, make in sorted(MAKERS.items()):
        for index in range(3):
            secret = make(rng)
            corpus.append((kind, CONTEXTS[(index + len(kind)) % len(CONTEXTS)].format(
                secret=secret)))
    return corpus


def test_the_corpus_is_large_enough() -> None:
    assert len(_secrets_corpus()) >= 60
    assert len(LOOK_ALIKES) >= 60


def test_recall_on_synthetic_secrets() -> None:
    corpus = _secrets_corpus()
    missed = [text for _, text in corpus if not secrets.find(text)]
    recall = 1 - len(missed) / len(corpus)
    assert recall >= 0.95, missed


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_secrets(text: str) -> None:
    assert secrets.find(text) == []


def test_redact_keeps_four_characters_and_the_length() -> None:
    for _, text in _secrets_corpus():
        redacted = secrets.redact(text)
        for found in secrets.find(text):
            assert text[found.start:found.end] not in redacted
        assert "characters)" in redacted


def test_no_false_positive_on_the_bundled_example() -> None:
    example = Path(__file__).parent.parent / "examples" / "sneeze-it"
    for path in sorted(example.rglob("*")):
        if path.is_file() and path.suffix in (".yaml", ".csv", ".md"):
            assert secrets.find(path.read_text()) == [], path
