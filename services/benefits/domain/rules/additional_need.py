"""Mehrbedarf percentages (§ 21 SGB II), unchanged by the 2026 reform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.calendar import BUERGERGELD_2023
from services.benefits.domain.rules.figure import Figure, Rule
from services.benefits.domain.rules.standard_need import Level


@dataclass(frozen=True)
class SingleParentRates:
    """§ 21 Abs. 3: 36 % (Nr. 1) or 12 % per child (Nr. 2) when that is more, at most 60 %."""

    basic_percent: Decimal
    per_child_percent: Decimal
    max_percent: Decimal
    basic_child_age_limit: int  # one child under 7 ...
    basic_siblings_age_limit: int  # ... or two or three children under 16


PREGNANCY: Rule[Decimal] = Rule(
    "additional_need.pregnancy", (Figure(Decimal(17), BUERGERGELD_2023, None, "§ 21 Abs. 2 SGB II"),)
)

SINGLE_PARENT: Rule[SingleParentRates] = Rule(
    "additional_need.single_parent",
    (
        Figure(
            SingleParentRates(Decimal(36), Decimal(12), Decimal(60), 7, 16),
            BUERGERGELD_2023,
            None,
            "§ 21 Abs. 3 SGB II",
        ),
    ),
)

DISABILITY: Rule[Decimal] = Rule(
    "additional_need.disability", (Figure(Decimal(35), BUERGERGELD_2023, None, "§ 21 Abs. 4 SGB II"),)
)

HOT_WATER: Rule[Mapping[Level, Decimal]] = Rule(
    "additional_need.hot_water",
    (
        Figure(
            {
                Level.SINGLE: Decimal("2.3"),
                Level.PARTNER: Decimal("2.3"),
                Level.OTHER_ADULT: Decimal("2.3"),
                Level.AGE_14_TO_17: Decimal("1.4"),
                Level.AGE_6_TO_13: Decimal("1.2"),
                Level.AGE_0_TO_5: Decimal("0.8"),
            },
            BUERGERGELD_2023,
            None,
            "§ 21 Abs. 7 S. 2 SGB II",
        ),
    ),
)

CAP_SOURCE = "§ 21 Abs. 8 SGB II"
"""Abs. 2–5 together never exceed the person's Regelbedarf; the hot water of Abs. 7 is outside the cap."""
