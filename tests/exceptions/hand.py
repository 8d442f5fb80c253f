"""A small org whose every exception, episode and rung was worked out by hand.

Time zone Europe/London: the clocks go forward on Sunday 29 March 2026 at 01:00 GMT
(to 02:00 BST), so several ladders and staleness windows straddle it. The org is committed
once, on Wednesday 4 March 2026 at 15:00 GMT; `never` has not been measured since.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import git

SEATS = {
    "ada": "title: Founder\nholder: {name: Ada, kind: human}\n",
    "cy": "title: Operations\nholder: {name: Cy, kind: human}\nreports_to: ada\n",
    "di": "title: Finance\nholder: {name: Di, kind: human}\nreports_to: ada\n",
    "bo": """\
title: Service Agent
holder: {name: Bo, kind: agent}
reports_to: cy
accountable: cy
outcomes:
  - id: sla
    statement: Daily handling time at most 100 minutes
    metric: {name: Handling time, unit: minutes, aggregate: last}
    range: {max: 100}
    timeframe: {cadence: daily}
    exceptions:
      - when: out_of_range
        escalate:
          - to: cy
          - to: ada
            after: 24h
          - to: di
            after: 72h
  - id: weekly-3
    statement: Weekly mean of at least 10 resolved cases
    metric: {name: Resolved cases, unit: count, aggregate: mean}
    range: {min: 10}
    timeframe: {cadence: weekly}
    exceptions:
      - when: out_of_range
        for: 3
        escalate:
          - to: ada
  - id: feed
    statement: A value reported every day
    metric: {name: Feed value, unit: count, aggregate: last}
    range: {min: 0}
    timeframe: {cadence: daily}
    exceptions:
      - when: missing
        escalate:
          - to: cy
  - id: pulse
    statement: A weekly value that must be at most two days old
    metric: {name: Pulse, unit: count, aggregate: last}
    range: {min: 0}
    timeframe: {cadence: weekly}
    stale_after: 2d
    exceptions:
      - when: stale
        escalate:
          - to: cy
  - id: never
    statement: A weekly value nobody has reported yet
    metric: {name: Never, unit: count, aggregate: last}
    range: {min: 1}
    timeframe: {cadence: weekly}
    exceptions:
      - when: stale
        escalate:
          - to: ada
""",
}

MEASUREMENTS = {
    # daily, last, at most 100; for: 1, ladder cy / ada +24h / di +72h
    "sla": [
        ("2026-03-23T12:00:00+00:00", "50"),   # on track
        ("2026-03-24T12:00:00+00:00", "120"),  # off: episode 1 from 25 Mar 00:00 GMT
        ("2026-03-25T12:00:00+00:00", "130"),  # off
        ("2026-03-26T12:00:00+00:00", "80"),   # on: episode 1 ends 27 Mar 00:00
        ("2026-03-27T12:00:00+00:00", "150"),  # off: episode 2 from 28 Mar 00:00 GMT
        ("2026-03-28T12:00:00+00:00", "140"),
        ("2026-03-29T12:00:00+01:00", "160"),  # the day the clocks go forward
        ("2026-03-30T12:00:00+01:00", "170"),
        ("2026-03-31T12:00:00+01:00", "180"),
    ],
    # weekly, mean, at least 10; for: 3
    "weekly-3": [
        ("2026-02-24T09:00:00+00:00", "12"),   # week of 23 Feb: on
        ("2026-03-03T09:00:00+00:00", "5"),    # 2 Mar: off
        ("2026-03-10T09:00:00+00:00", "6"),    # 9 Mar: off (only two in a row)
        ("2026-03-17T09:00:00+00:00", "11"),   # 16 Mar: on
        ("2026-03-24T09:00:00+00:00", "4"),    # 23 Mar: off
        ("2026-03-31T09:00:00+01:00", "3"),    # 30 Mar: off
        ("2026-04-07T09:00:00+01:00", "2"),    # 6 Apr: off -> holds from 13 Apr 00:00 BST
        ("2026-04-14T09:00:00+01:00", "1"),    # 13 Apr: off, the run goes on
    ],
    # daily, missing for: 1
    "feed": [
        ("2026-04-01T09:00:00+01:00", "5"),
        ("2026-04-02T09:00:00+01:00", ""),     # an explicit no-value report
        ("2026-04-03T09:00:00+01:00", "7"),
        # 4 and 5 April: no report at all
        ("2026-04-06T09:00:00+01:00", "8"),
    ],
    # weekly, stale after 2d
    "pulse": [
        ("2026-03-27T12:00:00+00:00", "3"),    # stale 48h later: 29 Mar 13:00 BST
        ("2026-03-31T09:00:00+01:00", "4"),    # fresh again; stale from 2 Apr 09:00 BST
    ],
}

COMMITTED = "2026-03-04T15:00:00+00:00"


def write_acks(root: Path, outcome: str, rows: list[tuple[str, str, str, str]]) -> None:
    folder = root / "acknowledgements"
    folder.mkdir(exist_ok=True)
    with (folder / f"{outcome}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["at", "by", "when", "note"])
        writer.writerows(rows)


def make_hand_org(root: Path) -> Path:
    (root / "seats").mkdir(parents=True)
    (root / "measurements").mkdir()
    (root / "otp.yaml").write_text("name: Hand\ntimezone: Europe/London\nweek_start: monday\n")
    for seat, text in SEATS.items():
        (root / "seats" / f"{seat}.yaml").write_text(text)
    for outcome, rows in MEASUREMENTS.items():
        lines = ["at,value,source,note", *(f"{at},{value},test," for at, value in rows)]
        (root / "measurements" / f"{outcome}.csv").write_text("\n".join(lines) + "\n")
    repo = git.Repo.init(root, initial_branch="main")
    repo.index.add(["otp.yaml", "seats", "measurements"])
    when = datetime.fromisoformat(COMMITTED)
    repo.index.commit("Create the hand org", author_date=when, commit_date=when)
    return root
