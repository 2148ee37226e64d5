"""The committed JSON Schema of the import format: `python -m services.intake.imports.schema` rewrites it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.intake.imports.format import FORMAT_VERSION, LegacyRecord

SCHEMA_FILE = Path(__file__).parent / "legacy_record.v1.schema.json"


def schema() -> dict[str, Any]:
    generated = LegacyRecord.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "version": FORMAT_VERSION, **generated}


def rendered() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(rendered(), encoding="utf-8")
