"""Open the example's HTML scorecard and review in headless Chromium; fail on any browser
error, or when the scorecard scrolls sideways on a phone.

    python scripts/browser_check.py [--chromium /usr/bin/chromium] [--screenshots DIR]

Run by .ci/run after the tests (it installs Debian's chromium first when it is
missing). It creates the Sneeze It example, writes `otp scorecard --format
html` and `otp review --format html`, loads each with Chromium's logging on,
and fails if Chromium reports a console message, a failed load or a crash, or
if a rendered page lacks the scorecard or the review's five sections. It takes
a screenshot of each page at 1400x900 and 390x844 (into DIR, default a fresh
temporary directory) and fails when the scorecard is wider than a 390 px
phone screen. Headless Chromium will not make a window narrower than 500 px,
so the width is measured with the page in a 390 px frame; a page known to be
too wide is measured first, so the check shows it can fail.
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
DESKTOP = (1400, 900)
PHONE = (390, 844)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--otp", default=shutil.which("otp") or "otp")
    parser.add_argument("--screenshots", type=Path, default=None)
    arguments = parser.parse_args()
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        base = Path(work)
        shots = arguments.screenshots or Path(tempfile.mkdtemp(prefix="otp-browser-check-"))
        shots.mkdir(parents=True, exist_ok=True)
        chromium = _Chromium(arguments.chromium, base)
        control = base / "too-wide.html"
        control.write_text('<!DOCTYPE html><html><body><table><tr><td style="white-space: '
                           f'nowrap">{"wide " * 200}</td></tr></table></body></html>')
        if not chromium.scrolls_sideways(control, PHONE[0]):
            problems.append("the sideways-scroll check does not see a page known to be too wide")
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
            for width, height in (DESKTOP, PHONE):
                shot = shots / f"{command}-{width}x{height}.png"
                if not chromium.screenshot(page, shot, width, height):
                    found.append(f"no screenshot at {width}x{height}")
            if command == "scorecard" and chromium.scrolls_sideways(page, PHONE[0]):
                found.append(f"the page scrolls sideways at {PHONE[0]} px wide")
            problems += [f"{command}.html: {problem}" for problem in found]
        print(f"browser-check: screenshots in {shots}")
    for problem in problems:
        print(f"browser-check: {problem}", file=sys.stderr)
    print("browser-check: " + ("FAILED" if problems else "the HTML scorecard and review open "
                               "in Chromium with no errors"))
    return 1 if problems else 0


class _Chromium:
    def __init__(self, executable: str, base: Path) -> None:
        self.executable = executable
        self.base = base
        self.runs = 0

    def _run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        self.runs += 1
        return subprocess.run(
            [self.executable, *FLAGS, f"--user-data-dir={self.base / f'profile-{self.runs}'}",
             *arguments], capture_output=True, text=True, timeout=120, check=False)

    def screenshot(self, page: Path, shot: Path, width: int, height: int) -> bool:
        self._run("--hide-scrollbars", f"--window-size={width},{height}",
                  f"--screenshot={shot}", page.as_uri())
        return shot.is_file() and shot.stat().st_size > 0

    def scrolls_sideways(self, page: Path, width: int) -> bool:
        """Whether ``page`` is wider than a ``width`` px viewport: a copy of it reports its
        scroll and client widths to a frame of that width (a message crosses file origins)."""
        probe = page.with_name(page.stem + "-probe.html")
        report = ('<script>parent.postMessage(document.documentElement.scrollWidth + " " + '
                  'document.documentElement.clientWidth, "*");</script></body>')
        probe.write_text(page.read_text(encoding="utf-8").replace("</body>", report),
                         encoding="utf-8")
        frame = page.with_name(page.stem + "-frame.html")
        frame.write_text(
            f'<!DOCTYPE html><html><body><iframe src="{probe.name}" width="{width}" '
            f'height="{PHONE[1]}"></iframe><pre id="widths"></pre><script>'
            'addEventListener("message", e => { document.getElementById("widths")'
            ".textContent = e.data; });</script></body></html>", encoding="utf-8")
        dom = self._run("--window-size=1400,900", "--virtual-time-budget=5000", "--dump-dom",
                        frame.as_uri()).stdout
        found = re.search(r'<pre id="widths">(\d+) (\d+)</pre>', dom)
        if found is None:
            return True  # not measured: fail rather than pass unseen
        scroll, client = (int(number) for number in found.groups())
        return scroll > client


def _holds_scorecard(dom: str) -> bool:
    return "Sneeze It scorecard" in dom and dom.count('<svg class="trend"') >= 18


def _holds_review(dom: str) -> bool:
    return "Sneeze It weekly review" in dom and all(
        f'<section id="section-{number}">' in dom for number in range(1, 6))


if __name__ == "__main__":
    sys.exit(main())
