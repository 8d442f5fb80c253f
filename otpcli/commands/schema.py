"""``otp schema``: write the JSON Schema files editors and validators use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from otpcli.console import error_line, global_options, write_stdout
from otpcli.errors import ExitCode


def schema(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", show_default=False,
                     help="Directory to write the schema files into (default: schemas/ at the "
                          "org root)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models."),
    ] = False,
) -> None:
    """Write JSON Schema files for otp.yaml and seat files (schemas/*.schema.json)."""
    from otpcli.errors import OtpError
    from otpcli.org.init import SCHEMAS_DIR
    from otpcli.org.load import find_root
    from otpcli.org.schema import schema_files, write_schemas

    if out is None:
        try:
            out = find_root(global_options(ctx).repo) / SCHEMAS_DIR
        except OtpError:  # outside an org: next to where it runs, as `otp init` will place it
            out = Path(SCHEMAS_DIR)
    if check:
        stale = []
        for name, text in schema_files().items():
            path = out / name
            if not path.is_file():
                error_line(f"{path} is missing; run `otp schema --out {out}` to write it")
            elif path.read_text(encoding="utf-8") != text:
                error_line(f"{path} differs from the models; run `otp schema --out {out}`")
            else:
                continue
            stale.append(name)
        if stale:
            raise typer.Exit(int(ExitCode.FAILED))
        write_stdout(f"{out}: schemas match the models")
        return
    for path in write_schemas(out):
        write_stdout(f"wrote {path}")
