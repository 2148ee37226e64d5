"""Read the rule tables from their YAML files into the engine's rules, refusing anything doubtful.

Every scalar is read as the text the reviewer wrote (YAML's base loader: no floats, no implicit dates), so
money becomes an exact Decimal and a date is only ever YYYY-MM-DD. A value is valid from its start to the
day before the next start, or to its explicit `valid_to` (for figures that stop, such as a year's amounts
or a transitional provision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from services.benefits.domain.rules.catalogue import PROVISIONS, RuleTables
from services.benefits.domain.rules.figure import Figure, Provision, Rule
from services.benefits.domain.rules.table_values import BadTableValue, TableValue

SHIPPED = Path(__file__).parent
"""The reviewed tables shipped with the service."""

HEADER = frozenset({"title", "description", "unit", "values"})
ENTRY = frozenset({"value", "reference", "note", "valid_to"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RuleTableError(Exception):
    """A rule table the engine must not start with."""


class _StrictLoader(yaml.BaseLoader):
    """Scalars stay text; a key written twice is refused instead of silently taking the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"{key!r} is written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class _Entry:
    start: date
    explicit_end: date | None
    value: Any
    reference: str
    note: str


def load_rule_tables(directory: Path = SHIPPED) -> RuleTables:
    """Every provision's table from `directory`; raises RuleTableError naming the file and the value."""
    files = {path.stem: path for path in directory.glob("*.yaml")}
    unknown = sorted(set(files) - {provision.key for provision in PROVISIONS})
    if unknown:
        raise RuleTableError(f"{files[unknown[0]]}: no provision of the engine is called {unknown[0]!r}")
    return RuleTables({provision.key: _rule(provision, directory, files) for provision in PROVISIONS})


def _rule(provision: Provision[Any], directory: Path, files: dict[str, Path]) -> Rule[Any]:
    path = files.get(provision.key)
    if path is None:
        raise RuleTableError(f"{directory / provision.key}.yaml: missing, the engine needs {provision.name}")
    entries = _entries(path, _document(path))
    return Rule(provision.name, tuple(_figures(path, provision, entries)))


def _document(path: Path) -> dict[str, Any]:
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # text scalars only
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}: " if exc.problem_mark else ""
        raise RuleTableError(f"{path}: not a readable table: {line}{exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise RuleTableError(f"{path}: not a readable table: {exc}") from exc
    if not isinstance(document, dict):
        raise RuleTableError(f"{path}: expected the fields {', '.join(sorted(HEADER))}")
    unknown, missing = set(document) - HEADER, {"title", "unit", "values"} - set(document)
    if unknown or missing:
        raise RuleTableError(
            f"{path}: unknown {sorted(unknown)}, missing {sorted(missing)} (expected {sorted(HEADER)})"
        )
    return document


def _date(path: Path, where: str, text: object) -> date:
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise RuleTableError(f"{path}: {where}: {text!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise RuleTableError(f"{path}: {where}: {text!r} is not a date ({exc})") from None


def _text(path: Path, where: str, entry: dict[str, Any], field: str) -> str:
    text = entry.get(field)
    if not isinstance(text, str) or not text.strip():
        raise RuleTableError(f"{path}: {where}: {field} is missing; every value names its {field}")
    return text.strip()


def _entry(path: Path, start_text: object, entry: object) -> _Entry:
    start = _date(path, "values", start_text)
    where = f"value from {start}"
    if not isinstance(entry, dict) or "value" not in entry:
        raise RuleTableError(f"{path}: {where}: expected value, reference and note")
    if unknown := sorted(set(entry) - ENTRY):
        raise RuleTableError(f"{path}: {where}: unknown field(s) {', '.join(unknown)} (expected {sorted(ENTRY)})")
    end = _date(path, f"{where}: valid_to", entry["valid_to"]) if "valid_to" in entry else None
    if end is not None and end < start:
        raise RuleTableError(f"{path}: {where}: valid_to {end} lies before the start")
    reference, note = _text(path, where, entry, "reference"), _text(path, where, entry, "note")
    return _Entry(start, end, entry["value"], reference, note)


def _entries(path: Path, document: dict[str, Any]) -> list[_Entry]:
    values = document["values"]
    if not isinstance(values, dict) or not values:
        raise RuleTableError(f"{path}: values: expected one or more values, each under its start date")
    entries = sorted((_entry(path, start, entry) for start, entry in values.items()), key=lambda e: e.start)
    for earlier, later in pairwise(entries):
        if earlier.explicit_end is not None and earlier.explicit_end >= later.start:
            raise RuleTableError(
                f"{path}: value from {earlier.start} (valid_to {earlier.explicit_end}) overlaps "
                f"the value from {later.start}"
            )
    return entries


def _figures(path: Path, provision: Provision[Any], entries: list[_Entry]) -> list[Figure[Any]]:
    figures = []
    for index, entry in enumerate(entries):
        implied = entries[index + 1].start - timedelta(days=1) if index + 1 < len(entries) else None
        try:
            value = provision.decode(TableValue(entry.value))
        except BadTableValue as exc:
            raise RuleTableError(f"{path}: value from {entry.start}: {exc}") from None
        end = entry.explicit_end or implied
        figures.append(Figure(value, entry.start, end, entry.reference, entry.note))
    return figures
