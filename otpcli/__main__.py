from __future__ import annotations

from otpcli.cli import main

main()
