"""Upgrading a coaching database with cases: each active case learns its last contact and when the next one is
due, so the caseload worklist orders it at once. SQLite and PostgreSQL."""

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
    case_worker_id=sa.String(),
    contact_interval_days=sa.Integer(),
    assigned_at=sa.DateTime(timezone=True),
    opened_at=sa.DateTime(timezone=True),
)
contacts = table(
    "contacts",
    contact_id=sa.Uuid(),
    client_id=sa.Uuid(),
    case_worker_id=sa.String(),
    channel=sa.String(),
    occurred_at=sa.DateTime(timezone=True),
    sealed_note=sa.Text(),
)


def case(status: str, assigned: bool = True) -> dict[str, object]:
    return {
        "client_id": uuid4(),
        "household_id": uuid4(),
        "office_id": "lutjenburg",
        "status": status,
        "case_worker_id": "lutjenburg-cm-01" if assigned else None,
        "contact_interval_days": 14 if assigned else None,
        "assigned_at": NOW - timedelta(days=20) if assigned else None,
        "opened_at": NOW - timedelta(days=21),
    }


async def test_existing_cases_get_their_last_contact_and_next_due_date(database_url):
    await migrate("coaching", database_url, "0004")
    contacted, silent, waiting, closed = (
        case("in_coaching"),
        case("ready_for_placement"),
        case("awaiting_assignment", False),
        case("closed"),
    )
    await run(database_url, cases.insert().values([contacted, silent, waiting, closed]))
    await run(
        database_url,
        contacts.insert().values(
            [
                {"contact_id": uuid4(), "client_id": contacted["client_id"], "case_worker_id": "lutjenburg-cm-01",
                 "channel": "phone", "occurred_at": NOW - timedelta(days=d), "sealed_note": "k1:x"}
                for d in (10, 3)
            ]
        ),
    )  # fmt: skip
    await migrate("coaching", database_url, "heads")

    kept = table("cases", client_id=sa.Uuid(), last_contact_at=sa.DateTime(timezone=True),
                 next_contact_due_at=sa.DateTime(timezone=True))  # fmt: skip
    rows = {
        r[0]: (r[1], r[2])
        for r in await run(
            database_url, sa.select(kept.c.client_id, kept.c.last_contact_at, kept.c.next_contact_due_at)
        )
    }

    def utc(moment):
        return (
            None
            if moment is None
            else moment.replace(tzinfo=None)
            if moment.tzinfo is None
            else moment.astimezone(NOW.tzinfo).replace(tzinfo=None)
        )

    naive_now = NOW.replace(tzinfo=None)
    assert tuple(map(utc, rows[contacted["client_id"]])) == (
        naive_now - timedelta(days=3),
        naive_now + timedelta(days=11),
    )
    assert tuple(map(utc, rows[silent["client_id"]])) == (None, naive_now - timedelta(days=6))
    assert rows[waiting["client_id"]] == (None, None) and rows[closed["client_id"]] == (None, None)

    await downgrade("coaching", database_url, "0004")
    assert len(await run(database_url, sa.select(cases.c.client_id))) == 4
