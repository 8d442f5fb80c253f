"""Open the example's HTML scorecard in headless Chromium and fail on any browser error.

    python scripts/browser_check.py [--chromium /usr/bin/chromium]

Run by .ci/run after the tests (it installs Debian's chromium first when it is
missing). It creates the Sneeze It example, writes `otp scorecard --format
html`, loads it with Chromium's logging on, and fails if Chromium reports a
console message, a failed load or a crash, or if the rendered page lacks the
scorecard.
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
    with tempfile.TemporaryDirectory() as work:
        base = Path(work)
        org, page = base / "sneeze-it", base / "scorecard.html"
        subprocess.run([arguments.otp, "init", "--example", "sneeze-it", str(org)], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([arguments.otp, "--repo", str(org), "scorecard", "--format", "html",
                        "--output", str(page)], check=True, stderr=subprocess.DEVNULL)
        run = subprocess.run(
            [arguments.chromium, *FLAGS, f"--user-data-dir={base / 'profile'}", "--dump-dom",
             page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    problems = [line for line in run.stderr.splitlines() if PROBLEM.search(line)]
    if run.returncode != 0:
        problems.append(f"chromium exited {run.returncode}")
    if "Sneeze It scorecard" not in run.stdout or run.stdout.count('<svg class="trend"') < 18:
        problems.append("the rendered page does not hold the scorecard")
    for problem in problems:
        print(f"browser-check: {problem}", file=sys.stderr)
    print("browser-check: " + ("FAILED" if problems else "the HTML scorecard opens in Chromium "
                               "with no errors"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
