"""Kindergeld: the child's income as far as the child needs it (§ 11 Abs. 1 S. 5), the rest the parent's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro
from services.benefits.domain.model import Household, Member
from services.benefits.domain.money import ZERO
from services.benefits.domain.rules.child_benefit import CHILD_BENEFIT, CHILD_BENEFIT_SOURCE

SURPLUS_SOURCE = "§ 11 Abs. 1 S. 1 SGB II"
"""Kindergeld is income of the parent it is paid to; § 11 Abs. 1 S. 5 moves what is needed to the child."""


def child_benefit_items(
    child: Member, household: Household, need: Decimal, own_income: Decimal, on: date
) -> list[LineItem]:
    if not child.receives_child_benefit:
        return []
    figure = CHILD_BENEFIT.at(on)
    to_child = min(figure.value, max(ZERO, need - own_income))
    surplus = figure.value - to_child
    items = [
        LineItem(
            child.person_id,
            ItemKind.CHILD_BENEFIT,
            to_child,
            CHILD_BENEFIT_SOURCE,
            f"Kindergeld {euro(figure.value)} ({figure.source}), soweit das Kind es für seinen Bedarf braucht",
        )
    ]
    if surplus > 0:
        items.append(
            LineItem(
                household.adult.person_id,
                ItemKind.CHILD_BENEFIT_SURPLUS,
                surplus,
                SURPLUS_SOURCE,
                f"Kindergeld für {child.person_id}, das das Kind nicht für seinen Bedarf braucht",
            )
        )
    return items
