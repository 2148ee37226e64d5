"""Kindergeld per child and month (§ 66 Abs. 1 EStG, § 6 Abs. 1 BKGG)."""

from __future__ import annotations

from decimal import Decimal

from services.benefits.domain.money import euros
from services.benefits.domain.rules.calendar import first_day, last_day
from services.benefits.domain.rules.figure import Figure, Rule

CHILD_BENEFIT: Rule[Decimal] = Rule(
    "child_benefit (Kindergeld)",
    (
        Figure(euros(250), first_day(2023), last_day(2024), "§ 66 Abs. 1 EStG (250 EUR, 2023–2024)"),
        Figure(euros(255), first_day(2025), last_day(2025), "§ 66 Abs. 1 EStG (255 EUR, 2025)"),
        Figure(euros(259), first_day(2026), last_day(2026), "§ 66 Abs. 1 EStG (259 EUR, 2026)"),
    ),
)

CHILD_BENEFIT_SOURCE = "§ 11 Abs. 1 S. 5 SGB II"
"""Kindergeld is the child's income as far as the child needs it; the rest stays the parent's income."""
