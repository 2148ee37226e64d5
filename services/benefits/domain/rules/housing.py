"""Housing-cost rules (§ 22 Abs. 1 SGB II) before and after the 2026-07-01 reform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.rules.calendar import BUERGERGELD_2023, REFORM_2026
from services.benefits.domain.rules.figure import Figure, Rule

GRACE_PERIOD_SOURCE = "§ 22 Abs. 1 S. 2–3 SGB II"
"""Karenzzeit: actual rent in the first year of benefits (heating is never covered by it)."""


@dataclass(frozen=True)
class HousingRegime:
    """How far rent above the appropriate rent is accepted in a given period of the law."""

    cap_factor: Decimal | None  # None: no ceiling, the actual rent counts in the Karenzzeit
    cap_source: str
    exception_source: str  # discretionary higher rent in the Karenzzeit despite the ceiling
    cost_reduction_source: str  # excess accepted while lowering the costs, as a rule up to six months


HOUSING_REGIME: Rule[HousingRegime] = Rule(
    "housing_costs.grace_period (§ 22 Abs. 1)",
    (
        Figure(
            HousingRegime(None, "", "", "§ 22 Abs. 1 S. 7 SGB II a.F."),
            BUERGERGELD_2023,
            date(2026, 6, 30),
            "§ 22 Abs. 1 SGB II i.d.F. Bürgergeld-Gesetz",
        ),
        Figure(
            HousingRegime(
                Decimal("1.5"),
                "§ 22 Abs. 1 S. 6 SGB II",
                "§ 22 Abs. 1 S. 7 SGB II",
                "§ 22 Abs. 1 S. 9 SGB II",
            ),
            REFORM_2026,
            None,
            "§ 22 Abs. 1 SGB II i.d.F. 13. SGB II-ÄndG",
        ),
    ),
)
