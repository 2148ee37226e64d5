"""The staff calendar feed (`.ics`) and its token.

Calendar clients (Outlook, Thunderbird, phones) fetch a URL on a schedule and cannot sign in with OIDC, so
each staff member gets a feed token: 32 random bytes, shown once when issued, kept only as its SHA-256. The
token admits to that one staff member's feed and nothing else; issuing a new one revokes the old.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlmodel import col

from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.calendar_feed import calendar
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentRow, AppointmentStaffRow, CalendarFeedRow
from services.coaching.use_cases.appointment_rows import details
from services.platform.errors import NotPermitted
from services.platform.unit_of_work import Transaction

PAST, AHEAD = timedelta(days=90), timedelta(days=400)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(tx: Transaction, staff_id: str) -> str:
    token = secrets.token_urlsafe(32)
    row = await tx.session.get(CalendarFeedRow, staff_id, with_for_update=True)
    if row is None:
        tx.session.add(CalendarFeedRow(staff_id=staff_id, token_sha256=_digest(token), issued_at=datetime.now(UTC)))
    else:
        row.token_sha256, row.issued_at = _digest(token), datetime.now(UTC)
    return token


async def _check_token(tx: Transaction, staff_id: str, token: str) -> None:
    row = await tx.session.get(CalendarFeedRow, staff_id)
    if row is None or not hmac.compare_digest(row.token_sha256, _digest(token)):
        raise NotPermitted("no valid calendar feed token for this staff member")


def _places(ref: Reference, policy: AppointmentPolicy) -> dict[str, str]:
    rooms = {r.room_id: r.name for r in policy.rooms.values()}
    days = {d.location_id: d.name for o in ref.offices.all() for d in o.consultation_days}
    return rooms | days


async def feed(
    tx: Transaction, staff_id: str, token: str, ref: Reference, policy: AppointmentPolicy, now: datetime
) -> bytes:
    """The staff member's appointments from 90 days back to 400 days ahead, cancelled ones included."""
    await _check_token(tx, staff_id, token)
    rows = (
        await tx.session.execute(
            select(AppointmentRow)
            .join(AppointmentStaffRow, col(AppointmentStaffRow.appointment_id) == col(AppointmentRow.appointment_id))
            .where(
                col(AppointmentStaffRow.staff_id) == staff_id,
                col(AppointmentRow.starts_at) >= now - PAST,
                col(AppointmentRow.starts_at) < now + AHEAD,
            )
            .order_by(col(AppointmentRow.starts_at), col(AppointmentRow.appointment_id))
        )
    ).scalars()
    return calendar(staff_id, await details(tx.session, rows), _places(ref, policy), now)
