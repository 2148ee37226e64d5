"""Contacts per client and month (coaching contact_recorded), the month as the office's calendar has it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import col

from contracts.events import ContactRecordedV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import ContactMonthRow
from services.reporting.upserts import insert

OFFICE_TIME = ZoneInfo("Europe/Berlin")


def month_of(moment: datetime) -> date:
    return moment.astimezone(OFFICE_TIME).date().replace(day=1)


async def count_contact(tx: Transaction, event: ContactRecordedV1) -> None:
    """Counted once per event: the inbox claim of the event id is in the same transaction."""
    await count_contacts(tx, [event])


async def count_contacts(tx: Transaction, events: Sequence[ContactRecordedV1]) -> None:
    """Each event adds one to its client's month, in one upsert (the events' claims are in the same transaction)."""
    counts = Counter((e.client_id, month_of(e.occurred_at)) for e in events)
    if not counts:
        return
    statement = insert(tx.session, ContactMonthRow)
    statement = statement.on_conflict_do_update(
        index_elements=["client_id", "month"],
        set_={"contacts": col(ContactMonthRow.contacts) + statement.excluded.contacts},
    )
    rows = [{"client_id": client_id, "month": month, "contacts": n} for (client_id, month), n in counts.items()]
    await tx.session.execute(statement, rows)
