"""Counted income of one member in a month (§ 11, § 11b SGB II)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, percent
from services.benefits.domain.income_by_kind import receipt_items
from services.benefits.domain.levels import ADULT_AGE, CHILD_AGE_LIMIT, age_on
from services.benefits.domain.model import EarnedIncome, Household, Member
from services.benefits.domain.money import ZERO, cents
from services.benefits.domain.receipts import Proof
from services.benefits.domain.rules.figure import derived
from services.benefits.domain.rules.income import (
    EARNED_INCOME_ALLOWANCE,
    MINIJOB_LIMIT,
    PROVEN_COSTS_THRESHOLD,
    TRAINEE_SKIPS_FIRST_BAND,
    Band,
)


class AllowancePart(NamedTuple):  # a few per pay: a NamedTuple costs a third of a frozen dataclass to make
    amount: Decimal
    paragraph: str
    note: str


class _Step(NamedTuple):
    """One band of the allowance as it applies to a person in a month, worded once."""

    lower: Decimal
    upper: Decimal
    percent: Decimal
    note: str


class _Terms(NamedTuple):
    basic: Decimal
    basic_paragraph: str
    basic_note: str
    steps: tuple[_Step, ...]


def _bands(on: date, trainee: bool) -> tuple[Band, ...]:
    bands = EARNED_INCOME_ALLOWANCE.value_at(on).bands
    if trainee and TRAINEE_SKIPS_FIRST_BAND.value_at(on):
        return bands[1:]
    return bands


@derived
def _terms(key: tuple[date, bool, bool]) -> _Terms:
    """The allowance's amounts and wording for a month: the same for every earner of that month, so the notes
    are formatted once and not for each pay (Decimal formatting costs more than the arithmetic)."""
    on, with_minor_child, trainee = key
    rules = EARNED_INCOME_ALLOWANCE.value_at(on)
    if trainee:  # § 11b Abs. 2b: the Minijob limit of § 8 Abs. 1a SGB IV instead of 100 EUR
        limit = MINIJOB_LIMIT.at(on)
        basic, paragraph, note = limit.value, "§ 11b Abs. 2b SGB II", f"Grundfreibetrag = {limit.source}"
    else:
        basic, paragraph, note = (
            rules.basic_amount,
            "§ 11b Abs. 2 S. 1 SGB II",
            f"Grundfreibetrag {euro(rules.basic_amount)}",
        )
    bands = _bands(on, trainee)
    steps = []
    for band in bands:
        upper = rules.top_with_minor_child if band is bands[-1] and with_minor_child else band.upper
        steps.append(
            _Step(
                band.lower,
                upper,
                band.percent,
                f"{percent(band.percent)} des Bruttos zwischen {euro(band.lower)} und {euro(upper)}",
            )
        )
    return _Terms(basic, paragraph, note, tuple(steps))


def _band_part(gross: Decimal, step: _Step) -> Decimal:
    if gross <= step.lower:
        return ZERO
    return cents((min(gross, step.upper) - step.lower) * step.percent / 100)


HIGHER_COSTS = "§ 11b Abs. 2 S. 2 SGB II"


def _basic_part(gross: Decimal, on: date, terms: _Terms, proven_costs: Decimal, trainee: bool) -> AllowancePart:
    """The basic amount, or the higher costs proven instead of it (§ 11b Abs. 2 S. 2).

    S. 2 sets aside S. 1 only: the Minijob amount of Abs. 2b for young trainees stands ("abweichend von
    Absatz 2 Satz 1"), and costs proven for them are not compared with it."""
    basic = AllowancePart(min(gross, terms.basic), terms.basic_paragraph, terms.basic_note)
    if proven_costs <= 0 or trainee:
        return basic
    threshold = PROVEN_COSTS_THRESHOLD.value_at(on)
    if proven_costs <= terms.basic:
        return basic._replace(
            note=f"{basic.note}; die nachgewiesenen Kosten {euro(proven_costs)} übersteigen ihn nicht ({HIGHER_COSTS})"
        )
    if gross <= threshold:
        note = (
            f"{basic.note}; die nachgewiesenen Kosten {euro(proven_costs)} treten erst bei einem Brutto über "
            f"{euro(threshold)} an seine Stelle"
        )
        return basic._replace(note=f"{note} ({HIGHER_COSTS})")
    note = (
        f"nachgewiesene Kosten {euro(proven_costs)} (§ 11b Abs. 1 S. 1 Nr. 3–5) statt des Grundfreibetrags "
        f"{euro(terms.basic)}: Brutto über {euro(threshold)}"
    )
    return AllowancePart(proven_costs, HIGHER_COSTS, note)


def allowance_parts(
    gross: Decimal, on: date, *, with_minor_child: bool, trainee: bool, proven_costs: Decimal = ZERO
) -> list[AllowancePart]:
    """The § 11b allowance, computed on GROSS pay, part by part; `proven_costs` are the month's § 11b Abs. 1
    S. 1 Nr. 3–5 costs the person proved (§ 11b Abs. 2 S. 2)."""
    terms = _terms((on, with_minor_child, trainee))
    parts = [_basic_part(gross, on, terms, proven_costs, trainee)]
    for step in terms.steps:
        parts.append(AllowancePart(_band_part(gross, step), "§ 11b Abs. 3 SGB II", step.note))
    return _capped_at_gross(parts, gross)


def _capped_at_gross(parts: list[AllowancePart], gross: Decimal) -> list[AllowancePart]:
    """Deductions come off the pay itself, so they never exceed it (matters for § 11b Abs. 2b)."""
    excess = sum((part.amount for part in parts), ZERO) - gross
    if excess <= 0:
        return parts
    return [*parts, AllowancePart(-excess, "§ 11b Abs. 1 SGB II", "Absetzbeträge begrenzt auf das Bruttoeinkommen")]


def earned_income_allowance(
    gross: Decimal, on: date, *, with_minor_child: bool = False, trainee: bool = False, proven_costs: Decimal = ZERO
) -> Decimal:
    """Erwerbstätigenfreibetrag incl. basic amount (or the higher proven costs), on gross pay."""
    parts = allowance_parts(gross, on, with_minor_child=with_minor_child, trainee=trainee, proven_costs=proven_costs)
    return sum((part.amount for part in parts), ZERO)


def lives_with_minor_child(member: Member, household: Household, on: date) -> bool:
    """§ 11b Abs. 3 S. 3: lives with at least one minor child in the household or has one."""
    others = (child for child in household.children if child is not member)
    return member.has_minor_child_elsewhere or any(age_on(child.birth_date, on) < ADULT_AGE for child in others)


def is_young_trainee(member: Member, on: date) -> bool:
    """§ 11b Abs. 2b applies only before the 25th birthday."""
    return member.under_25_in_training and age_on(member.birth_date, on) < CHILD_AGE_LIMIT


def _earned_items(member: Member, household: Household, on: date) -> list[LineItem]:
    if not member.earned_income:
        return []
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
        proven_costs=sum((pay.proven_costs for pay in pays), ZERO),
    )
    gross_text = euro(gross)
    net_item = LineItem(
        member.person_id,
        ItemKind.EARNED_INCOME_NET,
        net,
        "§ 11 Abs. 1, 2 SGB II",
        f"Nettolohn, der in diesem Monat zufließt (brutto {gross_text}{_entered_by_clerk(pays, gross_text)})",
    )
    allowances = [
        LineItem(member.person_id, ItemKind.EARNED_INCOME_ALLOWANCE, -part.amount, part.paragraph, part.note)
        for part in parts
    ]
    return [net_item, *allowances]


def _entered_by_clerk(pays: tuple[EarnedIncome, ...], gross_text: str) -> str:
    """Pay placement announced has no description; what the clerk entered is named, with its proof.

    `gross_text` is the month's gross as worded: a single pay's own (the usual case) is not formatted twice."""
    named = [
        f"{pay.description} brutto {gross_text if len(pays) == 1 else euro(pay.gross)}"
        + (", Nachweis fehlt" if pay.proof is Proof.DECLARED else "")
        for pay in pays
        if pay.description
    ]
    return f"; erfasst von der Sachbearbeitung: {'; '.join(named)}" if named else ""


def _other_items(member: Member, on: date) -> list[LineItem]:
    if not member.other_income:
        return []
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
