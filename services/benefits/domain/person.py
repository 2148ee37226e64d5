"""One member's figures while the household is computed: need items and counted-income items."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.model import Member, Role
from services.benefits.domain.money import ZERO
from services.benefits.domain.result import total
from services.benefits.domain.rules.standard_need import Level

CHILD_BENEFIT_KINDS = frozenset({ItemKind.CHILD_BENEFIT, ItemKind.CHILD_BENEFIT_SURPLUS})
HOUSING_KINDS = frozenset({ItemKind.RENT, ItemKind.HEATING})


@dataclass(frozen=True)
class PersonCalculation:
    member: Member
    level: Level
    needs: tuple[LineItem, ...]
    incomes: tuple[LineItem, ...]

    # Cached: the need shares and the Sofortzuschlag ask for these sums many times per household.
    @cached_property
    def need(self) -> Decimal:
        return total(item.amount for item in self.needs)

    @cached_property
    def housing(self) -> Decimal:
        return total(item.amount for item in self.needs if item.kind in HOUSING_KINDS)

    @cached_property
    def _income(self) -> Decimal:
        return total(item.amount for item in self.incomes)

    @cached_property
    def _income_without_child_benefit(self) -> Decimal:
        return total(item.amount for item in self.incomes if item.kind not in CHILD_BENEFIT_KINDS)

    def income(self, with_child_benefit: bool = True) -> Decimal:
        return self._income if with_child_benefit else self._income_without_child_benefit

    def remaining_need(self, with_child_benefit: bool = True) -> Decimal:
        """A child first lives on its own income; any surplus is not shared (§ 9 Abs. 2 S. 2)."""
        if self.member.role is Role.CHILD:
            return max(ZERO, self.need - self.income(with_child_benefit))
        return self.need

    def pooled_income(self, with_child_benefit: bool = True) -> Decimal:
        """Adults' income counts for the whole household (§ 9 Abs. 2 S. 1–2)."""
        return ZERO if self.member.role is Role.CHILD else self.income(with_child_benefit)

    @property
    def person_id(self) -> str:
        return self.member.person_id
