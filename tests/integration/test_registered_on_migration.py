"""Upgrading an intake database with clients: each is dated on the Berlin day of the moment it was registered (a
registration at 23:30 UTC in winter is the next day's), and a downgrade keeps the clients. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import sqlalchemy as sa

from services.platform.columns import UtcDateTime
from tests.integration.migration_support import downgrade, migrate, run, table

clients = table(
    "clients",
    client_id=sa.Uuid(),
    client_number=sa.String(),
    household_id=sa.Uuid(),
    office_id=sa.String(),
    given_name=sa.String(),
    family_name=sa.String(),
    birth_date=sa.Date(),
    postcode=sa.String(),
    target_groups=sa.JSON(),
    consent_given_at=UtcDateTime(),
    registered_at=UtcDateTime(),
    registered_by=sa.String(),
    special_categories=sa.Text(),
)
dated = table("clients", client_number=sa.String(), registered_on=sa.Date())


def old_client(number: str, registered_at: datetime) -> dict[str, object]:
    return {
        "client_id": uuid4(),
        "client_number": number,
        "household_id": uuid4(),
        "office_id": "lutjenburg",
        "given_name": "Jens",
        "family_name": f"Strauß {number}",
        "birth_date": date(1980, 5, 17),
        "postcode": "24321",
        "target_groups": [],
        "consent_given_at": registered_at,
        "registered_at": registered_at,
        "registered_by": "clerk-1",
        "special_categories": "k1:not-opened-here",
    }


async def test_existing_clients_are_dated_on_the_berlin_day_of_their_registration(database_url):
    await migrate("intake", database_url, "0009_import_household")
    rows = [
        old_client("L-000001", datetime(2026, 1, 14, 23, 30, tzinfo=UTC)),  # 00:30 in Berlin (CET)
        old_client("L-000002", datetime(2026, 7, 14, 21, 59, tzinfo=UTC)),  # 23:59 in Berlin (CEST)
        old_client("L-000003", datetime(2026, 7, 14, 22, 0, tzinfo=UTC)),  # 00:00 in Berlin (CEST)
    ]
    await run(database_url, clients.insert().values(rows))
    await migrate("intake", database_url, "heads")

    days = await run(database_url, sa.select(dated.c.client_number, dated.c.registered_on).order_by("client_number"))
    assert [tuple(r) for r in days] == [
        ("L-000001", date(2026, 1, 15)),
        ("L-000002", date(2026, 7, 14)),
        ("L-000003", date(2026, 7, 15)),
    ]

    await downgrade("intake", database_url, "0009_import_household")
    assert len(await run(database_url, sa.select(sa.text("*")).select_from(sa.table("clients")))) == 3
