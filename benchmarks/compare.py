"""Is a change slower? Times two revisions of otp side by side in interleaved rounds.

    python benchmarks/compare.py BASE [HEAD] [--rounds 15] [--seats 1000] [--limit 1.05]

Exports each revision with ``git archive`` into ``benchmarks/.work/rev-<commit>``
and runs it with this interpreter (``python -m otpcli``, the revision's code
first on the path), so both use the same installed dependencies. Times start-up
(``--version`` and ``--help``) and ``otp lint`` on a generated org, in
round-robin rounds so a slow spell of the machine hits both revisions, and
prints HEAD / BASE for each; exits 1 when a ratio is over ``--limit``. HEAD
defaults to the work tree. Used for "a refactoring must not make otp slower".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import WORK, Job, measure_all, org  # noqa: E402


def export(revision: str) -> Path:
    """The tree of ``revision`` as files under benchmarks/.work (kept between runs)."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
                            cwd=HERE, check=True, capture_output=True, text=True).stdout.strip()
    target = WORK / f"rev-{commit[:12]}"
    if not (target / "otpcli" / "__init__.py").is_file():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit, "otpcli"], cwd=HERE.parent,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def jobs(label: str, tree: Path, repo: Path, rounds: int) -> list[Job]:
    env = {"PYTHONPATH": str(tree)}
    otp = [sys.executable, "-m", "otpcli"]
    return [Job(f"{label}: --version", [*otp, "--version"], rounds, env),
            Job(f"{label}: --help", [*otp, "--help"], rounds, env),
            Job(f"{label}: lint", [*otp, "--repo", str(repo), "lint"], rounds,
                env)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", help="a revision (default: the work tree)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seats", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=1.05)
    arguments = parser.parse_args()
    repo = org(arguments.seats, 104)
    base = export(arguments.base)
    head = export(arguments.head) if arguments.head else HERE.parent
    timings = measure_all(jobs("base", base, repo, arguments.rounds)
                          + jobs("head", head, repo, arguments.rounds))
    failed = False
    for name in ("--version", "--help", "lint"):
        ratio = timings[f"head: {name}"].seconds / timings[f"base: {name}"].seconds
        holds = ratio <= arguments.limit
        failed |= not holds
        print(f"{name:<10} head / base = {ratio:.3f}  (at most {arguments.limit})"
              f"  {'holds' if holds else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
