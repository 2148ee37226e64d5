"""Reading import files: JSON Lines (one record per line) or CSV (one record per row), as raw records.

CSV columns are the records' field paths (`person.given_name`, `benefits.rent`); an empty cell is an absent
field; lists (`target_groups`, `obstacles`) are separated by `|`; appointments are
`starts_at;kind;duration_minutes;channel` entries (the last three optional) separated by `|`; the `household`
column holds the household block as one JSON object (members, housing and incomes do not fit columns). Each row
or line becomes one raw record, validated on its own: a broken line is refused alone, never the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

LISTS = frozenset({"target_groups", "obstacles"})
UNREADABLE = "unreadable"  # the key a line that is no JSON object carries, so the report can name it


def read_records(text: str, kind: str) -> Iterator[dict[str, Any]]:
    """`kind`: `jsonl` or `csv`."""
    return _jsonl(text) if kind == "jsonl" else _csv(text)


def kind_of(filename: str) -> str:
    return "csv" if filename.lower().endswith(".csv") else "jsonl"


def _jsonl(text: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield {UNREADABLE: f"line {number}: not JSON ({error.msg})"}
            continue
        yield record if isinstance(record, dict) else {UNREADABLE: f"line {number}: not a JSON object"}


def _csv(text: str) -> Iterator[dict[str, Any]]:
    for row in csv.DictReader(io.StringIO(text)):
        record: dict[str, Any] = {}
        for column, cell in row.items():
            if column is None or cell is None or not cell.strip():
                continue
            _put(record, column.strip().split("."), _cell(column.strip(), cell.strip()))
        yield record


def _cell(column: str, cell: str) -> Any:
    if column in LISTS:
        return [part.strip() for part in cell.split("|") if part.strip()]
    if column == "appointments":
        return [_appointment(part) for part in cell.split("|") if part.strip()]
    if column == "household":
        return _json_object(cell)
    if column == "consent":
        return cell.lower() in {"true", "ja", "yes", "1"} or cell
    return cell


def _json_object(cell: str) -> Any:
    """The cell as JSON; unreadable, it stays text, so the record is refused naming `household`."""
    try:
        return json.loads(cell)
    except json.JSONDecodeError:
        return cell


APPOINTMENT_PARTS = ("starts_at", "kind", "duration_minutes", "channel")


def _appointment(entry: str) -> dict[str, str]:
    parts = [part.strip() for part in entry.strip().split(";")]
    # Extra parts stay under a name of their own, so the record is refused for them instead of losing them.
    names = list(APPOINTMENT_PARTS) + [f"part_{n}" for n in range(len(APPOINTMENT_PARTS) + 1, len(parts) + 1)]
    return {name: part for name, part in zip(names, parts, strict=False) if part}


def _put(record: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        record = record.setdefault(part, {})
    record[path[-1]] = value
