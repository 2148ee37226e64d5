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
    RECEIPT = "income"  # income by kind as paid (unemployment benefit, pension, maintenance, …)
    RECEIPT_EXEMPT = "income.exempt"  # the part its kind keeps out of the count (Elterngeld, Mutterschaftsgeld)
    RECEIPT_DEDUCTION = "income.deduction"  # § 11b Abs. 1 deductions from it
    INSURANCE_ALLOWANCE = "income.insurance_allowance"  # the flat 30 EUR, § 6 Abs. 1 Nr. 1 Bürgergeld-V
    CHILD_BENEFIT = "child_benefit"
    CHILD_BENEFIT_SURPLUS = "child_benefit.surplus"
    COUNTED_INCOME = "counted_income"
    REMAINING_NEED = "remaining_need"
    UNCOVERED_NEED = "uncovered_need"
    ENTITLEMENT = "entitlement"
    CHILD_SUPPLEMENT = "child_supplement"
    ASSETS = "assets"  # all assets entered, and which § 12 applies
    ASSET_EXEMPT = "assets.exempt"  # not counted, and why (§ 12 Abs. 1 S. 2)
    ASSET_COUNTED = "assets.counted"
    ASSET_ALLOWANCE = "assets.allowance"  # § 12 Abs. 2 (or Abs. 4 a.F. in the Karenzzeit)
    ASSET_ALLOWANCE_TRANSFER = "assets.allowance.transferred"  # unused allowance passed on (§ 12 Abs. 2 S. 2)
    ASSET_EXCESS = "assets.excess"  # above the allowances: no entitlement until used up
    REDUCTION = "reduction"  # § 31a, § 32: a determined reduction of the person's claim
    REDUCTION_MINIMUM = "reduction.minimum"  # § 31a Abs. 4 S. 3: 1 Euro where only the reduction leaves nothing
    NOT_REACHABLE = "reduction.not_reachable"  # § 7b Abs. 4: no claim until the person reports in person
    REDUCED_ENTITLEMENT = "entitlement.reduced"  # the person's claim after the reductions


@dataclass(frozen=True, slots=True, init=False)
class LineItem:
    """One step of the computation; `person_id` None means the whole household."""

    person_id: str | None
    kind: ItemKind
    amount: Decimal
    paragraph: str
    note: str = ""

    # A household's computation makes dozens of these: a frozen dataclass's own __init__ goes through
    # object.__setattr__ per field, three times slower than setting the slots directly (still frozen after).
    def __init__(self, person_id: str | None, kind: ItemKind, amount: Decimal, paragraph: str, note: str = "") -> None:
        _set_person_id(self, person_id)
        _set_kind(self, kind)
        _set_amount(self, amount)
        _set_paragraph(self, paragraph)
        _set_note(self, note)


_set_person_id, _set_kind, _set_amount, _set_paragraph, _set_note = (
    LineItem.__dict__[name].__set__ for name in ("person_id", "kind", "amount", "paragraph", "note")
)
