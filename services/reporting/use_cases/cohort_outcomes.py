"""Cohorts and what became of their members (coaching's cohort events), each event applied once (the inbox is the
consumer's), and read back for the cohort success yardstick. Each event writes its own columns, so the rows are the
same in whatever order a rebuild reads the cases topic's partitions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import CohortClosedV1, CohortJoinedV1, CohortOpenedV1, CohortOutcomeRecordedV1
from services.platform.unit_of_work import Transaction
from services.reporting.domain.cohort_outcomes import Cohort, Member
from services.reporting.tables import CohortMemberRow, CohortRow
from services.reporting.upserts import insert


async def record_opening(tx: Transaction, event: CohortOpenedV1) -> None:
    row = {"cohort_id": event.cohort_id, "programme_id": event.program_id, "office_id": event.office_id}
    await _upsert(tx, CohortRow, "cohort_id", row, starts_on=event.starts_on, ends_on=event.ends_on)


async def record_close(tx: Transaction, event: CohortClosedV1) -> None:
    row = {"cohort_id": event.cohort_id, "programme_id": event.program_id, "office_id": event.office_id}
    await _upsert(tx, CohortRow, "cohort_id", row, closed_on=event.closed_on)


async def record_member(tx: Transaction, event: CohortJoinedV1) -> None:
    await _upsert(tx, CohortMemberRow, "participation_id", _member(event), joined_on=event.joined_on)


async def record_outcome(tx: Transaction, event: CohortOutcomeRecordedV1) -> None:
    """The latest outcome recorded stands (staff may correct one until the close)."""
    await _upsert(
        tx, CohortMemberRow, "participation_id", _member(event), outcome=event.outcome, outcome_on=event.outcome_on
    )


def _member(event: CohortJoinedV1 | CohortOutcomeRecordedV1) -> dict[str, Any]:
    return {
        "participation_id": event.participation_id,
        "cohort_id": event.cohort_id,
        "client_id": event.client_id,
        "office_id": event.office_id,
    }


async def _upsert(tx: Transaction, table: Any, key: str, row: dict[str, Any], **own: Any) -> None:
    statement = insert(tx.session, table)
    statement = statement.on_conflict_do_update(
        index_elements=[key], set_={name: statement.excluded[name] for name in own}
    )
    await tx.session.execute(statement, [{**row, **own}])


async def load(session: AsyncSession, offices: frozenset[str] | None) -> tuple[list[Cohort], list[Member]]:
    """The cohorts of the offices (None: every office) and their members."""
    cohorts = select(CohortRow)
    if offices is not None:
        cohorts = cohorts.where(CohortRow.office_id.in_(sorted(offices)))  # type: ignore[attr-defined]
    found = [
        Cohort(r.cohort_id, r.programme_id, r.office_id, r.ends_on) for r in (await session.execute(cohorts)).scalars()
    ]
    ids = [c.cohort_id for c in found]
    members: Sequence[CohortMemberRow] = []
    if ids:
        query = select(CohortMemberRow).where(CohortMemberRow.cohort_id.in_(ids))  # type: ignore[attr-defined]
        members = (await session.execute(query)).scalars().all()
    return found, [Member(m.cohort_id, m.client_id, m.outcome, m.outcome_on) for m in members]
