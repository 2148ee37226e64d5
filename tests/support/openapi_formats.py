"""Whether a reply's value meets what the service's own OpenAPI document declares for it (formats included)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from fastapi import FastAPI

# RFC 3339 `full-time`, which JSON Schema's `time` format means: an offset is part of it.
FULL_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE)


def declared(app: FastAPI, schema: str, *path: str) -> dict[str, Any]:
    """The schema of a property of a component, e.g. ("VacancyOut", "daily_start")."""
    components = app.openapi()["components"]["schemas"]
    node: dict[str, Any] = components[schema]
    for name in path:
        node = node["properties"][name]
        while "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[-1]]
    return node


def conforms(node: dict[str, Any], value: Any) -> bool:
    if "anyOf" in node:
        return any(conforms(option, value) for option in node["anyOf"])
    if node.get("type") == "null":
        return value is None
    if not isinstance(value, str):
        return node.get("type") != "string"
    if node.get("format") == "date-time":
        return _aware(value)
    if node.get("format") == "time" and not FULL_TIME.match(value):
        return False
    return "pattern" not in node or re.search(node["pattern"], value) is not None


def _aware(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
