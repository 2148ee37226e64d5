"""Counted income of one member in a month (§ 11, § 11b SGB II)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, percent
from services.benefits.domain.income_by_kind import receipt_items
from services.benefits.domain.levels import ADULT_AGE, CHILD_AGE_LIMIT, age_on
from services.benefits.domain.model import EarnedIncome, Household, Member
from services.benefits.domain.money import ZERO, cents
from services.benefits.domain.receipts import Proof
from services.benefits.domain.rules.income import (
    EARNED_INCOME_ALLOWANCE,
    MINIJOB_LIMIT,
    TRAINEE_SKIPS_FIRST_BAND,
    Band,
)


@dataclass(frozen=True)
class AllowancePart:
    amount: Decimal
    paragraph: str
    note: str


def _band_part(gross: Decimal, band: Band, upper: Decimal) -> Decimal:
    return cents(max(ZERO, min(gross, upper) - band.lower) * band.percent / 100)


def _basic_part(gross: Decimal, on: date, trainee: bool) -> AllowancePart:
    if trainee:  # § 11b Abs. 2b: the Minijob limit of § 8 Abs. 1a SGB IV instead of 100 EUR
        limit = MINIJOB_LIMIT.at(on)
        return AllowancePart(min(gross, limit.value), "§ 11b Abs. 2b SGB II", f"Grundfreibetrag = {limit.source}")
    basic = EARNED_INCOME_ALLOWANCE.value_at(on).basic_amount
    return AllowancePart(min(gross, basic), "§ 11b Abs. 2 S. 1 SGB II", f"Grundfreibetrag {euro(basic)}")


def _bands(on: date, trainee: bool) -> tuple[Band, ...]:
    bands = EARNED_INCOME_ALLOWANCE.value_at(on).bands
    if trainee and TRAINEE_SKIPS_FIRST_BAND.value_at(on):
        return bands[1:]
    return bands


def allowance_parts(gross: Decimal, on: date, *, with_minor_child: bool, trainee: bool) -> list[AllowancePart]:
    """The § 11b allowance, computed on GROSS pay, part by part."""
    rules = EARNED_INCOME_ALLOWANCE.value_at(on)
    bands = _bands(on, trainee)
    parts = [_basic_part(gross, on, trainee)]
    for band in bands:
        upper = rules.top_with_minor_child if band is bands[-1] and with_minor_child else band.upper
        note = f"{percent(band.percent)} des Bruttos zwischen {euro(band.lower)} und {euro(upper)}"
        parts.append(AllowancePart(_band_part(gross, band, upper), "§ 11b Abs. 3 SGB II", note))
    return _capped_at_gross(parts, gross)


def _capped_at_gross(parts: list[AllowancePart], gross: Decimal) -> list[AllowancePart]:
    """Deductions come off the pay itself, so they never exceed it (matters for § 11b Abs. 2b)."""
    excess = sum((part.amount for part in parts), ZERO) - gross
    if excess <= 0:
        return parts
    return [*parts, AllowancePart(-excess, "§ 11b Abs. 1 SGB II", "Absetzbeträge begrenzt auf das Bruttoeinkommen")]


def earned_income_allowance(
    gross: Decimal, on: date, *, with_minor_child: bool = False, trainee: bool = False
) -> Decimal:
    """Erwerbstätigenfreibetrag incl. basic amount, on gross pay."""
    parts = allowance_parts(gross, on, with_minor_child=with_minor_child, trainee=trainee)
    return sum((part.amount for part in parts), ZERO)


def lives_with_minor_child(member: Member, household: Household, on: date) -> bool:
    """§ 11b Abs. 3 S. 3: lives with at least one minor child in the household or has one."""
    others = (child for child in household.children if child is not member)
    return member.has_minor_child_elsewhere or any(age_on(child.birth_date, on) < ADULT_AGE for child in others)


def is_young_trainee(member: Member, on: date) -> bool:
    """§ 11b Abs. 2b applies only before the 25th birthday."""
    return member.under_25_in_training and age_on(member.birth_date, on) < CHILD_AGE_LIMIT


def _earned_items(member: Member, household: Household, on: date) -> list[LineItem]:
    pays = member.earned_in(on)
    if not pays:
        return []
    gross = sum((pay.gross for pay in pays), ZERO)
    net = sum((pay.net for pay in pays), ZERO)
    parts = allowance_parts(
        gross,
        on,
        with_minor_child=lives_with_minor_child(member, household, on),
        trainee=is_young_trainee(member, on),
    )
    net_item = LineItem(
        member.person_id,
        ItemKind.EARNED_INCOME_NET,
        net,
        "§ 11 Abs. 1, 2 SGB II",
        f"Nettolohn, der in diesem Monat zufließt (brutto {euro(gross)}{_entered_by_clerk(pays)})",
    )
    allowances = [
        LineItem(member.person_id, ItemKind.EARNED_INCOME_ALLOWANCE, -part.amount, part.paragraph, part.note)
        for part in parts
    ]
    return [net_item, *allowances]


def _entered_by_clerk(pays: tuple[EarnedIncome, ...]) -> str:
    """Pay placement announced has no description; what the clerk entered is named, with its proof."""
    named = [
        f"{pay.description} brutto {euro(pay.gross)}" + (", Nachweis fehlt" if pay.proof is Proof.DECLARED else "")
        for pay in pays
        if pay.description
    ]
    return f"; erfasst von der Sachbearbeitung: {'; '.join(named)}" if named else ""


def _other_items(member: Member, on: date) -> list[LineItem]:
    return [
        LineItem(
            member.person_id,
            ItemKind.OTHER_INCOME,
            income.amount,
            "§ 11 Abs. 1, 2 SGB II",
            income.description,
        )
        for income in member.other_in(on)
    ]


def own_income_items(member: Member, household: Household, on: date) -> list[LineItem]:
    """Earned income net of the allowance (never below zero), income by kind, and other income of the month."""
    earned = _earned_items(member, household, on)
    shortfall = -sum((item.amount for item in earned), ZERO)
    if shortfall > 0:  # the allowance cannot make pay negative and eat into other income
        earned.append(
            LineItem(
                member.person_id,
                ItemKind.EARNED_INCOME_ALLOWANCE,
                shortfall,
                "§ 11b Abs. 1 SGB II",
                "Absetzbetrag begrenzt auf den Nettolohn",
            )
        )
    receipts = receipt_items(member, on, has_pay=bool(earned)) if member.receipts else []
    return [*earned, *receipts, *_other_items(member, on)] if receipts else [*earned, *_other_items(member, on)]
