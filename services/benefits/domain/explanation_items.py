"""Summary line items: totals, need shares and the entitlement, so the items read top to bottom."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain.distribution import need_share
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.person import PersonCalculation
from services.benefits.domain.result import PersonEntitlement, total
from services.benefits.domain.rules.standard_need import CHILD_SUPPLEMENT

SHARE_SOURCE = "§ 9 Abs. 2 S. 3 SGB II"


def _share_item(person: PersonCalculation, total_need: Decimal) -> LineItem:
    share = need_share(person.remaining_need(), total_need)
    note = f"need share {share * 100:.2f} % of the household's remaining need {total_need}"
    if person.remaining_need() < person.need:
        note += " (own income covers part of the child's need first, § 9 Abs. 2 S. 2)"
    return LineItem(person.person_id, ItemKind.REMAINING_NEED, person.remaining_need(), SHARE_SOURCE, note)


def _closing_items(person: PersonCalculation, result: PersonEntitlement, on: date) -> list[LineItem]:
    items = [
        LineItem(
            person.person_id,
            ItemKind.ENTITLEMENT,
            result.entitlement,
            "§ 9 Abs. 2 S. 3, § 19 Abs. 3 SGB II",
            f"uncovered need by need share; housing part {result.housing_part}",
        )
    ]
    if result.child_supplement > 0:
        items.append(
            LineItem(
                person.person_id,
                ItemKind.CHILD_SUPPLEMENT,
                result.child_supplement,
                CHILD_SUPPLEMENT.at(on).source,
                "Sofortzuschlag, not reduced by income",
            )
        )
    return items


def person_items(
    person: PersonCalculation, result: PersonEntitlement, persons: list[PersonCalculation], on: date
) -> list[LineItem]:
    total_need = total(other.remaining_need() for other in persons)
    return [
        *person.needs,
        LineItem(person.person_id, ItemKind.NEED, person.need, "§ 19 Abs. 1 S. 3 SGB II", "need of the person"),
        *person.incomes,
        LineItem(
            person.person_id,
            ItemKind.COUNTED_INCOME,
            person.income(),
            "§ 11 Abs. 1 SGB II",
            "counted income of the person",
        ),
        _share_item(person, total_need),
        *_closing_items(person, result, on),
    ]


def household_items(
    persons: list[PersonCalculation], uncovered: Decimal, results: tuple[PersonEntitlement, ...]
) -> list[LineItem]:
    need = total(person.remaining_need() for person in persons)
    income = total(person.pooled_income() for person in persons)
    entitlement = total(result.entitlement for result in results)
    return [
        LineItem(None, ItemKind.NEED, need, SHARE_SOURCE, "remaining need of the household"),
        LineItem(
            None,
            ItemKind.COUNTED_INCOME,
            income,
            "§ 9 Abs. 2 S. 1–2 SGB II",
            "income of the adults, counted for the whole household",
        ),
        LineItem(
            None,
            ItemKind.UNCOVERED_NEED,
            uncovered,
            "§ 19 Abs. 3 SGB II",
            "income covers the need, no entitlement" if uncovered == 0 else "need not covered by income",
        ),
        LineItem(
            None,
            ItemKind.ENTITLEMENT,
            entitlement,
            "§ 41 Abs. 2 SGB II",
            "sum of the members' entitlements, each rounded to cents on its own",
        ),
    ]
