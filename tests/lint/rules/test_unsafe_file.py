from __future__ import annotations

import os
from pathlib import Path

from .conftest import Lint, at, seat


def test_reports_a_link_out_of_the_repository_without_reading_it(lint_org: Lint,
                                                                   tmp_path: Path) -> None:
    secret = tmp_path / "token.txt"
    secret.write_text("ghp_abcdefghijklmnopqrstuvwxyz0123456789\n")
    link = tmp_path / "org" / "seats" / "leak.yaml"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    findings = lint_org({})
    [finding] = [f for f in findings if f.code == "OTP008"]
    assert at(finding) == ("seats/leak.yaml", 1, 1)
    assert finding.message == ("a symbolic link to a file outside the repository; otp does "
                               "not follow it")
    assert all("ghp_" not in f.message for f in findings)


def test_reports_a_fifo(lint_org: Lint, tmp_path: Path) -> None:
    (tmp_path / "org" / "seats").mkdir(parents=True, exist_ok=True)
    os.mkfifo(tmp_path / "org" / "seats" / "pipe.yaml")
    [finding] = lint_org({}, code="OTP008")
    assert at(finding) == ("seats/pipe.yaml", 1, 1)
    assert "named pipe" in finding.message


def test_near_miss_a_regular_seat_file(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}, code="OTP008") == []
