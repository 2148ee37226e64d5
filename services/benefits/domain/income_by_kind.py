"""Counted income other than pay, by kind: what each kind keeps out and what comes off it (§ 11–11b SGB II).

Each receipt gives its paid amount, then its exempt part, then its deductions, each line with its paragraph;
the flat insurance allowance comes off once per person and month, after all receipts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, percent
from services.benefits.domain.levels import ADULT_AGE, age_on
from services.benefits.domain.model import Member
from services.benefits.domain.money import ZERO, cents
from services.benefits.domain.receipts import IncomeKind, Proof, Receipt
from services.benefits.domain.rules.figure import derived
from services.benefits.domain.rules.income import (
    GRUNDRENTE_ALLOWANCE,
    INSURANCE_ALLOWANCE,
    PARENTAL_ALLOWANCE_EXEMPTION,
    TRAINING_GRANT_DEDUCTION,
)
from services.benefits.domain.rules.standard_need import STANDARD_NEED, Level

COUNTED = "§ 11 Abs. 1 S. 1, Abs. 2 SGB II"
INSURANCE_SOURCE = "§ 11b Abs. 1 S. 1 Nr. 3 SGB II"
LABELS = {
    IncomeKind.EMPLOYMENT: "Nachzahlung Arbeitsentgelt",
    IncomeKind.SELF_EMPLOYMENT: "Nachzahlung Gewinn aus selbständiger Tätigkeit",
    IncomeKind.UNEMPLOYMENT_BENEFIT: "Arbeitslosengeld (SGB III)",
    IncomeKind.PENSION: "Rente",
    IncomeKind.MAINTENANCE: "Unterhalt",
    IncomeKind.ADVANCE_MAINTENANCE: "Unterhaltsvorschuss (UVG)",
    IncomeKind.PARENTAL_ALLOWANCE: "Elterngeld (BEEG)",
    IncomeKind.STUDENT_GRANT: "Ausbildungsförderung (BAföG, BAB)",
    IncomeKind.MATERNITY_BENEFIT: "Mutterschaftsgeld (§ 19 MuSchG)",
    IncomeKind.INHERITANCE: "Erbschaft, Vermächtnis oder Pflichtteil",
    IncomeKind.OTHER: "sonstige Einnahme",
}
SOURCES = {
    IncomeKind.STUDENT_GRANT: "§ 11a Abs. 3 S. 2 Nr. 3–4 SGB II",
    IncomeKind.PARENTAL_ALLOWANCE: "§ 11 Abs. 1 S. 1 SGB II, § 10 Abs. 5 S. 1 BEEG",
}
# A sixth of back pay has had its share of § 11b Abs. 2, 3 (which replaces Nr. 3–5) taken in the inflow month.
NO_FLAT_ALLOWANCE = frozenset(
    {
        IncomeKind.STUDENT_GRANT,
        IncomeKind.MATERNITY_BENEFIT,
        IncomeKind.INHERITANCE,
        IncomeKind.EMPLOYMENT,
        IncomeKind.SELF_EMPLOYMENT,
    }
)
# Kinds with an exempt part or a deduction of their own (_exempt, _deduction); the others lose only what is proven.
# Back pay's sixths take the long path for NO_FLAT_ALLOWANCE: the short one stays free of that lookup (the bench).
OWN_RULES = frozenset(
    {
        IncomeKind.STUDENT_GRANT,
        IncomeKind.MATERNITY_BENEFIT,
        IncomeKind.PARENTAL_ALLOWANCE,
        IncomeKind.INHERITANCE,
        IncomeKind.EMPLOYMENT,
        IncomeKind.SELF_EMPLOYMENT,
    }
)
RECEIPT, STUDENT_GRANT = ItemKind.RECEIPT, IncomeKind.STUDENT_GRANT
INHERITANCE_SOURCE = "§ 11a Abs. 1 Nr. 7 SGB II"
INHERITANCE_NOTE = (
    "einmalige Einnahme aus Erbschaft, Vermächtnis oder Pflichtteil bleibt als Einkommen unberücksichtigt; "
    "was davon nach dem Zuflussmonat noch vorhanden ist, ist als Vermögen nach § 12 SGB II zu prüfen"
)


PROOF_NOTES = {Proof.DECLARED: " (angegeben, Nachweis fehlt)", Proof.PROVEN: " (nachgewiesen)"}


PLAIN_LABELS = {kind: {proof: label + note for proof, note in PROOF_NOTES.items()} for kind, label in LABELS.items()}


def _label(receipt: Receipt) -> str:
    description = receipt.description
    if description:
        return f"{LABELS[receipt.kind]}: {description}{PROOF_NOTES[receipt.proof]}"
    return PLAIN_LABELS[receipt.kind][receipt.proof]  # worded once per kind and proof


def _exempt(receipt: Receipt, on: date) -> tuple[Decimal, str, str] | None:
    if receipt.kind is IncomeKind.MATERNITY_BENEFIT:
        return receipt.amount, "§ 11a Abs. 1 Nr. 6 SGB II", "Mutterschaftsgeld wird nicht angerechnet"
    if receipt.kind is IncomeKind.PARENTAL_ALLOWANCE:
        cap, source, cap_text = _parental_allowance_cap((on, receipt.parental_allowance_plus))
        earnings = receipt.earnings_before_birth or ZERO
        note = f"so viel wie das Einkommen vor der Geburt ({euro(earnings)}), höchstens {cap_text}"
        return min(receipt.amount, earnings, cap), source, note
    if receipt.kind is IncomeKind.INHERITANCE:
        return receipt.amount, INHERITANCE_SOURCE, INHERITANCE_NOTE
    return None


@derived  # by month and ElterngeldPlus: the cap and its wording are the table's, the same for every receipt
def _parental_allowance_cap(key: tuple[date, bool]) -> tuple[Decimal, str, str]:
    on, plus = key
    figure = PARENTAL_ALLOWANCE_EXEMPTION.at(on)
    cap = figure.value.plus if plus else figure.value.basic
    return cap, figure.source, euro(cap)


def _deduction(receipt: Receipt, left: Decimal, on: date, has_pay: bool) -> tuple[Decimal, str, str] | None:
    if receipt.kind is IncomeKind.MATERNITY_BENEFIT or receipt.kind is IncomeKind.INHERITANCE:
        return None
    if receipt.kind is IncomeKind.STUDENT_GRANT:
        if has_pay:  # the basic amount came off the pay already (§ 11b Abs. 2b S. 4 last half-sentence)
            return None
        figure = TRAINING_GRANT_DEDUCTION.at(on)
        note = f"mindestens {euro(figure.value)} für § 11b Abs. 1 Nr. 3–5 (nachgewiesen {euro(receipt.deductions)})"
        return min(left, max(figure.value, receipt.deductions)), figure.source, note
    if receipt.deductions == 0:
        return None
    note = "Steuern, Pflichtbeiträge und Aufwendungen wie nachgewiesen"
    return min(left, receipt.deductions), "§ 11b Abs. 1 S. 1 Nr. 1–5 SGB II", note


def _grundrente(receipt: Receipt, on: date) -> tuple[Decimal, str, str]:
    """§ 11b Abs. 2a SGB II with § 82a Abs. 1 SGB XII, on the pension as paid; only once the years are proven
    (§ 69 SGB II), which the clerk's flag records."""
    rule = GRUNDRENTE_ALLOWANCE.at(on)
    figure, level_1 = rule.value, STANDARD_NEED.value_at(on)[Level.SINGLE]
    cap = cents(level_1 * figure.cap_percent_of_level_1 / 100)
    above = max(receipt.amount - figure.free, ZERO)
    allowance = min(min(receipt.amount, figure.free) + cents(above * figure.percent / 100), cap)
    note = (
        f"Freibetrag für Grundrentenzeiten (33 Jahre nachgewiesen): {euro(figure.free)} zuzüglich "
        f"{percent(figure.percent)} der Rente darüber, höchstens {percent(figure.cap_percent_of_level_1)} "
        f"der Regelbedarfsstufe 1 ({euro(cap)})"
    )
    return allowance, rule.source, note


