"""Mehrbedarfe of one member (§ 21 SGB II), each rounded to cents (§ 41 Abs. 2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain import german
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.levels import minor_children_ages
from services.benefits.domain.model import Household, Member
from services.benefits.domain.money import percent_of
from services.benefits.domain.rules import additional_need as rules
from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.standard_need import STANDARD_NEED, Level


def _item(member: Member, amount: Decimal, source: str, note: str) -> LineItem:
    return LineItem(member.person_id, ItemKind.ADDITIONAL_NEED, amount, source, note)


def single_parent_percent(children_ages: list[int], on: date) -> Decimal:
    """§ 21 Abs. 3: Nr. 1 gives 36 %, Nr. 2 gives 12 % per child when that is more; never above 60 %."""
    if not children_ages:
        return Decimal(0)
    rates = rules.SINGLE_PARENT.value_at(on)
    young_child = any(age < rates.basic_child_age_limit for age in children_ages)
    two_or_three = 2 <= sum(age < rates.basic_siblings_age_limit for age in children_ages) <= 3
    basic = rates.basic_percent if young_child or two_or_three else Decimal(0)
    per_child = rates.per_child_percent * len(children_ages)
    return min(max(basic, per_child), rates.max_percent)


def _single_parent(member: Member, household: Household, on: date) -> list[LineItem]:
    if not member.single_parent:
        return []
    percent = single_parent_percent(minor_children_ages(household, on), on)
    if percent == 0:
        return []
    base = STANDARD_NEED.value_at(on)[Level.SINGLE]  # "des nach § 20 Absatz 2 maßgebenden Bedarfs"
    note = f"Alleinerziehend: {german.percent(percent)} des Regelbedarfs der Stufe 1 ({german.euro(base)})"
    return [_item(member, percent_of(base, percent), rules.SINGLE_PARENT.at(on).source, note)]


def _percent_of_own(
    member: Member, flag: bool, rule: Provision[Decimal], standard: Decimal, on: date, what: str
) -> list[LineItem]:
    if not flag:
        return []
    figure = rule.at(on)
    return [
        _item(
            member,
            percent_of(standard, figure.value),
            figure.source,
            f"{what}: {figure.value} % of {standard}",
        )
    ]


def _capped(member: Member, items: list[LineItem], standard: Decimal) -> list[LineItem]:
    """§ 21 Abs. 8: Abs. 2–5 together never exceed the person's own Regelbedarf."""
    excess = sum((item.amount for item in items), Decimal(0)) - standard
    if excess <= 0:
        return items
    cap = LineItem(
        member.person_id,
        ItemKind.ADDITIONAL_NEED_CAP,
        -excess,
        rules.CAP_SOURCE,
        f"Mehrbedarfe nach § 21 Abs. 2–5 begrenzt auf den Regelbedarf ({german.euro(standard)})",
    )
    return [*items, cap]


def _hot_water(member: Member, household: Household, level: Level, standard: Decimal, on: date) -> list[LineItem]:
    if not household.housing.decentral_hot_water:
        return []
    figure = rules.HOT_WATER.at(on)
    percent = figure.value[level]
    return [
        _item(
            member,
            percent_of(standard, percent),
            figure.source,
            f"dezentrale Warmwassererzeugung: {german.percent(percent)} von {german.euro(standard)}",
        )
    ]


def additional_needs(member: Member, household: Household, level: Level, on: date) -> list[LineItem]:
    standard = STANDARD_NEED.value_at(on)[level]
    capped = [
        *_percent_of_own(member, member.pregnant_after_week_12, rules.PREGNANCY, standard, on, "pregnancy"),
        *_single_parent(member, household, on),
        *_percent_of_own(member, member.disability_participation, rules.DISABILITY, standard, on, "disability"),
    ]
    return [*_capped(member, capped, standard), *_hot_water(member, household, level, standard, on)]
