"""Summary line items: totals, need shares and the entitlement, so the items read top to bottom."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain.distribution import need_share
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, percent
from services.benefits.domain.person import PersonCalculation
from services.benefits.domain.result import PersonEntitlement, total
from services.benefits.domain.rules.standard_need import CHILD_SUPPLEMENT

SHARE_SOURCE = "§ 9 Abs. 2 S. 3 SGB II"


def _share_item(person: PersonCalculation, total_need: Decimal) -> LineItem:
    share = need_share(person.remaining_need(), total_need)
    note = f"Anteil {percent(round(share * 100, 2))} am ungedeckten Bedarf der Bedarfsgemeinschaft ({euro(total_need)})"
    if person.remaining_need() < person.need:
        note += " (eigenes Einkommen deckt zuerst einen Teil des Bedarfs des Kindes, § 9 Abs. 2 S. 2)"
    return LineItem(person.person_id, ItemKind.REMAINING_NEED, person.remaining_need(), SHARE_SOURCE, note)


def _closing_items(person: PersonCalculation, result: PersonEntitlement, on: date) -> list[LineItem]:
    items = [
        LineItem(
            person.person_id,
            ItemKind.ENTITLEMENT,
            result.entitlement,
            "§ 9 Abs. 2 S. 3, § 19 Abs. 3 SGB II",
            f"ungedeckter Bedarf nach Bedarfsanteil; davon für Unterkunft und Heizung {euro(result.housing_part)}",
        )
    ]
    if result.child_supplement > 0:
        items.append(
            LineItem(
                person.person_id,
                ItemKind.CHILD_SUPPLEMENT,
                result.child_supplement,
                CHILD_SUPPLEMENT.at(on).source,
                "Sofortzuschlag, ohne Anrechnung von Einkommen",
            )
        )
    return items


def person_items(
    person: PersonCalculation, result: PersonEntitlement, persons: list[PersonCalculation], on: date
) -> list[LineItem]:
    total_need = total(other.remaining_need() for other in persons)
    return [
        *person.needs,
        LineItem(person.person_id, ItemKind.NEED, person.need, "§ 19 Abs. 1 S. 3 SGB II", "Bedarf der Person"),
        *person.incomes,
        LineItem(
            person.person_id,
            ItemKind.COUNTED_INCOME,
            person.income(),
            "§ 11 Abs. 1 SGB II",
            "anzurechnendes Einkommen der Person",
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
        LineItem(None, ItemKind.NEED, need, SHARE_SOURCE, "ungedeckter Bedarf der Bedarfsgemeinschaft"),
        LineItem(
            None,
            ItemKind.COUNTED_INCOME,
            income,
            "§ 9 Abs. 2 S. 1–2 SGB II",
            "Einkommen der Erwachsenen, angerechnet für die ganze Bedarfsgemeinschaft",
        ),
        LineItem(
            None,
            ItemKind.UNCOVERED_NEED,
            uncovered,
            "§ 19 Abs. 3 SGB II",
            "Einkommen deckt den Bedarf, kein Anspruch" if uncovered == 0 else "nicht durch Einkommen gedeckter Bedarf",
        ),
        LineItem(
            None,
            ItemKind.ENTITLEMENT,
            entitlement,
            "§ 41 Abs. 2 SGB II",
            "Summe der Ansprüche der Mitglieder, jeder für sich auf Cent gerundet",
        ),
    ]
