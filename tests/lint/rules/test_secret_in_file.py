from __future__ import annotations

import pytest

from .conftest import Lint, at, seat

FAKE_OPENAI = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2"
FAKE_GITHUB = "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345"


@pytest.mark.parametrize(
    ("line", "column", "secret"),
    [
        (f"tools: [OpenAI ({FAKE_OPENAI})]\n", 17, FAKE_OPENAI),
        (f"tools: [GitHub]\n# token for the bot: {FAKE_GITHUB}\n", 22, FAKE_GITHUB),
        ("human_review: [\"password: hunter2hunter2\"]\n", 27, "hunter2hunter2"),
    ],
)
def test_reports_a_secret_without_printing_it(
    lint_org: Lint, line: str, column: int, secret: str
) -> None:
    [finding] = lint_org({"bot": seat(line)}, code="OTP205")
    assert finding.file == "seats/bot.yaml"
    assert (finding.column, finding.end_column - finding.column) == (column, len(secret))
    assert secret not in finding.message
    assert secret[:4] in finding.message


def test_reports_a_secret_in_otp_yaml(lint_org: Lint) -> None:
    [finding] = lint_org(config="# slack: xoxb-1234567890-abcdefghij\n", code="OTP205")
    assert at(finding) == ("otp.yaml", 3, 10)


def test_near_miss_words_about_secrets_are_not_secrets(lint_org: Lint) -> None:
    text = seat("tools: [Meta Ads API (token in the secret store), sk-learn]\n"
                "human_review: [any password reset]\n")
    assert lint_org({"bot": text}, code="OTP205") == []
