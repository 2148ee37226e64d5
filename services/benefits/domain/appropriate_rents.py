"""The appropriate rent of a district by household size and date, and the month a move makes it count. No I/O.

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
        return cls(
            {
                district: [
                    RentLimits(
                        date.fromisoformat(r["valid_from"]),
                        r["reference"],
                        {int(k): Decimal(v) for k, v in r["by_household_size"].items()},
                        Decimal(r["further_person"]),
                    )
                    for r in rows
                ]
                for district, rows in data["districts"].items()
            }
        )


def move_month(moved_on: date) -> date:
    """The first month the new district's figure counts: the month of the move (§ 41 Abs. 1 S. 1 SGB II)."""
    return moved_on.replace(day=1)
