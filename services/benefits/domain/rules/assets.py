"""Asset rules (§ 12 SGB II) before and after the 2026-07-01 reform.

Which version applies is looked up by the START OF THE APPROVAL PERIOD, not by the month computed:
§ 65a Abs. 1 n.F. keeps § 12 a.F. for approval periods that began before 2026-07-01. So a table's
`valid_to` of 2026-06-30 means "for periods that began by then".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.money import euros
from services.benefits.domain.rules.calendar import BUERGERGELD_2023, REFORM_2026
from services.benefits.domain.rules.figure import Figure, Rule

LAST_DAY_OLD_LAW = date(2026, 6, 30)

TRANSITION_SOURCE = "§ 65a Abs. 1 SGB II"
"""For approval periods that began before 2026-07-01, § 12 as in force until 2026-06-30 applies."""


@dataclass(frozen=True)
class AgeAllowance:
    """`amount` for each person from the start of the month in which they reach `from_age`."""

    from_age: int
    amount: Decimal


ASSET_ALLOWANCE: Rule[tuple[AgeAllowance, ...]] = Rule(
    "assets.allowance_per_person (§ 12 Abs. 2)",
    (
        Figure(
            (AgeAllowance(0, euros(15000)),),
            BUERGERGELD_2023,
            LAST_DAY_OLD_LAW,
            "§ 12 Abs. 2 S. 1 SGB II a.F.",
        ),
        Figure(
            # "bis zur Vollendung des 30. Lebensjahres" 5,000; "ab dem 31. Lebensjahr" (it begins on the 30th
            # birthday) 10,000; from the 41st 12,500; from the 51st 20,000 — each from the start of the month
            # of that birthday (S. 2).
            (
                AgeAllowance(0, euros(5000)),
                AgeAllowance(30, euros(10000)),
                AgeAllowance(40, euros(12500)),
                AgeAllowance(50, euros(20000)),
            ),
            REFORM_2026,
            None,
            "§ 12 Abs. 2 S. 1–2 SGB II",
        ),
    ),
)

ASSET_GRACE_PERIOD_MONTHS: Rule[int] = Rule(
    "assets.grace_period_months (§ 12 Abs. 3)",
    (
        Figure(12, BUERGERGELD_2023, LAST_DAY_OLD_LAW, "§ 12 Abs. 3 S. 1 SGB II a.F."),
        Figure(0, REFORM_2026, None, "§ 12 SGB II (no Karenzzeit for assets since 2026-07-01)"),
    ),
)


@dataclass(frozen=True)
class ConsiderableAssets:
    """§ 12 Abs. 4 S. 1 a.F.: in the Karenzzeit only assets above these amounts count, and then they are the
    allowances instead of Abs. 2's (S. 4); unused amounts pass between members (Hs. 2 with Abs. 2 S. 2)."""

    applicant: Decimal
    per_further_member: Decimal


CONSIDERABLE_ASSETS: Rule[ConsiderableAssets] = Rule(
    "assets.considerable (§ 12 Abs. 4)",
    (
        Figure(
            ConsiderableAssets(euros(40000), euros(15000)),
            BUERGERGELD_2023,
            LAST_DAY_OLD_LAW,
            "§ 12 Abs. 4 S. 1 SGB II a.F.",
        ),
    ),
)


@dataclass(frozen=True)
class HomeLimits:
    """An owner-occupied home is exempt up to these living areas (m²), more for larger households."""

    house: int
    flat: int
    occupants_included: int
    per_further_occupant: int


OWN_HOME: Rule[HomeLimits] = Rule(
    "assets.own_home (§ 12 Abs. 1 S. 2 Nr. 5)",
    (Figure(HomeLimits(140, 130, 4, 20), BUERGERGELD_2023, None, "§ 12 Abs. 1 S. 2 Nr. 5 SGB II"),),
)

HOME_IN_GRACE_PERIOD: Rule[str] = Rule(
    # Which Karenzzeit frees the home whatever its size: before the reform the asset Karenzzeit (the
    # considerable-assets test leaves the home out, § 12 Abs. 4 S. 2 a.F.), after it the housing one.
    "assets.own_home_in_grace_period (§ 12)",
    (
        Figure("assets", BUERGERGELD_2023, LAST_DAY_OLD_LAW, "§ 12 Abs. 4 S. 2 SGB II a.F."),
        Figure("housing", REFORM_2026, None, "§ 12 Abs. 1 S. 3 SGB II i.V.m. § 22 Abs. 1 S. 2"),
    ),
)

ALLOWANCE_TRANSFER: Rule[bool] = Rule(
    # Unused allowances of the other members pass to a member whose assets exceed their own.
    "assets.allowance_transfer (§ 12 Abs. 2)",
    (
        Figure(True, BUERGERGELD_2023, LAST_DAY_OLD_LAW, "§ 12 Abs. 2 S. 2 SGB II a.F."),
        Figure(True, REFORM_2026, None, "§ 12 Abs. 2 S. 3 SGB II"),
    ),
)
