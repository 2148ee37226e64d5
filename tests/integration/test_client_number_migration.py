"""Upgrading an intake database with clients: each gets a client number in the order of registration, their
names become searchable, and new registrations continue the numbers. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import sqlalchemy as sa

from services.platform.auth.staff import Role
from tests.integration.migration_support import NOW, clients, downgrade, migrate, run
from tests.support.running_service import running_service


def old_client(given: str, family: str, registered_hours_ago: int) -> dict[str, object]:
    return {
        "client_id": uuid4(),
        "household_id": uuid4(),
        "office_id": "lutjenburg",
        "given_name": given,
        "family_name": family,
        "birth_date": NOW.date().replace(year=1980),
        "postcode": "24321",
        "target_groups": [],
        "consent_given_at": NOW,
        "registered_at": NOW - timedelta(hours=registered_hours_ago),
        "registered_by": "clerk-1",
        "special_categories": "k1:not-opened-here",
    }


async def test_existing_clients_are_numbered_in_registration_order_and_found_by_name(
    database_url, kafka_server, tokens
):
    await migrate("intake", database_url, "0002")
    later, earlier = old_client("Jens", "Strauß", 1), old_client("Anna-Lena", "Müller", 5)
    await run(database_url, clients.insert().values([later, earlier]))
    await migrate("intake", database_url, "heads")

    numbered = sa.table("clients", sa.column("client_number"), sa.column("family_name"))
    rows = await run(
        database_url, sa.select(numbered.c.family_name, numbered.c.client_number).order_by("client_number")
    )
    assert [tuple(r) for r in rows] == [("Müller", "L-000001"), ("Strauß", "L-000002")]

    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as intake:
        manager = tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",), staff_id="lutjenburg-cm-01")
        found = await intake.http.get("/clients/search", params={"name": "lena mueller"}, headers=manager)
        assert [i["client_id"] for i in found.json()["items"]] == [str(earlier["client_id"])]
        body = {
            "person": {"given_name": "Ole", "family_name": "Hansen", "birth_date": "1985-03-01"},
            "residence_postcode": "24321",
            "consent": True,
        }
        clerk = tokens.headers(Role.INTAKE_CLERK, offices=("lutjenburg",), staff_id="clerk-1")
        assert (await intake.http.post("/clients", json=body, headers=clerk)).json()["client_number"] == "L-000003"

    await downgrade("intake", database_url, "0002")
    assert len(await run(database_url, sa.select(sa.text("*")).select_from(sa.table("clients")))) == 3
