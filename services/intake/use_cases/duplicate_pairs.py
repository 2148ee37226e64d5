"""The pairs of possible duplicates as staff read them: a client's pairs, an office's worklist. Each read audited
like a search (it shows two clients). A pair is shown only to staff who act for both clients' offices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from services.intake.domain.duplicates import OnFile
from services.intake.domain.merges import PairStatus
from services.intake.tables import ClientRow, DuplicatePairRow, to_on_file
from services.intake.use_cases.duplicates import involving
from services.intake.use_cases.search import Audited, record_shown
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction

First, Second = aliased(ClientRow, name="first_client"), aliased(ClientRow, name="second_client")
PairsQuery = Select[DuplicatePairRow, ClientRow, ClientRow]


@dataclass(frozen=True)
class PairView:
    pair_id: UUID
    first: OnFile
    second: OnFile
    score: int
    reasons: tuple[str, ...]
    found_at: datetime
    status: PairStatus
    decided_by: str | None
    decided_at: datetime | None
    merged_into: UUID | None  # the surviving client, once merged

    @property
    def client_ids(self) -> tuple[UUID, UUID]:
        return self.first.client_id, self.second.client_id


def pairs_query() -> PairsQuery:
    return (
        select(DuplicatePairRow, First, Second)
        .join(First, col(First.client_id) == col(DuplicatePairRow.first_client_id))
        .join(Second, col(Second.client_id) == col(DuplicatePairRow.second_client_id))
    )


def visible_to(query: PairsQuery, by: StaffUser) -> PairsQuery:
    if (offices := by.visible_offices()) is None:
        return query
    return query.where(col(First.office_id).in_(sorted(offices)), col(Second.office_id).in_(sorted(offices)))


def to_view(pair: DuplicatePairRow, first: ClientRow, second: ClientRow) -> PairView:
    merged_into = next((c.merged_into for c in (first, second) if c.merged_into is not None), None)
    return PairView(
        pair_id=pair.pair_id,
        first=to_on_file(first),
        second=to_on_file(second),
        score=pair.score,
        reasons=tuple(pair.reasons),
        found_at=pair.found_at,
        status=PairStatus(pair.status),
        decided_by=pair.decided_by,
        decided_at=pair.decided_at,
        merged_into=merged_into if pair.status == PairStatus.MERGED else None,
    )


async def _views(tx: Transaction, query: PairsQuery) -> list[PairView]:
    return [to_view(pair, first, second) for pair, first, second in (await tx.session.execute(query)).all()]


async def pairs_of_client(tx: Transaction, client_id: UUID, by: StaffUser, audited: Audited) -> list[PairView]:
    """Every pair of the client, open and decided, that the caller may see."""
    client = await tx.session.get(ClientRow, client_id)
    if client is None:
        raise NotFound("client", client_id)
    by.require_office(client.office_id)
    query = visible_to(pairs_query().where(involving(client_id)), by)
    views = await _views(tx, query.order_by(col(DuplicatePairRow.pair_id)))
    await record_shown(tx, by, audited, {"duplicates_of": str(client_id)}, [c for v in views for c in v.client_ids])
    return views


async def worklist(
    tx: Transaction, office_id: str | None, by: StaffUser, audited: Audited, after: UUID | None, limit: int
) -> tuple[list[PairView], bool]:
    """The open pairs with a client in the office (or any of the caller's), oldest first; whether more follow."""
    offices = by.visible_offices(office_id)
    query = visible_to(pairs_query().where(col(DuplicatePairRow.status) == PairStatus.OPEN.value), by)
    if offices is not None:
        query = query.where(or_(col(First.office_id).in_(sorted(offices)), col(Second.office_id).in_(sorted(offices))))
    if after is not None:
        query = query.where(col(DuplicatePairRow.pair_id) > after)
    views = await _views(tx, query.order_by(col(DuplicatePairRow.pair_id)).limit(limit + 1))
    shown = views[:limit]
    await record_shown(tx, by, audited, {"duplicate_worklist": office_id}, [c for v in shown for c in v.client_ids])
    return shown, len(views) > limit
