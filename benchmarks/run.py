"""otp's speed and memory targets, measured as ratios against reference tools in one run.

    python benchmarks/run.py [--rounds 5] [--quick] [--update-docs]

Generates a 1,000-seat and a 10,000-seat org (two years of weekly values)
with benchmarks/generate_org.py, then times every command and its reference
point side by side, several rounds each, and compares medians. Prints the
table, the peak memory of each command, and whether every target holds; exits
1 if one does not. ``--update-docs`` writes the table into docs/performance.md.
Install the references first: ``pip install '.[bench]'`` (PyYAML, yamllint).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_org import generate  # noqa: E402

WORK = HERE / ".work"
DOCS = HERE.parent / "docs" / "performance.md"
BIN = Path(sys.executable).parent
LIBYAML = ("import glob, sys, yaml\n"
           "for name in sorted(glob.glob(sys.argv[1] + '/seats/*.yaml')):\n"
           "    with open(name, 'rb') as handle:\n"
           "        yaml.load(handle, Loader=yaml.CSafeLoader)\n")


@dataclass
class Timing:
    label: str
    seconds: float
    peak_mb: float


def run_once(command: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024


@dataclass
class Job:
    label: str
    command: list[str]
    rounds: int
    env: dict[str, str] | None = None


def measure_all(jobs: list[Job]) -> dict[str, Timing]:
    """Round-robin: each round runs every job once, so a slow spell of the machine hits the
    subject and its reference alike. Round 0 is a warm-up and is not counted."""
    samples: dict[str, list[tuple[float, float]]] = {job.label: [] for job in jobs}
    for round_number in range(max(job.rounds for job in jobs) + 1):
        for job in jobs:
            if round_number <= job.rounds:
                result = run_once(job.command, job.env)
                if round_number:
                    samples[job.label].append(result)
    timings = {}
    for job in jobs:
        times = [elapsed for elapsed, _ in samples[job.label]]
        peak = max(memory for _, memory in samples[job.label])
        timings[job.label] = Timing(job.label, statistics.median(times), peak)
        print(f"  {job.label:<56} {timings[job.label].seconds:8.3f} s {peak:8.1f} MB",
              flush=True)
    return timings


def org(seats: int, weeks: int) -> Path:
    root = WORK / f"org-{seats}-{weeks}"
    if not (root / "otp.yaml").is_file():
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {seats} seats x {weeks} weeks in {root} ...", flush=True)
        generate(root, seats, weeks)
    return root


def otp(root: Path, *args: str) -> list[str]:
    return [str(BIN / "otp"), "--repo", str(root), *args]


@dataclass
class Target:
    name: str
    value: float
    limit: float
    unit: str = "x"

    @property
    def holds(self) -> bool:
        return self.value <= self.limit


def run(rounds: int, quick: bool) -> tuple[list[Timing], list[Target]]:
    python = sys.executable
    small = org(1000, 104)
    large = org(2000 if quick else 10000, 104)
    os.sync()  # no writeback of the generated files while timing
    big_rounds = 1 if quick else max(1, rounds // 2)
    size = "2k" if quick else "10k"
    jobs = [
        Job("python -c 'import typer'", [python, "-c", "import typer"], rounds * 2),
        Job("otp --version", [str(BIN / "otp"), "--version"], rounds * 2),
        Job("otp --help", [str(BIN / "otp"), "--help"], rounds * 2),
        Job("libyaml parse, 1k seats (PyYAML CSafeLoader)", [python, "-c", LIBYAML, str(small)],
            rounds),
        Job("yamllint, 1k seats", [str(BIN / "yamllint"), "-f", "parsable", "-d", "relaxed",
                                   str(small / "seats")], max(1, rounds // 2)),
        Job("otp lint, 1k seats", otp(small, "lint", "--format", "json"), rounds),
        Job("otp scorecard --format json, 1k seats", otp(small, "scorecard", "--format", "json"),
            rounds),
        Job("otp scorecard --format json, 1k seats, cache off (cold)",
            otp(small, "scorecard", "--format", "json"), rounds, {"OTP_NO_CACHE": "1"}),
        Job("otp seats, 1k seats", otp(small, "seats"), rounds),
        Job(f"otp lint, {size} seats", otp(large, "lint", "--format", "json"), big_rounds),
        Job(f"otp scorecard --format json, {size} seats",
            otp(large, "scorecard", "--format", "json"), big_rounds),
    ]
    print("timing (median of rounds):")
    timings = measure_all(jobs)

    history = small / "measurements" / "seat-00000-0.csv"
    saved = history.read_bytes()
    record = otp(small, "record", "seat-00000-0", "7", "--at", "2026-01-05T09:00:00+00:00")
    try:
        history.write_text("at,value,source,note\n")
        os.sync()
        timings.update(measure_all([Job("otp record, empty history", record, rounds)]))
        line = "2026-01-05T09:00:00+00:00,7,bench,\n"
        history.write_text("at,value,source,note\n" + line * 100_000)
        os.sync()
        timings.update(measure_all([Job("otp record, 100,000 rows of history", record, rounds)]))
    finally:
        history.write_bytes(saved)

    t = timings
    growth_scale = 2 if quick else 10
    targets = [
        Target("lint / libyaml parse (1k)", t["otp lint, 1k seats"].seconds /
               t["libyaml parse, 1k seats (PyYAML CSafeLoader)"].seconds, 3.0),
        Target("lint / yamllint (1k)", t["otp lint, 1k seats"].seconds /
               t["yamllint, 1k seats"].seconds, 0.2),
        Target("scorecard json / lint (1k)", t["otp scorecard --format json, 1k seats"].seconds /
               t["otp lint, 1k seats"].seconds, 1.5),
        Target("--version / import typer", t["otp --version"].seconds /
               t["python -c 'import typer'"].seconds, 1.2),
        Target("--help / import typer", t["otp --help"].seconds /
               t["python -c 'import typer'"].seconds, 1.2),
        Target("peak memory, lint (1k)", t["otp lint, 1k seats"].peak_mb, 250, " MB"),
        Target("peak memory, scorecard (1k)",
               t["otp scorecard --format json, 1k seats"].peak_mb, 250, " MB"),
        Target(f"lint growth {size} / 1k", t[f"otp lint, {size} seats"].seconds /
               t["otp lint, 1k seats"].seconds, 1.2 * growth_scale),
        Target(f"scorecard growth {size} / 1k",
               t[f"otp scorecard --format json, {size} seats"].seconds /
               t["otp scorecard --format json, 1k seats"].seconds, 1.2 * growth_scale),
        Target("record with 100k rows / with none",
               t["otp record, 100,000 rows of history"].seconds /
               t["otp record, empty history"].seconds, 1.1),
    ]
    return list(timings.values()), targets


def table(timings: list[Timing], targets: list[Target], rounds: int) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; median of {rounds} rounds "
        "after a warm-up run.",
        "",
        "| command | median | peak memory |",
        "|---|---:|---:|",
        *(f"| {t.label} | {t.seconds:.3f} s | {t.peak_mb:.0f} MB |" for t in timings),
        "",
        "| target | measured | limit | holds |",
        "|---|---:|---:|---|",
        *(f"| {t.name} | {t.value:.2f}{t.unit} | {t.limit:g}{t.unit} | "
          f"{'yes' if t.holds else '**no**'} |" for t in targets),
    ]
    return "\n".join(lines) + "\n"


def update_docs(text: str) -> None:
    content = DOCS.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    before, _, rest = content.partition(start)
    _, _, after = rest.partition(end)
    DOCS.write_text(f"{before}{start}\n{text}{end}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="2,000 instead of 10,000 seats for the growth check (a smoke run)")
    parser.add_argument("--update-docs", action="store_true",
                        help="write the results table into docs/performance.md")
    arguments = parser.parse_args()
    for tool in ("otp", "yamllint"):
        if not (BIN / tool).exists():
            sys.exit(f"{BIN / tool} is missing: pip install '.[bench]' in this environment")
    timings, targets = run(arguments.rounds, arguments.quick)
    text = table(timings, targets, arguments.rounds)
    print()
    print(text)
    if arguments.update_docs:
        update_docs(text)
    failed = [t.name for t in targets if not t.holds]
    print("every target holds" if not failed else f"targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
