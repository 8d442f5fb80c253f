"""The `otp` console script: answers `otp --version` before importing anything heavy."""

from __future__ import annotations

import os
import sys
from typing import Any


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from otpcli import __version__

        sys.stdout.write(f"otp {__version__}\n")  # what `otp --version` prints via typer
        return
    if not os.environ.get("OTP_DEBUG"):
        # Errors Python can only ignore (a destructor of a half-made object, after Ctrl-C)
        # would print a traceback; they change nothing, so they print nothing.
        sys.unraisablehook = _ignore
    try:
        from otpcli.cli import main as run

        run()
    except KeyboardInterrupt:  # before or after a command runs (inside one, cli.py handles it)
        sys.stderr.write("otp: interrupted\n")
        sys.exit(130)
    finally:
        # The command is done (or reported); a Ctrl-C while Python shuts down would only print
        # a traceback from its threading module.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ignore(unraisable: Any) -> None:
    """``sys.unraisablehook`` that stays quiet."""