def _receipt_items(person_id: str, receipt: Receipt, on: date, has_pay: bool) -> tuple[list[LineItem], Decimal]:
    """The receipt's lines and what of it is left for the flat insurance allowance."""
    kind, amount = receipt.kind, receipt.amount
    source = receipt.source or SOURCES.get(kind, COUNTED)
    items = [LineItem(person_id, ItemKind.RECEIPT, amount, source, _label(receipt))]
    left = amount
    parts: tuple[tuple[ItemKind, tuple[Decimal, str, str] | None], ...] = (
        (ItemKind.RECEIPT_EXEMPT, _exempt(receipt, on)),
        (ItemKind.RECEIPT_DEDUCTION, _deduction(receipt, left, on, has_pay)),
    )
    if receipt.grundrente_years_proven:  # off the plain path: no call for the pensions without it
        parts += ((ItemKind.RECEIPT_DEDUCTION, _grundrente(receipt, on)),)
    for item_kind, part in parts:
        if part is not None and part[0] > 0:
            taken = min(left, part[0])
            items.append(LineItem(person_id, item_kind, -taken, part[1], part[2]))
            left -= taken
    return items, ZERO if kind in NO_FLAT_ALLOWANCE else left


def _insurance_allowance(member: Member, on: date, base: Decimal) -> list[LineItem]:
    """Adults only: a minor living with adults has no flat allowance (§ 6 Abs. 1 Nr. 1 Bürgergeld-V)."""
    if base <= ZERO or age_on(member.birth_date, on) < ADULT_AGE:
        return []
    value, note = _flat_allowance(on)
    return [LineItem(member.person_id, ItemKind.INSURANCE_ALLOWANCE, -min(base, value), INSURANCE_SOURCE, note)]


@derived
def _flat_allowance(on: date) -> tuple[Decimal, str]:
    figure = INSURANCE_ALLOWANCE.at(on)
    return figure.value, f"Versicherungspauschale ({figure.source})"


def receipt_items(member: Member, on: date, has_pay: bool) -> list[LineItem]:
    """Every receipt of the month, then the flat insurance allowance once.

    The basic amount of § 11b Abs. 2 replaces Abs. 1 Nr. 3–5 for a person with pay, and so does the
    training-grant deduction: neither leaves room for the flat allowance as well.
    """
    receipts = member.receipts_in(on)
    if not receipts:
        return []
    items: list[LineItem] = []
    base, grant, person_id = ZERO, False, member.person_id
    for receipt in receipts:
        kind = receipt.kind
        if not receipt.deductions and kind not in OWN_RULES and not receipt.grundrente_years_proven:
            # Most receipts: counted in full, one line (`not` on the Decimal: no int to convert for `== 0`).
            amount = receipt.amount
            items.append(
                LineItem(person_id, RECEIPT, amount, receipt.source or SOURCES.get(kind, COUNTED), _label(receipt))
            )
            base += amount
            continue
        lines, left = _receipt_items(person_id, receipt, on, has_pay)
        items += lines
        base += left
        grant = grant or kind is STUDENT_GRANT
    if has_pay or grant:
        return items
    return items + _insurance_allowance(member, on, base)
