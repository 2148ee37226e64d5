"""Employment starts with their kind, the months they continued, their ends (placement)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts.events import EmploymentConfirmedV1, EmploymentEndedV1, EmploymentStartedV1
from services.platform.unit_of_work import Transaction
from services.reporting.domain.facts import EmploymentKind
from services.reporting.tables import EmploymentMonthRow, EmploymentRow
from services.reporting.upserts import insert

# Placement's kind of work (`employment_kind`) as the figures name it (`domain.facts.EmploymentKind`).
KINDS: dict[str, EmploymentKind] = {
    "regular": "insured",
    "minijob": "marginal",
    "self_employed": "self_employed",
    "subsidised": "subsidised",
    "apprenticeship": "apprenticeship",
}


def kind_of(event: EmploymentStartedV1) -> EmploymentKind:
    """What the event says of the employment: its `employment_kind`, or in an event from before placement recorded
    it, its flags (such an event is never self-employment or publicly subsidised employment)."""
    if event.employment_kind is not None:
        return KINDS[event.employment_kind]
    if event.apprenticeship:
        return "apprenticeship"
    return "insured" if event.subject_to_social_insurance else "marginal"


async def record_start(tx: Transaction, event: EmploymentStartedV1) -> None:
    row = await tx.session.get(EmploymentRow, event.employment_id)
    values: dict[str, Any] = {"client_id": event.client_id, "start_date": event.start_date, "kind": kind_of(event)}
    if row is None:
        tx.session.add(EmploymentRow(employment_id=event.employment_id, **values))
        return
    for name, value in values.items():
        setattr(row, name, value)


async def record_confirmation(tx: Transaction, event: EmploymentConfirmedV1) -> None:
    await record_confirmations(tx, [event])


async def record_confirmations(tx: Transaction, events: Sequence[EmploymentConfirmedV1]) -> None:
    """In one statement; a month confirmed again changes nothing."""
    if not events:
        return
    rows = [{"employment_id": e.employment_id, "month": e.month, "client_id": e.client_id} for e in events]
    statement = insert(tx.session, EmploymentMonthRow).on_conflict_do_nothing(index_elements=["employment_id", "month"])
    await tx.session.execute(statement, rows)


async def record_end(tx: Transaction, event: EmploymentEndedV1) -> None:
    row = await tx.session.get(EmploymentRow, event.employment_id)
    if row is not None:
        row.end_date = event.end_date
