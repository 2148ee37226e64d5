"""The appropriate rent of a district by household size and date, and the month a move makes it count. No I/O.

The figures: where the district's schlüssiges Konzept is not at hand, the WoGG Höchstbetrag (§ 12 Abs. 1 WoGG,
Anlage 1) of the Mietenstufe plus a 10 % safety margin, as the Federal Social Court applies it without one
(BSG 22.03.2012 – B 4 AS 16/11 R; 12.12.2013 – B 4 AS 87/12 R); data/appropriate_rents.json says for each
district where its Mietenstufe was read, or that it was not.

Appropriateness is local: the district (kommunaler Träger) sets what rent is appropriate for its area
(§ 22 Abs. 1 S. 1, § 22a–22c SGB II), so after a move into another district the new district's figure is the
one the costs are measured by (§ 22 Abs. 4 S. 2: the carrier "für die neue Unterkunft örtlich zuständig"; S. 3:
costs above it count only with that carrier's prior written assurance).

From which month: the entitlement exists for each calendar day (§ 41 Abs. 1 S. 1 SGB II), so the new flat's
costs — and the district that judges them — count from the day of the move, in the move month itself, not
from the month after. The engine decides whole months: the change decision takes effect from the move month
(`effective_month`). Splitting the move month by days (§ 41 Abs. 1 S. 3) between the two flats is left to the
clerk, who enters the new flat's costs from the rental contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

CENT = Decimal("0.01")


@dataclass(frozen=True)
class RentLimits:
    valid_from: date
    reference: str
    by_household_size: Mapping[int, Decimal]
    further_person: Decimal

    def for_size(self, size: int) -> Decimal:
        largest = max(self.by_household_size)
        if size <= largest:
            return self.by_household_size[max(1, size)]
        return self.by_household_size[largest] + (size - largest) * self.further_person


class AppropriateRents:
    def __init__(self, districts: Mapping[str, list[RentLimits]]) -> None:
        self._districts = {d: sorted(limits, key=lambda x: x.valid_from) for d, limits in districts.items()}

    def limits_on(self, district: str, day: date) -> RentLimits | None:
        """The district's limits valid on `day`; None for an unknown district or a day before its first."""
        valid = [x for x in self._districts.get(district, []) if x.valid_from <= day]
        return valid[-1] if valid else None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AppropriateRents:
        """Each district's limits derived from the WoGG table and its Mietenstufe (data/appropriate_rents.json)."""
        margin = Decimal(data["rule"]["safety_margin"])
        tables = sorted(((date.fromisoformat(t["valid_from"]), t) for t in data["wogg_maximums"]), key=lambda x: x[0])
        districts: dict[str, list[RentLimits]] = {}
        for district, entry in data["districts"].items():
            stufen = sorted(
                ((date.fromisoformat(s["valid_from"]), s) for s in entry["mietenstufen"]), key=lambda x: x[0]
            )
            districts[district] = [
                wogg_fallback(day, stufe, table, margin, data["rule"]["reference"])
                for day in _changes(stufen, tables)
                if (stufe := _valid(stufen, day)) is not None and (table := _valid(tables, day)) is not None
            ]
        return cls(districts)


def wogg_fallback(
    day: date, stufe: Mapping[str, Any], table: Mapping[str, Any], margin: Decimal, rule: str
) -> RentLimits:
    """The WoGG Höchstbetrag of the Mietenstufe plus the safety margin, by household size (§ 12 Abs. 1 WoGG)."""
    row = table["by_mietenstufe"][stufe["mietenstufe"]]
    factor = 1 + margin
    sizes = {int(k): (Decimal(v) * factor).quantize(CENT) for k, v in row.items() if k != "further"}
    checked = "" if stufe.get("verified") else " (nicht an der geltenden WoGV-Anlage geprüft)"
    stufe_text = f"Mietenstufe {stufe['mietenstufe']}{checked}"
    reference = f"{table['reference']}, {stufe_text}, zzgl. {margin * 100:.0f} % ({rule})"
    return RentLimits(day, reference, sizes, (Decimal(row["further"]) * factor).quantize(CENT))


def _changes(*series: list[tuple[date, Any]]) -> list[date]:
    return sorted({day for entries in series for day, _ in entries})


def _valid(entries: list[tuple[date, Any]], day: date) -> Any | None:
    valid = [entry for since, entry in entries if since <= day]
    return valid[-1] if valid else None


def move_month(moved_on: date) -> date:
    """The first month the new district's figure counts: the month of the move (§ 41 Abs. 1 S. 1 SGB II)."""
    return moved_on.replace(day=1)
