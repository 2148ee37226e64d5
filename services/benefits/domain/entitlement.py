"""A household's need and entitlement for one month (§§ 9, 11, 19–22, 72 SGB II)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.benefits.domain.assets import asset_check
from services.benefits.domain.child_benefit import child_benefit_items
from services.benefits.domain.distribution import split_by_need_shares
from services.benefits.domain.explanation import LineItem
from services.benefits.domain.explanation_items import household_items, person_items
from services.benefits.domain.housing import housing_is_appropriate
from services.benefits.domain.income import own_income_items
from services.benefits.domain.levels import level_of
from services.benefits.domain.model import Household, Member, Role
from services.benefits.domain.money import ZERO
from services.benefits.domain.needs import HousingCosts, need_items
from services.benefits.domain.person import PersonCalculation
from services.benefits.domain.result import EntitlementResult, PersonEntitlement, total
from services.benefits.domain.rules.standard_need import CHILD_SUPPLEMENT, CHILD_SUPPLEMENT_LEVELS


def _person(member: Member, household: Household, housing: HousingCosts, on: date) -> PersonCalculation:
    level = level_of(member, household, on)
    needs = need_items(member, household, level, housing, on)
    return PersonCalculation(member, level, tuple(needs), tuple(own_income_items(member, household, on)))


def _with_child_benefit(persons: list[PersonCalculation], household: Household, on: date) -> list[PersonCalculation]:
    """Kindergeld is the child's as far as needed; the surplus becomes the parent's income."""
    children = (person for person in persons if person.member.role is Role.CHILD)
    items = [
        item
        for child in children
        for item in child_benefit_items(child.member, household, child.need, child.income(), on)
    ]
    return [
        replace(person, incomes=(*person.incomes, *(i for i in items if i.person_id == person.person_id)))
        for person in persons
    ]


def uncovered_need(persons: list[PersonCalculation], with_child_benefit: bool = True) -> Decimal:
    """Total remaining need minus the pooled income; never negative (§ 9 Abs. 1, § 19 Abs. 3)."""
    need = total(person.remaining_need(with_child_benefit) for person in persons)
    income = total(person.pooled_income(with_child_benefit) for person in persons)
    return max(ZERO, need - income)


def _child_supplement(
    person: PersonCalculation, persons: list[PersonCalculation], on: date, assets_bar: bool
) -> Decimal:
    """§ 72 Abs. 1: levels 3–6 with a claim, or without one only because Kindergeld was counted.

    Assets above the allowances bar any claim (§ 9 Abs. 1), so no Sofortzuschlag either."""
    if person.level not in CHILD_SUPPLEMENT_LEVELS or assets_bar:
        return ZERO
    needy = person.remaining_need() > 0 and uncovered_need(persons) > 0
    needy_but_for_child_benefit = person.remaining_need(False) > 0 and uncovered_need(persons, False) > 0
    return CHILD_SUPPLEMENT.value_at(on) if needy or needy_but_for_child_benefit else ZERO


def _entitlement(
    person: PersonCalculation, share: Decimal, persons: list[PersonCalculation], on: date, assets_bar: bool
) -> PersonEntitlement:
    return PersonEntitlement(
        person.person_id,
        person.level,
        person.need,
        person.income(),
        share,
        min(share, person.housing),
        _child_supplement(person, persons, on, assets_bar),
    )


def compute_entitlement(household: Household, month: date) -> EntitlementResult:
    """Need, counted income and entitlement of every member for the calendar month containing `month`."""
    on = month.replace(day=1)
    housing = HousingCosts.of(household, on)
    persons = _with_child_benefit(
        [_person(member, household, housing, on) for member in household.members], household, on
    )
    uncovered = uncovered_need(persons)
    assets = asset_check(household, on)
    payable = uncovered if assets.excess == 0 else ZERO
    shares = split_by_need_shares(payable, {person.person_id: person.remaining_need() for person in persons})
    bar = assets.excess > 0
    results = tuple(_entitlement(person, shares[person.person_id], persons, on, bar) for person in persons)
    explanation: list[LineItem] = [
        item
        for person, result in zip(persons, results, strict=True)
        for item in person_items(person, result, persons, on)
    ]
    explanation += assets.items
    explanation += household_items(persons, uncovered, results)
    return EntitlementResult(on, results, tuple(explanation), housing_is_appropriate(household.housing))
