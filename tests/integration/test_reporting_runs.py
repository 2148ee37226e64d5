"""The rebuild applies runs of registrations, assignments and grants in a few statements (`RUN_EFFECTS`): on SQLite
and PostgreSQL the rows are those of applying the same events one by one, also where they meet."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from contracts.events import CaseAssignedV1, ClientRegisteredV1, EntitlementGrantedV1, Event, MemberShareV1
from services.platform.database import create_engine, session_factory
from services.platform.inbox import Inbox
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.unit_of_work import UnitOfWork
from services.reporting.consumers import EFFECTS, RUN_EFFECTS
from services.reporting.tables import BenefitMonthRow, NeedyMonthRow, PersonRow, ProgrammeRow, plumbing

A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()  # people
H1, H2 = uuid.uuid4(), uuid.uuid4()  # households
AT = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.fixture
def second_url(request: pytest.FixtureRequest, database_backend: str, tmp_path: Path) -> str:
    if database_backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'one_by_one.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    name = f"one_{uuid.uuid4().hex[:12]}"
    cluster.create_database(name)
    return str(cluster.dsn(name))


def grant(household: uuid.UUID, members: list[uuid.UUID], first: date, last: date, amount: str) -> EntitlementGrantedV1:
    each = len(members)  # equal need shares (§ 9 Abs. 2 S. 3 SGB II), kept on each member's needy months
    shares = [MemberShareV1(client_id=m, subsistence_amount=(Decimal(amount) - 300) / each,
        housing_amount=Decimal(300) / each) for m in members]  # fmt: skip
    return EntitlementGrantedV1(household_id=household, decision_id=uuid.uuid4(), client_ids=members,
        period_start=first, period_end=last, monthly_entitlement=Decimal(amount),
        subsistence_amount=Decimal(amount) - 300, housing_amount=Decimal(300), member_shares=shares)  # fmt: skip


def registered(client: uuid.UUID, office: str) -> ClientRegisteredV1:
    return ClientRegisteredV1(client_id=client, household_id=H1, office_id=office, target_groups=["u25"],
        registered_at=AT, sex="female")  # fmt: skip


def assigned(client: uuid.UUID, programme: str, later: int) -> CaseAssignedV1:
    return CaseAssignedV1(client_id=client, case_worker_id="cm-1", office_id="plon", program_id=programme,
        assigned_at=AT + timedelta(days=later))  # fmt: skip


EVENTS: list[Event] = [
    grant(H1, [A, B], date(2026, 1, 1), date(2026, 12, 1), "1000.00"),
    grant(H1, [A, B], date(2027, 1, 1), date(2027, 6, 1), "1010.00"),  # the next period: meets nothing
    grant(H1, [A], date(2026, 7, 1), date(2026, 12, 1), "900.00"),  # B leaves H1 from July: overrides months
    grant(H2, [B, C], date(2026, 6, 1), date(2026, 12, 1), "800.00"),  # and joins H2 from June
    grant(H2, [C], date(2026, 6, 1), date(2026, 12, 1), "700.00"),  # then H2 is decided again without B
    registered(A, "plon"),
    registered(B, "plon"),
    registered(A, "preetz"),  # a repeated registration: the last stands
    assigned(A, "joboffensive", 2),
    assigned(A, "standard", 1),  # older, arrives later: the latest assignment wins
    assigned(B, "standard", 1),
    assigned(B, "gemeinsam", 1),  # the same moment, later: wins, as one by one
]


async def rows(url: str, apply: Any) -> dict[str, list[tuple[Any, ...]]]:
    await upgrade_async("reporting", url)
    engine = create_engine(url)
    uow = UnitOfWork(session_factory(engine), Outbox(plumbing, source="/tests"), Inbox(plumbing))
    try:
        async with uow.transaction() as tx:
            await apply(tx)
        async with uow.transaction() as tx:
            found = {}
            for table in (BenefitMonthRow, NeedyMonthRow, PersonRow, ProgrammeRow):
                result = await tx.session.execute(select(table.__table__))  # type: ignore[union-attr]
                found[table.__name__] = sorted(tuple(str(v) for v in row) for row in result.all())
            return found
    finally:
        await engine.dispose()


def effect(event: Event) -> Any:
    return next(e[type(event)] for e in EFFECTS.values() if type(event) in e)


async def test_runs_of_grants_registrations_and_assignments_leave_the_rows_of_one_by_one(database_url, second_url):
    async def in_runs(tx: Any) -> None:
        for kind in (EntitlementGrantedV1, ClientRegisteredV1, CaseAssignedV1):
            await RUN_EFFECTS[kind](tx, [e for e in EVENTS if type(e) is kind])

    async def one_by_one(tx: Any) -> None:
        for event in EVENTS:
            await effect(event)(tx, event)
            await tx.session.flush()
            tx.session.expunge_all()

    together, apart = await rows(database_url, in_runs), await rows(second_url, one_by_one)
    assert together == apart
    needy_in_h2 = [r for r in together["NeedyMonthRow"] if r[2] == str(H2)]
    assert {r[0] for r in needy_in_h2} == {str(C)}  # B was decided out of H2 again
    assert {(r[3], r[4]) for r in needy_in_h2} == {("400.00", "300.00")}  # and C's share is the last grant's
    assert len(together["BenefitMonthRow"]) == 12 + 6 + 7  # H1 2026, H1 2027, H2 Jun–Dec
    assert [r[2] for r in together["PersonRow"] if r[0] == str(A)] == ["preetz"]
    assert {r[1] for r in together["ProgrammeRow"]} == {"joboffensive", "gemeinsam"}


def test_grants_that_meet_are_split_into_runs() -> None:
    from services.reporting.use_cases.benefits import _runs

    grants: Sequence[EntitlementGrantedV1] = [e for e in EVENTS if isinstance(e, EntitlementGrantedV1)]
    assert [len(run) for run in _runs(grants)] == [2, 2, 1]
