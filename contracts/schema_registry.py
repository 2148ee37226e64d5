"""JSON Schemas of the events, generated from the models and committed as the contract.

`python -m contracts.schema_registry` rewrites `contracts/schemas/`. The tests fail
when a model drifts from its committed schema, and — before that — when the drift
would break a consumer that was built against the committed schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contracts.events import EVENT_TYPES

SCHEMA_DIR = Path(__file__).parent / "schemas"
Schema = dict[str, Any]


def generate() -> dict[str, Schema]:
    return {name: model.model_json_schema(mode="serialization") for name, model in EVENT_TYPES.items()}


def committed() -> dict[str, Schema]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(SCHEMA_DIR.glob("*.json"))}


def write_all() -> list[Path]:
    SCHEMA_DIR.mkdir(exist_ok=True)
    paths = []
    for name, schema in generate().items():
        path = SCHEMA_DIR / f"{name}.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
        paths.append(path)
    return paths


def breaking_changes(old: Schema, new: Schema) -> list[str]:
    """What in `new` would break a consumer of `old` (only additive changes are allowed)."""
    problems: list[str] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for field in old_props.keys() - new_props.keys():
        problems.append(f"field '{field}' was removed")
    for field in old_props.keys() & new_props.keys():
        if _shape(old_props[field]) != _shape(new_props[field]):
            problems.append(f"field '{field}' changed type")
    for field in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"field '{field}' became required")
    return problems


def _shape(prop: Schema) -> Any:
    """The part of a property that a consumer depends on: its type and format."""
    if "anyOf" in prop:
        return sorted((_shape(p) for p in prop["anyOf"]), key=str)
    return (prop.get("type"), prop.get("format"), prop.get("$ref"), json.dumps(prop.get("items"), sort_keys=True))


if __name__ == "__main__":
    for written in write_all():
        print(written)
