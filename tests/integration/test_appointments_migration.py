"""Upgrading a coaching database with appointments to revision 0007: each appointment keeps its one staff
member and client as the first rows of who takes part, and learns its office from the case. SQLite and
PostgreSQL, down and up again."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import sqlalchemy as sa

from tests.integration.migration_support import NOW, downgrade, migrate, run, table

cases = table(
    "cases",
    client_id=sa.Uuid(),
    household_id=sa.Uuid(),
    office_id=sa.String(),
    status=sa.String(),
    opened_at=sa.DateTime(timezone=True),
)
appointments = table(
    "appointments",
    appointment_id=sa.Uuid(),
    client_id=sa.Uuid(),
    staff_id=sa.String(),
    starts_at=sa.DateTime(timezone=True),
    duration_minutes=sa.Integer(),
    channel=sa.String(),
    booked_at=sa.DateTime(timezone=True),
)


async def test_existing_appointments_keep_their_staff_member_client_and_office_after_0007(database_url):
    await migrate("coaching", database_url, "0005")
    client_id, appointment_id = uuid4(), uuid4()
    await run(database_url, cases.insert().values(client_id=client_id, household_id=uuid4(), office_id="plon",
                                                  status="in_coaching", opened_at=NOW))  # fmt: skip
    await run(database_url, appointments.insert().values(
        appointment_id=appointment_id, client_id=client_id, staff_id="plon-cm-01", starts_at=NOW + timedelta(days=2),
        duration_minutes=30, channel="phone", booked_at=NOW))  # fmt: skip
    await migrate("coaching", database_url, "0007")

    now_kept = table("appointments", appointment_id=sa.Uuid(), office_id=sa.String(), kind=sa.String(),
                     status=sa.String(), sequence=sa.Integer())  # fmt: skip
    staff = table("appointment_staff", appointment_id=sa.Uuid(), staff_id=sa.String())
    people = table(
        "appointment_participants", appointment_id=sa.Uuid(), client_id=sa.Uuid(), notice_given_at=sa.DateTime()
    )
    assert [tuple(r) for r in await run(database_url, sa.select(now_kept))] == [
        (appointment_id, "plon", "individual", "booked", 0)
    ]
    assert [tuple(r) for r in await run(database_url, sa.select(staff))] == [(appointment_id, "plon-cm-01")]
    assert [tuple(r) for r in await run(database_url, sa.select(people))] == [(appointment_id, client_id, None)]

    await downgrade("coaching", database_url, "0005")
    assert [r[0] for r in await run(database_url, sa.select(appointments.c.appointment_id))] == [appointment_id]
    await migrate("coaching", database_url, "0007")
