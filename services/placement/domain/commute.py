"""Travel minutes between the demo district's towns, read from data. No I/O here.

The client's residence stays in intake (personal data); placement knows the office that
serves the client, so a commute runs from the office's town to the vacancy's postcode.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CommuteTable:
    office_towns: Mapping[str, str]  # office id → town id
    postcode_towns: Mapping[str, str]  # postcode → town id
    travel_minutes: Mapping[frozenset[str], int]  # {town, town} → minutes; {town} → within the town

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CommuteTable:
        postcodes = {pc: town for town, codes in data["town_postcodes"].items() for pc in codes}
        minutes = {frozenset((a, b)): int(m) for a, b, m in data["travel_minutes"]}
        table = cls(dict(data["office_towns"]), postcodes, minutes)
        table.check()
        return table

    def check(self) -> None:
        """Data errors fail at start-up, not as a strange match later."""
        towns = set(self.postcode_towns.values())
        unknown = (set(self.office_towns.values()) | {t for pair in self.travel_minutes for t in pair}) - towns
        if unknown:
            raise ValueError(f"commute data names towns without postcodes: {sorted(unknown)}")
        if any(m < 0 for m in self.travel_minutes.values()):
            raise ValueError("commute data has negative travel minutes")

    def minutes(self, office_id: str, postcode: str) -> int | None:
        origin = self.office_towns.get(office_id)
        destination = self.postcode_towns.get(postcode)
        if origin is None or destination is None:
            return None
        return self.travel_minutes.get(frozenset((origin, destination)))
