"""Open the example's HTML scorecard and review in headless Chromium; fail on any browser
error.

    python scripts/browser_check.py [--chromium /usr/bin/chromium]

Run by .ci/run after the tests (it installs Debian's chromium first when it is
missing). It creates the Sneeze It example, writes `otp scorecard --format
html` and `otp review --format html`, loads each with Chromium's logging on,
and fails if Chromium reports a console message, a failed load or a crash, or
if a rendered page lacks the scorecard or the review's five sections.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBLEM = re.compile(r"CONSOLE|Uncaught|net::ERR_|Failed to load|Refused to|SyntaxError")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--otp", default=shutil.which("otp") or "otp")
    arguments = parser.parse_args()
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        base = Path(work)
        org = base / "sneeze-it"
        subprocess.run([arguments.otp, "init", "--example", "sneeze-it", str(org)], check=True,
                       stdout=subprocess.DEVNULL)
        for command, holds in (("scorecard", _holds_scorecard), ("review", _holds_review)):
            page = base / f"{command}.html"
            subprocess.run([arguments.otp, "--repo", str(org), command, "--format", "html",
                            "--output", str(page)], check=True, stderr=subprocess.DEVNULL)
            run = subprocess.run(
                [arguments.chromium, *FLAGS, f"--user-data-dir={base / f'profile-{command}'}",
                 "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120,
                check=False)
            found = [line for line in run.stderr.splitlines() if PROBLEM.search(line)]
            if run.returncode != 0:
                found.append(f"chromium exited {run.returncode}")
            if not holds(run.stdout):
                found.append(f"the rendered page does not hold the {command}")
            problems += [f"{command}.html: {problem}" for problem in found]
    for problem in problems:
        print(f"browser-check: {problem}", file=sys.stderr)
    print("browser-check: " + ("FAILED" if problems else "the HTML scorecard and review open "
                               "in Chromium with no errors"))
    return 1 if problems else 0


def _holds_scorecard(dom: str) -> bool:
    return "Sneeze It scorecard" in dom and dom.count('<svg class="trend"') >= 18


def _holds_review(dom: str) -> bool:
    return "Sneeze It weekly review" in dom and all(
        f'<section id="section-{number}">' in dom for number in range(1, 6))


if __name__ == "__main__":
    sys.exit(main())
