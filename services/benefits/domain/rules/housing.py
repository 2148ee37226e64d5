"""Housing-cost rules (§ 22 Abs. 1 SGB II) before and after the 2026-07-01 reform."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue

GRACE_PERIOD_SOURCE = "§ 22 Abs. 1 S. 2–3 SGB II"
"""Karenzzeit: actual rent in the first year of benefits (heating is never covered by it)."""


@dataclass(frozen=True)
class HousingRegime:
    """How far rent above the appropriate rent is accepted in a given period of the law."""

    cap_factor: Decimal | None  # None: no ceiling, the actual rent counts in the Karenzzeit
    cap_source: str
    exception_source: str  # discretionary higher rent in the Karenzzeit despite the ceiling
    cost_reduction_source: str  # excess accepted while lowering the costs, as a rule up to six months


def _regime(value: TableValue) -> HousingRegime:
    fields = value.fields("cap_factor", "cap_source", "exception_source", "cost_reduction_source")
    cap = fields["cap_factor"]
    return HousingRegime(
        None if cap.is_none() else cap.decimal(),
        fields["cap_source"].text(),
        fields["exception_source"].text(),
        fields["cost_reduction_source"].text(),
    )


HOUSING_REGIME: Provision[HousingRegime] = Provision(
    "housing_regime", "housing_costs.grace_period (§ 22 Abs. 1)", _regime
)

GRACE_PERIOD_MONTHS: Provision[int] = Provision(
    "grace_period_months", "housing_costs.grace_period_months (§ 22 Abs. 1 S. 2)", TableValue.integer
)
