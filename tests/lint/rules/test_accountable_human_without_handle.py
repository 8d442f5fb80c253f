from __future__ import annotations

from .conftest import ROOT_SEAT, Lint, at, seat

HUMAN = """\
title: Head of Finance
holder:
  name: Janine
  kind: human
reports_to: ada
capabilities: [finance]
"""


def test_reports_the_accountable_human_without_a_handle(lint_org: Lint) -> None:
    with_handle = ROOT_SEAT.replace("{name: Ada, kind: human}",
                                    "{name: Ada, kind: human, github: ada-l}")
    agents = {"bot": seat("").replace("accountable: ada", "accountable: janine"),
              "bot2": seat("", outcome_id="other").replace("accountable: ada",
                                                           "accountable: janine")}
    findings = lint_org({"janine": HUMAN, **agents}, code="OTP207",
                        files={"seats/ada.yaml": with_handle})
    [finding] = findings
    assert at(finding) == ("seats/janine.yaml", 2, 1)
    assert finding.severity == "warning"
    assert finding.message.startswith("`janine` is accountable for the agent seats `bot`, "
                                      "`bot2` but names no GitHub handle")


def test_near_miss_an_org_that_names_no_handles(lint_org: Lint) -> None:
    agent = seat("").replace("accountable: ada", "accountable: janine")
    assert lint_org({"janine": HUMAN, "bot": agent}, code="OTP207") == []


def test_near_miss_the_accountable_human_has_a_handle(lint_org: Lint) -> None:
    human = HUMAN.replace("  kind: human\n", "  kind: human\n  github: janine-r\n")
    agent = seat("").replace("accountable: ada", "accountable: janine")
    assert lint_org({"janine": human, "bot": agent}, code="OTP207") == []
