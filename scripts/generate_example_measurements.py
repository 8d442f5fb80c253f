"""Regenerate examples/sneeze-it/measurements/*.csv and acknowledgements/*.csv
(deterministic).

The example's newest week starts on Monday 2026-11-16; `otp init --example`
shifts every date so that week becomes the current one. Run from the repo root:

    python scripts/generate_example_measurements.py
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/New_York")
NEWEST_WEEK = date(2026, 11, 16)
LAST_DAY = date(2026, 11, 20)
MONTH_END = date(2026, 11, 30)
WEEKS = 26
OUT = Path(__file__).resolve().parent.parent / "examples" / "sneeze-it" / "measurements"

Row = tuple[datetime, float | None, str, str]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def weeks() -> Iterator[date]:
    for back in range(WEEKS - 1, -1, -1):
        yield NEWEST_WEEK - timedelta(weeks=back)


def weekdays(monday: date) -> Iterator[date]:
    for offset in range(5):
        day = monday + timedelta(days=offset)
        if day <= LAST_DAY:
            yield day


def month_ends() -> Iterator[date]:
    for month in range(5, 11):
        first_next = date(2026, month + 1, 1)
        yield first_next - timedelta(days=1)


def weekly(rng: random.Random, value: Callable[[random.Random, int], float], source: str,
           stop_weeks_before_newest: int = 0) -> list[Row]:
    rows: list[Row] = []
    for index, monday in enumerate(weeks()):
        if index > WEEKS - 1 - stop_weeks_before_newest:
            break
        rows.append((at(monday + timedelta(days=4), 17, rng.randrange(0, 50)),
                     value(rng, index), source, ""))
    return rows


def around(base: float, spread: float, low: float, high: float, digits: int = 1,
           miss_every: int = 0, miss: float = 0.0) -> Callable[[random.Random, int], float]:
    def draw(rng: random.Random, index: int) -> float:
        centre = base - miss if miss_every and index % miss_every == miss_every - 1 else base
        return round(min(high, max(low, rng.gauss(centre, spread))), digits)
    return draw


def build() -> dict[str, list[Row]]:
    rng = random.Random(20261116)
    data: dict[str, list[Row]] = {}
    data["monthly-revenue"] = [
        (at(day, 18), round(rng.gauss(445000, 18000), -2), "quickbooks", "")
        for day in month_ends()
    ]
    data["gross-margin"] = weekly(rng, around(44, 4, 30, 58, miss_every=9, miss=9), "looker")
    data["month-end-close-days"] = [
        (at(date(2026, month, rng.randrange(4, 9)), 16), float(rng.choice([3, 4, 4, 5, 5, 7])),
         "", "")
        for month in range(6, 12)
    ]
    data["first-round-approval"] = weekly(rng, around(84, 6, 50, 100, 0, 7, 10), "frame.io")
    data["briefing-before-8am"] = weekly(rng, lambda r, i: 80.0 if i % 11 == 7 else 100.0,
                                         "radar")
    stale: list[Row] = []
    for monday in weeks():
        days = list(weekdays(monday))
        for day in sorted(rng.sample(days, k=min(3, len(days)))):
            minutes = rng.randrange(4, 48) if rng.random() > 0.08 else rng.randrange(70, 150)
            stale.append((at(day, rng.randrange(7, 19), rng.randrange(60)), float(minutes),
                          "radar", ""))
    data["stale-data-flag-time"] = stale
    data["escalations-routed-same-day"] = weekly(
        rng, lambda r, i: 96.0 if i % 8 == 5 else float(r.choice([98, 99, 100, 100])), "radar")
    tally: list[Row] = []
    broken = NEWEST_WEEK - timedelta(weeks=2) + timedelta(days=2)
    rounding = NEWEST_WEEK - timedelta(weeks=2) + timedelta(days=1)  # see ACKNOWLEDGEMENTS
    for monday in weeks():
        for day in weekdays(monday):
            for hour in (8, 11, 14, 17):
                if day == broken and hour == 11:
                    tally.append((at(day, hour), None, "tally",
                                  "Meta Ads API returned 500; no value recorded, escalated"))
                    continue
                value = 100.0 if rng.random() > 0.012 else round(rng.uniform(98.5, 99.8), 1)
                if day == rounding and hour == 14:
                    value = 99.1
                tally.append((at(day, hour, 5), value, "tally", ""))
    data["kpi-accuracy"] = tally
    data["anomalies-before-open"] = weekly(
        rng, lambda r, i: float(r.choice([100, 100, 100, 97, 92] if i % 6 == 4 else [100, 98])),
        "dash")
    data["spend-variance-before-call"] = weekly(  # off track the last two closed weeks
        rng, lambda r, i: 88.0 if i % 7 == 3 or i == WEEKS - 3 else 100.0, "dash")
    spend: list[Row] = []
    tail = random.Random(20261130)
    day = date(2026, 5, 1)
    while day <= MONTH_END:  # to the end of the newest month: a daily feed needs rows to today
        daily = 185000 / 30.5 * (1.12 if day.month == 8 else 1.0)
        draw = rng if day <= LAST_DAY else tail  # the tail keeps the other files' draws
        spend.append((at(day, 23, 30), round(draw.gauss(daily, 350), 2), "dash", ""))
        day += timedelta(days=1)
    data["managed-ad-spend"] = spend
    data["ad-pacing-on-plan"] = weekly(rng, around(93, 3, 70, 100, 0, 5, 8), "jeff")
    data["projects-reconciled"] = weekly(
        rng, lambda r, i: float(r.choice([100, 100, 99, 98])) if i % 9 != 2 else 91.0, "jeff")
    data["projects-on-schedule"] = weekly(rng, around(93, 4, 70, 100, 0, 8, 9), "crystal")
    data["qualified-pipeline"] = weekly(rng, around(290000, 30000, 150000, 420000, -3, 10, 60000),
                                        "hubspot")
    data["healthy-clients"] = weekly(rng, around(88, 3, 70, 100, 0, 12, 6), "pulse",
                                     stop_weeks_before_newest=3)
    data["urgent-email-routing-time"] = weekly(rng, around(70, 25, 12, 240, 0, 13, -80),
                                               "pepper")
    data["call-booking-rate"] = weekly(rng, around(25, 2.5, 12, 40, 1, 10, 6), "arin")
    meetings: list[Row] = []
    for monday in weeks():
        days = list(weekdays(monday))
        for _ in range(rng.choice([4, 5, 6, 7, 7, 8, 9])):
            meetings.append((at(rng.choice(days), rng.randrange(9, 17), rng.randrange(60)), 1.0,
                             "hubspot", ""))
    data["qualified-meetings"] = sorted(meetings, key=lambda row: row[0])
    return data


#: Janine took Tally's KPI-accuracy exception on its second day (off track since the week
#: before), so the ladder stopped before Bogdan; `otp init --example` moves it with the data.
ACKNOWLEDGEMENTS = {
    "kpi-accuracy": [
        (at(NEWEST_WEEK - timedelta(weeks=2) + timedelta(days=1), 9, 40), "janine",
         "out_of_range", "Audit found QuickBooks rounding on two client accounts; Tally "
         "re-pulls them nightly until the fix ships"),
    ],
}


def number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for outcome, rows in build().items():
        with (OUT / f"{outcome}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["at", "value", "source", "note"])
            for when, value, source, note in sorted(rows, key=lambda row: row[0]):
                writer.writerow([when.isoformat(), number(value), source, note])
    acks = OUT.parent / "acknowledgements"
    acks.mkdir(exist_ok=True)
    for outcome, taken in ACKNOWLEDGEMENTS.items():
        with (acks / f"{outcome}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["at", "by", "when", "note"])
            for when, by, condition, note in taken:
                writer.writerow([when.isoformat(), by, condition, note])


if __name__ == "__main__":
    main()
