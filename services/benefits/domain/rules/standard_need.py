"""Regelbedarfsstufen 1–6 (§ 20, § 23 SGB II) and the Sofortzuschlag (§ 72 SGB II)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import IntEnum

from services.benefits.domain.money import euros
from services.benefits.domain.rules.calendar import first_day, last_day
from services.benefits.domain.rules.figure import Figure, Rule


class Level(IntEnum):
    """Regelbedarfsstufe."""

    SINGLE = 1  # alone or single parent, § 20 Abs. 2 S. 1
    PARTNER = 2  # each of two adult partners, § 20 Abs. 4
    OTHER_ADULT = 3  # other adults, typically 18–24 with parents, § 20 Abs. 2 S. 2 Nr. 2
    AGE_14_TO_17 = 4  # § 20 Abs. 2 S. 2 Nr. 1, § 23 Nr. 1
    AGE_6_TO_13 = 5  # § 23 Nr. 1
    AGE_0_TO_5 = 6  # § 23 Nr. 1


def _year(year: int, amounts: tuple[int, ...], source: str) -> Figure[Mapping[Level, Decimal]]:
    table = {level: euros(amount) for level, amount in zip(Level, amounts, strict=True)}
    return Figure(table, first_day(year), last_day(year), source)


STANDARD_NEED: Rule[Mapping[Level, Decimal]] = Rule(
    "standard_need (Regelbedarf)",
    (
        _year(
            2023,
            (502, 451, 402, 420, 348, 318),
            "§ 20 Abs. 1a SGB II i.V.m. Anlage zu § 28 SGB XII (Bürgergeld-Gesetz) 2023",
        ),
        _year(2024, (563, 506, 451, 471, 390, 357), "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2024"),
        _year(
            2025,
            (563, 506, 451, 471, 390, 357),
            "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2025 (Besitzschutz § 28a Abs. 5 SGB XII)",
        ),
        _year(
            2026,
            (563, 506, 451, 471, 390, 357),
            "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2026 (Besitzschutz § 28a Abs. 5 SGB XII)",
        ),
    ),
)

CHILD_SUPPLEMENT_LEVELS = frozenset({Level.OTHER_ADULT, Level.AGE_14_TO_17, Level.AGE_6_TO_13, Level.AGE_0_TO_5})
"""§ 72 Abs. 1 S. 1: Regelbedarfsstufen 3, 4, 5 or 6."""

CHILD_SUPPLEMENT: Rule[Decimal] = Rule(
    "child_supplement (Sofortzuschlag)",
    (
        Figure(euros(20), date(2022, 7, 1), last_day(2024), "§ 72 Abs. 1 SGB II a.F. (20 EUR since July 2022)"),
        # The statute itself names 25 EUR, so the figure is open-ended until the law changes.
        Figure(euros(25), first_day(2025), None, "§ 72 Abs. 1 S. 1 SGB II"),
    ),
)
