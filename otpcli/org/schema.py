"""JSON Schema for the org files, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from otpcli.fileio import write_text_atomic
from otpcli.org.model import OrgConfig, Seat

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SEAT_SCHEMA = "seat.schema.json"
CONFIG_SCHEMA = "otp.schema.json"


def _schema(model: type[Seat] | type[OrgConfig], title: str, description: str) -> dict[str, Any]:
    generated = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "description": description,
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


def schema_files() -> dict[str, str]:
    """File name -> JSON text, exactly as ``otp schema`` writes it."""
    schemas = {
        SEAT_SCHEMA: _schema(Seat, "otp seat", "One seat of an org: seats/<seat-id>.yaml."),
        CONFIG_SCHEMA: _schema(OrgConfig, "otp org", "The org's settings: otp.yaml."),
    }
    return {name: json.dumps(body, indent=2) + "\n" for name, body in schemas.items()}


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = directory / name
        write_text_atomic(path, text)
        written.append(path)
    return written
