"""Income deductions: earned income (§ 11b SGB II), the Minijob limit (§ 8 Abs. 1a SGB IV), the flat insurance
allowance (§ 6 Bürgergeld-V), training grants (§ 11b Abs. 2b) and Elterngeld (§ 10 BEEG)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.money import euros
from services.benefits.domain.rules.calendar import BUERGERGELD_2023, BUERGERGELD_STAGE_2, first_day, last_day
from services.benefits.domain.rules.figure import Figure, Rule


@dataclass(frozen=True)
class Band:
    """`percent` of the part of gross pay above `lower` and not above `upper`."""

    lower: Decimal
    upper: Decimal
    percent: Decimal


@dataclass(frozen=True)
class AllowanceBands:
    basic_amount: Decimal  # § 11b Abs. 2 S. 1, replaces Abs. 1 Nr. 3–5
    bands: tuple[Band, ...]  # § 11b Abs. 3 S. 2
    top_with_minor_child: Decimal  # § 11b Abs. 3 S. 3 (a.F.) / S. 3: 1,500 instead of 1,200


def _band(lower: int, upper: int, percent: int) -> Band:
    return Band(euros(lower), euros(upper), Decimal(percent))


EARNED_INCOME_ALLOWANCE: Rule[AllowanceBands] = Rule(
    "earned_income_allowance (§ 11b)",
    (
        Figure(
            AllowanceBands(euros(100), (_band(100, 1000, 20), _band(1000, 1200, 10)), euros(1500)),
            BUERGERGELD_2023,
            date(2023, 6, 30),
            "§ 11b Abs. 2, 3 SGB II i.d.F. bis 30.06.2023",
        ),
        Figure(
            AllowanceBands(euros(100), (_band(100, 520, 20), _band(520, 1000, 30), _band(1000, 1200, 10)), euros(1500)),
            BUERGERGELD_STAGE_2,
            None,
            "§ 11b Abs. 2, 3 SGB II",
        ),
    ),
)

TRAINEE_SKIPS_FIRST_BAND: Rule[bool] = Rule(
    "earned_income_allowance.under_25_trainee (§ 11b Abs. 2b)",
    # Abs. 3 S. 3: "In den Fällen des Absatzes 2b ist Satz 2 Nummer 1 nicht anzuwenden".
    (Figure(True, BUERGERGELD_STAGE_2, None, "§ 11b Abs. 2b, Abs. 3 S. 3 SGB II"),),
)


def _year(year: int, amount: int) -> Figure[Decimal]:
    return Figure(euros(amount), first_day(year), last_day(year), f"§ 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze {year})")


MINIJOB_LIMIT: Rule[Decimal] = Rule(
    "minijob_limit (§ 8 Abs. 1a SGB IV)",
    (_year(2023, 520), _year(2024, 538), _year(2025, 556), _year(2026, 603)),
)


INSURANCE_ALLOWANCE: Rule[Decimal] = Rule(
    # § 11b Abs. 1 S. 1 Nr. 3 SGB II as a flat amount for adults; the basic amount of Abs. 2 (or 2b) replaces
    # it for a person with earned income, so it comes off their other income only without pay that month.
    "other_income.insurance_allowance (§ 11b Abs. 1 S. 1 Nr. 3)",
    (Figure(euros(30), BUERGERGELD_2023, None, "§ 6 Abs. 1 Nr. 1 Bürgergeld-V (until 2022: Alg II-V)"),),
)

TRAINING_GRANT_DEDUCTION: Rule[Decimal] = Rule(
    # BAföG, Berufsausbildungsbeihilfe and like grants count (§ 11a Abs. 3 S. 2 Nr. 3–4); for Abs. 1 Nr. 3–5
    # at least this much comes off them unless the basic amount already came off pay (§ 11b Abs. 2b S. 4–5).
    "training_grant.minimum_deduction (§ 11b Abs. 2b S. 4)",
    (Figure(euros(100), BUERGERGELD_2023, None, "§ 11b Abs. 2b S. 4–5 SGB II"),),
)


@dataclass(frozen=True)
class ParentalAllowanceExemption:
    """Elterngeld counts in SGB II (§ 10 Abs. 5 S. 1 BEEG) except as much as the earnings before the birth it
    was computed from, up to `basic` a month (S. 2); half of that with ElterngeldPlus (§ 10 Abs. 4 BEEG)."""

    basic: Decimal
    plus: Decimal


PARENTAL_ALLOWANCE_EXEMPTION: Rule[ParentalAllowanceExemption] = Rule(
    "parental_allowance.exempt (§ 10 Abs. 5 BEEG)",
    (
        Figure(
            ParentalAllowanceExemption(euros(300), euros(150)),
            BUERGERGELD_2023,
            None,
            "§ 10 Abs. 5 S. 2, Abs. 4 BEEG with § 11 Abs. 1 S. 1 SGB II",
        ),
    ),
)
