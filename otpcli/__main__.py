from __future__ import annotations

from otpcli.entry import main

main()
