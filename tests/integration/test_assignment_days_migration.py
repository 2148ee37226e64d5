"""Upgrading a coaching database to revision 0014: cases keep every row and learn no day they never knew (the
registration's and the assignment's stay None; coaching falls back to `assigned_at`'s day). SQLite and
PostgreSQL, down and up again."""

from __future__ import annotations

from datetime import date
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
    opened_at=sa.DateTime(timezone=True),
    assigned_at=sa.DateTime(timezone=True),
)
dated = table("cases", client_id=sa.Uuid(), registered_on=sa.Date(), assigned_on=sa.Date())


async def test_cases_from_before_0014_keep_their_rows_without_days_and_go_down_and_up_again(database_url):
    await migrate("coaching", database_url, "0013_migrated_obstacles")
    client_id = uuid4()
    await run(database_url, cases.insert().values(client_id=client_id, household_id=uuid4(), office_id="plon",
              status="in_coaching", case_worker_id="plon-cm-01", opened_at=NOW, assigned_at=NOW))  # fmt: skip
    await migrate("coaching", database_url, "0014_assignment_days")
    assert [tuple(r) for r in await run(database_url, sa.select(dated))] == [(client_id, None, None)]
    await run(database_url, dated.update().values(registered_on=date(2025, 8, 4), assigned_on=date(2025, 8, 11)))

    await downgrade("coaching", database_url, "0013_migrated_obstacles")
    assert [r[0] for r in await run(database_url, sa.select(cases.c.client_id))] == [client_id]
    await migrate("coaching", database_url, "0014_assignment_days")
    assert [tuple(r) for r in await run(database_url, sa.select(dated))] == [(client_id, None, None)]
