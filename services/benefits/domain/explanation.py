"""Line items that answer a clerk's "why this amount?"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class ItemKind(StrEnum):
    STANDARD_NEED = "standard_need"
    ADDITIONAL_NEED = "additional_need"
    ADDITIONAL_NEED_CAP = "additional_need.cap"
    RENT = "housing_costs.rent"
    HEATING = "housing_costs.heating"
    NEED = "need"
    EARNED_INCOME_NET = "earned_income.net"
    EARNED_INCOME_ALLOWANCE = "earned_income_allowance"
    OTHER_INCOME = "other_income"
    CHILD_BENEFIT = "child_benefit"
    CHILD_BENEFIT_SURPLUS = "child_benefit.surplus"
    COUNTED_INCOME = "counted_income"
    REMAINING_NEED = "remaining_need"
    UNCOVERED_NEED = "uncovered_need"
    ENTITLEMENT = "entitlement"
    CHILD_SUPPLEMENT = "child_supplement"


@dataclass(frozen=True)
class LineItem:
    """One step of the computation; `person_id` None means the whole household."""

    person_id: str | None
    kind: ItemKind
    amount: Decimal
    paragraph: str
    note: str = ""
