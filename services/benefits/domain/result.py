"""What the computation hands back: entitlement per person and household, with its explanation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.money import ZERO
from services.benefits.domain.rules.standard_need import Level


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)


@dataclass(frozen=True)
class PersonEntitlement:
    person_id: str
    level: Level
    need: Decimal  # § 19 Abs. 1 S. 3: Regelbedarf + Mehrbedarfe + housing share
    counted_income: Decimal  # own counted income incl. the Kindergeld attributed to this person
    entitlement: Decimal  # Grundsicherungsgeld/Bürgergeld after income, by need share
    housing_part: Decimal  # part of the entitlement for housing; income covers §§ 20, 21 first (§ 19 Abs. 3)
    child_supplement: Decimal  # Sofortzuschlag, § 72: on top, not reduced by income

    @property
    def payment(self) -> Decimal:
        return self.entitlement + self.child_supplement


@dataclass(frozen=True)
class EntitlementResult:
    month: date
    persons: tuple[PersonEntitlement, ...]
    explanation: tuple[LineItem, ...]
    housing_appropriate: bool  # feeds the approval period (§ 41 Abs. 3 S. 2 Nr. 2)

    @property
    def entitlement(self) -> Decimal:
        return total(person.entitlement for person in self.persons)

    @property
    def child_supplement(self) -> Decimal:
        return total(person.child_supplement for person in self.persons)

    @property
    def payment(self) -> Decimal:
        return self.entitlement + self.child_supplement

    @property
    def need(self) -> Decimal:
        return total(person.need for person in self.persons)

    @property
    def assets_exceed(self) -> bool:
        """Assets above the allowances bar the entitlement (§ 9 Abs. 1, § 12); read from the explanation, so a
        stored result keeps its shape."""
        return any(item.kind is ItemKind.ASSET_EXCESS and item.amount > 0 for item in self.explanation)

    @property
    def income_covers_need(self) -> bool:
        """The "existenzsichernd" exit: counted income covers the household's need, nothing to pay."""
        return self.entitlement == 0 and not self.assets_exceed and not self.reduced

    @property
    def reduced(self) -> bool:
        """A sanction (§ 31a, § 32, § 7b Abs. 4) lowered a claim this month: nothing to pay is then no exit."""
        return any(item.kind.startswith("reduction") for item in self.explanation)

    def person(self, person_id: str) -> PersonEntitlement:
        return next(person for person in self.persons if person.person_id == person_id)

    def items_for(self, person_id: str | None) -> tuple[LineItem, ...]:
        return tuple(item for item in self.explanation if item.person_id == person_id)
