"""The `otp` console script: answers `otp --version` before importing anything heavy."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from otpcli import __version__

        sys.stdout.write(f"otp {__version__}\n")  # what `otp --version` prints via typer
        return
    try:
        from otpcli.cli import main as run

        run()
    except KeyboardInterrupt:  # before or after a command runs (inside one, cli.py handles it)
        sys.stderr.write("otp: interrupted\n")
        sys.exit(130)
