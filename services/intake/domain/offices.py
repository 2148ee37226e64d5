"""Which office serves a residence: clients belong to the office of their postcode."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Office:
    office_id: str
    district: str
    name: str
    kind: str  # office (Geschäftsstelle) or branch_office (Außenstelle)
    postcodes: frozenset[str]


class OfficeDirectory:
    timezone = ZoneInfo("Europe/Berlin")  # the offices' calendar: business dates are local

    def __init__(self, offices: Iterable[Office]) -> None:
        self.offices = {o.office_id: o for o in offices}
        self._by_postcode = {pc: o for o in self.offices.values() for pc in o.postcodes}

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> OfficeDirectory:
        rows = data["offices"]
        assert isinstance(rows, list)
        return cls(Office(r["office_id"], r["district"], r["name"], r["kind"], frozenset(r["postcodes"])) for r in rows)

    def for_postcode(self, postcode: str) -> Office | None:
        return self._by_postcode.get(postcode)
