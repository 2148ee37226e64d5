"""Contacts per client and month (coaching contact_recorded), the month as the office's calendar has it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from contracts.events import ContactRecordedV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import ContactMonthRow

OFFICE_TIME = ZoneInfo("Europe/Berlin")


def month_of(moment: datetime) -> date:
    return moment.astimezone(OFFICE_TIME).date().replace(day=1)


async def count_contact(tx: Transaction, event: ContactRecordedV1) -> None:
    """Counted once per event: the inbox claim of the event id is in the same transaction."""
    month = month_of(event.occurred_at)
    row = await tx.session.get(ContactMonthRow, (event.client_id, month))
    if row is None:
        tx.session.add(ContactMonthRow(client_id=event.client_id, month=month, contacts=1))
    else:
        row.contacts += 1
