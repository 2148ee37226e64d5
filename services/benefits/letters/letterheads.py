"""The offices' letterheads, from `services/benefits/data/letterheads.json` (sources in its `_source`).

Loaded once in the composition root; a malformed file, a duplicate office or an objection office that has
no letterhead refuses the start with a message naming the file and the entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from services.benefits.domain.letters import Letterhead

LETTERHEADS_FILE = Path(__file__).resolve().parent.parent / "data" / "letterheads.json"
NOT_PRINTED = {"assumed"}  # which values of an entry are invented for the demo


class LetterheadError(ValueError):
    pass


@dataclass(frozen=True)
class Letterheads:
    by_office: dict[str, Letterhead]

    @classmethod
    def load(cls, path: Path = LETTERHEADS_FILE) -> Letterheads:
        entries = json.loads(path.read_text(encoding="utf-8"))["letterheads"]
        by_office: dict[str, Letterhead] = {}
        for entry in entries:
            head = _letterhead(path, entry)
            if head.office_id in by_office:
                raise LetterheadError(f"{path}: office {head.office_id!r} has two letterheads")
            by_office[head.office_id] = head
        for head in by_office.values():
            if head.objections_to not in by_office:
                raise LetterheadError(
                    f"{path}: {head.office_id}.objections_to {head.objections_to!r} has no letterhead"
                )
        return cls(by_office)

    def of(self, office_id: str) -> Letterhead:
        """The office's letterhead; a stored decision of an office without one is a gap in the data file."""
        try:
            return self.by_office[office_id]
        except KeyError:
            raise LookupError(f"{LETTERHEADS_FILE.name} has no letterhead for office {office_id!r}") from None

    def objections_for(self, office_id: str) -> Letterhead:
        return self.by_office[self.of(office_id).objections_to]


def _letterhead(path: Path, entry: dict[str, Any]) -> Letterhead:
    names = {field.name for field in fields(Letterhead)}
    values = {key: value for key, value in entry.items() if key not in NOT_PRINTED}
    missing, unknown = names - values.keys(), values.keys() - names
    empty = [key for key, value in values.items() if not isinstance(value, str) or not value.strip()]
    if missing or unknown or empty:
        office = entry.get("office_id", "?")
        raise LetterheadError(
            f"{path}: letterhead {office!r}: "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}, empty {sorted(empty)}"
        )
    return Letterhead(**values)
