"""otp's speed and memory targets, measured as ratios against reference tools in one run.

    python benchmarks/run.py [--rounds 5] [--quick] [--large] [--update-docs]

Generates orgs of 100, 1,000 and 10,000 seats (30,000 with --large; two years
of weekly values) with benchmarks/generate_org.py, then times every command and
its reference point side by side, in interleaved rounds, and compares medians. Prints the
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


def copy(root: Path) -> Path:
    """A copy of a generated org (made once), for the jobs that delete its cache."""
    target = root.with_name(root.name + "-copy")
    if not (target / "otp.yaml").is_file():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root, target, ignore=shutil.ignore_patterns(".otp_cache"))
    return target


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


def run(rounds: int, quick: bool, large: bool) -> tuple[list[Timing], list[Target]]:
    python = sys.executable
    tiny = org(100, 104)
    small = org(1000, 104)
    big = 2000 if quick else 10000
    large_org = org(big, 104)
    sizes = [(tiny, "100"), (small, "1k"), (large_org, "2k" if quick else "10k")]
    if large:
        sizes.append((org(30000, 104), "30k"))
    os.sync()  # no writeback of the generated files while timing
    big_rounds = 1 if quick else max(3, rounds // 2)  # a median of at least three
    wide = {"COLUMNS": "200"}
    cold = {"OTP_NO_CACHE": "1"}
    jobs = [
        Job("python -c 'import typer'", [python, "-c", "import typer"], rounds * 2),
        Job("otp --version", [str(BIN / "otp"), "--version"], rounds * 2),
        Job("otp --help", [str(BIN / "otp"), "--help"], rounds * 2),
        Job("yamllint, 1k", [str(BIN / "yamllint"), "-f", "parsable", "-d", "relaxed",
                             str(small / "seats")], max(1, rounds // 2)),
    ]
    for root, size in sizes[1:]:
        n = rounds if size == "1k" else big_rounds
        jobs += [
            Job(f"libyaml parse, {size}", [python, "-c", LIBYAML, str(root)], n),
            Job(f"otp lint, {size}", otp(root, "lint", "--format", "json"), n),
            Job(f"otp lint cold, {size}", otp(root, "lint", "--format", "json"), n, cold),
            Job(f"otp scorecard json, {size}", otp(root, "scorecard", "--format", "json"), n),
            Job(f"otp scorecard json cold, {size}",
                otp(root, "scorecard", "--format", "json"), n, cold),
            # on a copy of the org, so the other jobs keep their warm cache
            Job(f"otp scorecard json, cache deleted first, {size}",
                ["sh", "-c", f"rm -rf '{copy(root)}/.otp_cache' && exec \"$@\"", "sh",
                 *otp(copy(root), "scorecard", "--format", "json")], n),
            Job(f"otp scorecard json, cache off (rm too), {size}",
                ["sh", "-c", f"rm -rf '{copy(root)}/.otp_cache.none' && exec \"$@\"", "sh",
                 *otp(copy(root), "scorecard", "--format", "json", "--no-cache")], n),
            Job(f"otp scorecard json, the run that writes the cache, {size}",
                ["sh", "-c", f"rm -f '{copy(root)}/.otp_cache/measurements-v2.bin' && "
                 "exec \"$@\"", "sh", *otp(copy(root), "scorecard", "--format", "json")], n),
            Job(f"otp scorecard table, {size}", otp(root, "scorecard"), n, wide),
            Job(f"otp seats table, {size}", otp(root, "seats"), n, wide),
            Job(f"otp seats json, {size}", otp(root, "seats", "--format", "json"), n),
            Job(f"otp retire --dry-run, {size}",
                otp(root, "retire", "seat-00004", "--to", "seat-00003", "--reason", "bench",
                    "--reviewer", "seat-00000", "--dry-run"), n),
        ]
    print("timing (median of rounds):")
    timings = measure_all(jobs)

    # One value pushed into orgs of 100 and 10,000 seats, and into a history of none and of
    # 100,000 rows, in interleaved rounds so start-up noise hits every side alike.
    record_jobs = []
    saved: list[tuple[Path, bytes]] = []
    try:
        for root, size in (sizes[0], sizes[2]):
            outcome = "seat-00001-0"
            history = root / "measurements" / f"{outcome}.csv"
            saved.append((history, history.read_bytes()))
            history.write_text("at,value,source,note\n")
            record_jobs.append(Job(f"otp record, {size}", otp(
                root, "record", outcome, "7", "--at", "2026-01-05T09:00:00+00:00"),
                rounds * 2))
        history = small / "measurements" / "seat-00001-0.csv"
        saved.append((history, history.read_bytes()))
        line = "2026-01-05T09:00:00+00:00,7,bench,\n"
        history.write_text("at,value,source,note\n" + line * 100_000)
        record_jobs.append(Job("otp record, 100,000 rows of history", otp(
            small, "record", "seat-00001-0", "7", "--at", "2026-01-05T09:00:00+00:00"),
            rounds * 2))
        os.sync()
        timings.update(measure_all(record_jobs))
    finally:
        for path, content in saved:
            path.write_bytes(content)

    t = timings
    top = sizes[2][1]

    def ratio(name: str, subject: str, reference: str, limit: float) -> Target:
        return Target(name, t[subject].seconds / t[reference].seconds, limit)

    def per_seat(label: str) -> Target:
        """Peak memory per seat between the 1k and the largest org (kilobytes)."""
        seats = big - 1000
        grown = t[f"{label}, {top}"].peak_mb - t[f"{label}, 1k"].peak_mb
        return Target(f"memory per seat, {label.removeprefix('otp ')}", grown * 1024 / seats,
                      25, " KB")

    targets = [
        ratio("--version / import typer", "otp --version", "python -c 'import typer'", 1.2),
        ratio("--help / import typer", "otp --help", "python -c 'import typer'", 1.2),
        ratio("lint / yamllint (1k)", "otp lint, 1k", "yamllint, 1k", 0.2),
        ratio("record 10k seats / 100 seats", f"otp record, {top}", "otp record, 100", 1.2),
        ratio("record 100k rows / none", "otp record, 100,000 rows of history",
              "otp record, 100", 1.2),
        Target("record, 10k seats (seconds)", t[f"otp record, {top}"].seconds, 0.25, " s"),
        # both without a cache, as in CI: lint reads every measurement file too (OTP007)
        ratio("cold scorecard / cold lint (1k)", "otp scorecard json cold, 1k",
              "otp lint cold, 1k", 1.2),
        ratio(f"scorecard, cache absent / cache off ({top})",
              f"otp scorecard json, cache deleted first, {top}",
              f"otp scorecard json, cache off (rm too), {top}", 1.05),  # 5%: run-to-run noise
        ratio(f"scorecard, the run that writes the cache / cache off ({top})",
              f"otp scorecard json, the run that writes the cache, {top}",
              f"otp scorecard json, cache off (rm too), {top}", 1.15),
        per_seat("otp lint"),
        per_seat("otp scorecard json"),
    ]
    for _, size in sizes[1:3]:
        targets += [
            ratio(f"lint / libyaml parse ({size})", f"otp lint, {size}",
                  f"libyaml parse, {size}", 1.0),
            ratio(f"scorecard json / libyaml parse ({size})", f"otp scorecard json, {size}",
                  f"libyaml parse, {size}", 1.0),
            ratio(f"scorecard table / json ({size})", f"otp scorecard table, {size}",
                  f"otp scorecard json, {size}", 1.2),
            ratio(f"seats table / json ({size})", f"otp seats table, {size}",
                  f"otp seats json, {size}", 1.2),
        ]
    targets.append(ratio(f"retire dry run / lint ({top})", f"otp retire --dry-run, {top}",
                         f"otp lint, {top}", 2.0))
    return list(timings.values()), targets


def table(timings: list[Timing], targets: list[Target], rounds: int) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; median of {rounds} rounds "
        f"({max(3, rounds // 2)} on the largest org, {rounds * 2} for start-up and record) "
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
    parser.add_argument("--large", action="store_true",
                        help="also time a 30,000-seat org")
    parser.add_argument("--update-docs", action="store_true",
                        help="write the results table into docs/performance.md")
    arguments = parser.parse_args()
    for tool in ("otp", "yamllint"):
        if not (BIN / tool).exists():
            sys.exit(f"{BIN / tool} is missing: pip install '.[bench]' in this environment")
    timings, targets = run(arguments.rounds, arguments.quick, arguments.large)
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
