"""``otp schema``: write the JSON Schema files editors and validators use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from otpcli.console import error_line, write_stdout
from otpcli.errors import ExitCode


def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory to write the schema files into.")
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models."),
    ] = False,
) -> None:
    """Write JSON Schema files for otp.yaml and seat files (schemas/*.schema.json)."""
    from otpcli.org.schema import schema_files, write_schemas

    if check:
        stale = [
            name for name, text in schema_files().items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            error_line(f"{out / name} differs from the models; run `otp schema --out {out}`")
        if stale:
            raise typer.Exit(int(ExitCode.FAILED))
        write_stdout(f"{out}: schemas match the models")
        return
    for path in write_schemas(out):
        write_stdout(f"wrote {path}")
