"""JSON Schemas of the events, generated from the models and committed as the contract.

`python -m contracts.schema_registry` rewrites `contracts/schemas/`. The tests fail when a
model drifts from its committed schema and — before that — when the drift would break a
consumer built against any schema ever committed (`contracts/schema_history.py`): topics
keep old events, and consumers of every version read them. The comparison follows
`$ref`s into `$defs`, `items` and `anyOf`, so a change deep inside an event counts too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from contracts.events import EVENT_TYPES
from contracts.schema_history import CommittedSchema

SCHEMA_DIR = Path(__file__).parent / "schemas"
Schema = dict[str, Any]
# Events carry ids, dates and amounts; a field whose name has one of these words holds personal data.
PERSONAL_WORDS = frozenset(
    {
        "name",
        "surname",
        "birth",
        "birthday",
        "address",
        "street",
        "postcode",
        "phone",
        "email",
        "health",
        "disability",
        "diagnosis",
        "iban",
    }
)


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


def incompatibilities(history: Iterable[CommittedSchema], generated: dict[str, Schema]) -> list[str]:
    """What in the generated schemas breaks any committed version of them, named by event type and commit."""
    problems: list[str] = []
    for version in history:
        new = generated.get(version.name)
        found = ["the event type is no longer generated"] if new is None else breaking_changes(version.schema, new)
        problems += [f"{version.name} (as committed in {version.commit}): {problem}" for problem in found]
    return problems


def breaking_changes(old: Schema, new: Schema) -> list[str]:
    """What in `new` would break a consumer of `old`, or a consumer of `new` reading old events.

    Allowed: new optional fields. Breaking: a removed field, a changed type or format, a field
    that became required, a changed set of enum values — at any depth.
    """
    return _Comparison(old, new).compare(old, new, "")


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self._roots = (old_root, new_root)
        self._seen: set[tuple[int, int]] = set()  # pairs already compared: recursive models end here

    def compare(self, old_node: Schema, new_node: Schema, path: str) -> list[str]:
        old, new = _resolve(old_node, self._roots[0]), _resolve(new_node, self._roots[1])
        if (id(old), id(new)) in self._seen:
            return []
        self._seen.add((id(old), id(new)))
        if _shape(old, self._roots[0]) != _shape(new, self._roots[1]):
            return [f"field '{path}' changed type"]
        return [*_enum_changes(old, new, path), *self._properties(old, new, path), *self._parts(old, new, path)]

    def _properties(self, old: Schema, new: Schema, path: str) -> list[str]:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        problems = [f"field '{_join(path, f)}' was removed" for f in sorted(old_props.keys() - new_props.keys())]
        for field in sorted(old_props.keys() & new_props.keys()):
            problems += self.compare(old_props[field], new_props[field], _join(path, field))
        required = set(new.get("required", [])) - set(old.get("required", []))
        return problems + [f"field '{_join(path, f)}' became required" for f in sorted(required)]

    def _parts(self, old: Schema, new: Schema, path: str) -> list[str]:
        problems: list[str] = []
        for key, suffix in (("items", "[]"), ("additionalProperties", "{}")):
            if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
                problems += self.compare(old[key], new[key], path + suffix)
        for key in ("anyOf", "oneOf", "allOf"):
            # Same shapes (checked above): pair the alternatives by shape and look inside each pair.
            pairs = zip(self._by_shape(old.get(key, []), 0), self._by_shape(new.get(key, []), 1), strict=True)
            for old_alt, new_alt in pairs:
                problems += self.compare(old_alt, new_alt, path)
        return problems

    def _by_shape(self, alternatives: list[Schema], side: int) -> list[Schema]:
        return sorted(alternatives, key=lambda alt: str(_shape(_resolve(alt, self._roots[side]), self._roots[side])))


def _resolve(node: Schema, root: Schema) -> Schema:
    """Follow local `$ref`s (`#/$defs/Name`) to the schema they name."""
    seen: set[str] = set()
    while "$ref" in node and node["$ref"] not in seen:
        seen.add(node["$ref"])
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _shape(node: Schema, root: Schema) -> Any:
    """What a consumer relies on at this level: type, format, const, and the alternatives' shapes."""
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            return key, sorted(str(_shape(_resolve(alt, root), root)) for alt in node[key])
    kind = node.get("type")
    return (
        sorted(kind) if isinstance(kind, list) else kind,
        node.get("format"),
        json.dumps(node.get("const")),
        "enum" in node,
    )


def _enum_changes(old: Schema, new: Schema, path: str) -> list[str]:
    if "enum" not in old:
        return []
    added = [v for v in new["enum"] if v not in old["enum"]]
    removed = [v for v in old["enum"] if v not in new["enum"]]
    changes = [f"{what} {values}" for what, values in (("added", added), ("removed", removed)) if values]
    return [f"field '{path}' changed its values: {', '.join(changes)}"] if changes else []


def _join(path: str, field: str) -> str:
    return f"{path}.{field}" if path else field


def personal_fields(schema: Schema) -> list[str]:
    """Where in `schema` (at any depth, `$defs` included) a field's name says it holds personal data."""
    found: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.extend(f"{where}/properties/{name}" for name in properties if _personal(name))
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema, "#")
    return found


def _personal(field: str) -> bool:
    words = re.split(r"[_\W]+|(?<=[a-z])(?=[A-Z])", field)
    return not PERSONAL_WORDS.isdisjoint(word.lower() for word in words)


if __name__ == "__main__":
    for written in write_all():
        print(written)
