"""Generate a valid org repository of N seats, deterministically.

    python benchmarks/generate_org.py DIR --seats 1000 --weeks 104

Every fifth seat is held by a human; the others are agents accountable to the
nearest human above them. Each seat has three outcomes with ranges, cadences
and escalation ladders, and W weeks of measurements. A sprinkling of seats
carry lint findings (a vague draft, an activity metric, a missing range), as a
real org under way would.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/London")
FANOUT = 8
NEWEST_WEEK = date(2026, 11, 16)

METRICS = [
    ("Invoices paid within terms", "percent", "last", {"min": 90, "max": 100}, "weekly"),
    ("Median first response to a client", "minutes", "mean", {"max": 60}, "weekly"),
    ("Gross margin on delivered work", "percent", "last", {"min": 35, "max": 65}, "monthly"),
    ("Qualified pipeline value", "USD", "last", {"min": 50000}, "weekly"),
    ("Refund time", "days", "max", {"max": 3}, "weekly"),
    ("Orders shipped on the promised day", "percent", "last", {"min": 97}, "daily"),
]


def seat_id(index: int) -> str:
    return f"seat-{index:05d}"


def is_human(index: int) -> bool:
    return index % 5 == 0


def parent(index: int) -> int | None:
    return None if index == 0 else (index - 1) // FANOUT


def nearest_human(index: int) -> int:
    current = parent(index)
    while current is not None and not is_human(current):
        current = parent(current)
    return current if current is not None else 0


def seat_yaml(index: int, rng: random.Random) -> str:
    human = is_human(index)
    lines = [
        "# yaml-language-server: $schema=../schemas/seat.schema.json",
        f"title: {'Manager' if human else 'Operations agent'} {index}",
        "holder:",
        f"  name: {'Person' if human else 'Agent'} {index}",
        f"  kind: {'human' if human else 'agent'}",
    ]
    if not human:
        lines.append("  model: claude-sonnet")
    up = parent(index)
    if up is not None:
        lines.append(f"reports_to: {seat_id(up)}")
    if not human:
        lines += [f"accountable: {seat_id(nearest_human(index))}",
                  f"autonomy: {rng.randint(1, 4)}"]
    lines += ["capabilities:", f"  - capability {index}-a", f"  - capability {index}-b",
              "tools: [Slack, HubSpot]", "outcomes:"]
    escalate_to = seat_id(nearest_human(index)) if index else seat_id(0)
    for number in range(3):
        name, unit, aggregate, bounds, cadence = METRICS[(index + number) % len(METRICS)]
        outcome = f"{seat_id(index)}-{number}"
        lines += [
            f"  - id: {outcome}",
            f"    statement: {name} held in range for unit {index}",
            "    metric:",
            f"      name: {name}",
            f"      unit: {unit}",
            f"      aggregate: {aggregate}",
        ]
        if not (index % 89 == 7 and number == 1):  # an outcome without a range
            lines.append("    range: {" + ", ".join(f"{k}: {v}" for k, v in bounds.items()) + "}")
        lines += [
            f"    timeframe: {{cadence: {cadence}}}",
            "    exceptions:",
            "      - when: out_of_range",
            "        escalate:",
            f"          - to: {escalate_to}",
            "          - to: seat-00000",
            "            after: 48h",
        ]
    if index % 97 == 13:
        lines.append("  - Improve team morale")  # a vague draft
    if index % 113 == 5:
        lines += ["  - id: " + f"{seat_id(index)}-activity",
                  "    statement: Messages sent to customers every week",
                  "    metric: {name: Messages sent, unit: count, aggregate: sum}",
                  "    range: {min: 100}",
                  "    timeframe: {cadence: weekly}"]
    return "\n".join(lines) + "\n"


def measurements_csv(index: int, number: int, weeks: int, rng: random.Random) -> str:
    bounds = METRICS[(index + number) % len(METRICS)][3]
    low = bounds.get("min", 0)
    high = bounds.get("max", low * 2 or 100)
    rows = ["at,value,source,note"]
    start = NEWEST_WEEK - timedelta(weeks=weeks - 1)
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        moment = datetime.combine(monday + timedelta(days=4), time(16, 30), tzinfo=ZONE)
        value = round(rng.uniform(low * 0.9, high * 1.05), 2)
        rows.append(f"{moment.isoformat()},{value},{seat_id(index)},")
    return "\n".join(rows) + "\n"


def generate(root: Path, seats: int, weeks: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "seats").mkdir(parents=True, exist_ok=True)
    (root / "measurements").mkdir(exist_ok=True)
    (root / "otp.yaml").write_text(
        f"name: Generated org of {seats} seats\ntimezone: Europe/London\nweek_start: monday\n",
        encoding="utf-8",
    )
    for index in range(seats):
        (root / "seats" / f"{seat_id(index)}.yaml").write_text(seat_yaml(index, rng),
                                                               encoding="utf-8")
        if weeks:
            for number in range(3):
                path = root / "measurements" / f"{seat_id(index)}-{number}.csv"
                path.write_text(measurements_csv(index, number, weeks, rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seats", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    generate(arguments.directory, arguments.seats, arguments.weeks, arguments.seed)


if __name__ == "__main__":
    main()
