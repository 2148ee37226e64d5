"""A decision letter (Bescheid) composed from a stored decision: what it says, in German, ready to typeset. No I/O.

The letter says what the decision stored and nothing else: the amounts per person come from the sealed
computation, the months from the approval period, the calculation sheet line by line from the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from services.benefits.domain.approval import add_months
from services.benefits.domain.decisions import DecisionKind
from services.benefits.domain.letter_reasons import operative_part, reasons, settlement_lines
from services.benefits.domain.letter_texts import ROLES, TITLES, german_date, label, remedy
from services.benefits.domain.views import Computation, Decision, Line


@dataclass(frozen=True)
class Letterhead:
    """An office as its letters name it; `objections_to` is the office that receives objections."""

    office_id: str
    jobcenter: str
    office: str
    street: str
    postcode: str
    town: str
    phone: str
    email: str
    opening_hours: str
    objections_to: str

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.town}"


@dataclass(frozen=True)
class Recipient:
    """Whom the household's letters go to (the person who represents it, § 38 SGB II) and where."""

    name: str
    street: str
    postcode: str
    town: str
    care_of: str | None = None

    @property
    def lines(self) -> list[str]:
        care = [f"c/o {self.care_of}"] if self.care_of else []
        return [self.name, *care, self.street, f"{self.postcode} {self.town}"]


@dataclass(frozen=True)
class SheetLine:
    label: str
    paragraph: str
    amount: Decimal


@dataclass(frozen=True)
class PersonSheet:
    number: int
    description: str
    lines: tuple[SheetLine, ...]
    monthly_amount: Decimal  # entitlement plus Sofortzuschlag


@dataclass(frozen=True)
class MonthRow:
    month: date
    amounts: tuple[Decimal, ...]  # per person, in the order of the sheets
    total: Decimal


@dataclass(frozen=True)
class Letter:
    letterhead: Letterhead
    objections: Letterhead
    recipient: Recipient
    dated: date
    title: str
    provisional: bool
    household_id: str
    decision_id: str
    operative: tuple[str, ...]
    monthly_amount: Decimal
    persons: tuple[PersonSheet, ...]
    months: tuple[MonthRow, ...]
    household_lines: tuple[SheetLine, ...]
    reasons: tuple[str, ...]
    settlement: tuple[str, ...]
    remedy: tuple[str, ...]


@dataclass(frozen=True)
class DecisionOnFile:
    """A decision opened for its reader, with the dates its letter names."""

    decision: Decision
    decided_on: date
    changed_decision_on: date | None  # the date of the decision a change or end alters

    @property
    def kind(self) -> DecisionKind:
        return DecisionKind(self.decision.kind)

    @property
    def computation(self) -> Computation:
        assert self.decision.result is not None, "a letter needs the decision's opened computation"
        return self.decision.result


def compose_letter(on_file: DecisionOnFile, letterhead: Letterhead, objections: Letterhead, to: Recipient) -> Letter:
    decision, computation = on_file.decision, on_file.computation
    sheets = _sheets(computation, decision.inputs or {})
    reduces = decision.monthly_amount < decision.previous_monthly_amount
    return Letter(
        letterhead,
        objections,
        to,
        on_file.decided_on,
        TITLES[on_file.kind],
        decision.provisional,
        str(decision.household_id),
        str(decision.decision_id),
        tuple(operative_part(on_file)),
        decision.monthly_amount,
        sheets,
        tuple(_months(on_file, sheets)),
        tuple(_sheet_line(line, household=True) for line in computation.explanation if line.person_id is None),
        tuple(reasons(on_file)),
        tuple(settlement_lines(decision.settlement)),
        tuple(remedy(objections.jobcenter, objections.address, reduces)),
    )


def _sheet_line(line: Line, household: bool = False) -> SheetLine:
    return SheetLine(label(line.kind, line.paragraph, household), line.paragraph, line.amount)


def _members(inputs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    members: Sequence[dict[str, Any]] = inputs.get("household", {}).get("members", [])
    return {member["person_id"]: member for member in members}


def _description(number: int, member: dict[str, Any] | None) -> str:
    if member is None:
        return f"Person {number}"
    born = german_date(date.fromisoformat(member["birth_date"]))
    return f"Person {number}: {ROLES.get(member['role'], member['role'])}, geboren am {born}"


def _sheets(computation: Computation, inputs: dict[str, Any]) -> tuple[PersonSheet, ...]:
    members = _members(inputs)
    return tuple(
        PersonSheet(
            number,
            _description(number, members.get(person.person_id)),
            tuple(_sheet_line(line) for line in computation.explanation if line.person_id == person.person_id),
            person.entitlement + person.child_supplement,
        )
        for number, person in enumerate(computation.persons, start=1)
    )


def _months(on_file: DecisionOnFile, sheets: tuple[PersonSheet, ...]) -> list[MonthRow]:
    """Each month from the decision's first month to the end of the approval period; none for an end."""
    if on_file.kind is DecisionKind.END:
        return []
    decision = on_file.decision
    rows, month = [], decision.effective_month
    while month <= decision.approval_period.end:
        rows.append(MonthRow(month, tuple(s.monthly_amount for s in sheets), decision.monthly_amount))
        month = add_months(month, 1)
    return rows
