"""Possible duplicates: found at registration, listed for staff, decided by staff. One transaction each.

The database narrows the candidates by birth date: every date the comparison accepts (about fifty, see
`near_birth_dates`) on the indexed column, in every office, merged-away clients left out. Not by the name
tokens the search narrows by: a typo in a name's first letters ("Nüller") escapes that narrowing, whereas no
duplicate escapes the birth date's, as the comparison demands one of those dates. The domain scores the few
rows it returns. Candidates come from every office (someone who moved is registered in another), but staff
see a pair only when they act for both clients' offices, as every read of a client checks the reader's
office; the check stores the pair either way, for staff who act for both.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import ColumnElement, or_, select, update
from sqlmodel import col

from services.intake.domain.duplicates import OnFile, PossibleDuplicate, near_birth_dates, possible_duplicates
from services.intake.domain.merges import PairStatus, pair_of
from services.intake.tables import ClientRow, DuplicatePairRow
from services.intake.use_cases.search import Audited, record_shown
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class Proposal:
    """A possible duplicate of a client just registered, as its pair on the worklist."""

    pair_id: UUID
    other: OnFile
    score: int
    reasons: tuple[str, ...]


Candidates = Callable[[Transaction, OnFile], Awaitable[list[OnFile]]]
ON_FILE_COLUMNS = tuple(col(getattr(ClientRow, f.name)) for f in fields(OnFile))  # the row's columns of the same names


async def candidates(tx: Transaction, person: OnFile) -> list[OnFile]:
    """Only the columns the comparison reads: a third of the row, no JSON to decode."""
    query = select(*ON_FILE_COLUMNS).where(
        col(ClientRow.birth_date).in_(near_birth_dates(person.birth_date)),
        col(ClientRow.merged_into).is_(None),
        col(ClientRow.client_id) != person.client_id,
    )
    return [OnFile(**row._asdict()) for row in (await tx.session.execute(query)).all()]


async def flag_duplicates(tx: Transaction, person: OnFile, candidates_of: Candidates = candidates) -> list[Proposal]:
    """Stores a pair for each possible duplicate not paired before; the open pairs of `person`, best first.
    A pair staff decided is never proposed again."""
    found = possible_duplicates(person, await candidates_of(tx, person))
    if not found:
        return []
    known = await _pairs_of(tx, person.client_id)
    now, proposals = datetime.now(UTC), []
    for duplicate in found:
        row = known.get(pair_of(person.client_id, duplicate.other.client_id)) or _new_pair(person, duplicate, now)
        if row.pair_id not in {r.pair_id for r in known.values()}:
            tx.session.add(row)
        if row.status == PairStatus.OPEN:
            proposals.append(Proposal(row.pair_id, duplicate.other, row.score, tuple(row.reasons)))
    await tx.session.flush()
    return proposals


def _new_pair(person: OnFile, duplicate: PossibleDuplicate, now: datetime) -> DuplicatePairRow:
    first, second = pair_of(person.client_id, duplicate.other.client_id)
    found = duplicate.resemblance
    return DuplicatePairRow(
        pair_id=new_id(),
        first_client_id=first,
        second_client_id=second,
        score=found.score,
        reasons=list(found.reasons),
        found_at=now,
        status=PairStatus.OPEN.value,
    )


def involving(client_id: UUID) -> ColumnElement[bool]:
    return or_(col(DuplicatePairRow.first_client_id) == client_id, col(DuplicatePairRow.second_client_id) == client_id)


async def _pairs_of(tx: Transaction, client_id: UUID) -> dict[tuple[UUID, UUID], DuplicatePairRow]:
    rows = (await tx.session.scalars(select(DuplicatePairRow).where(involving(client_id)))).all()
    return {(r.first_client_id, r.second_client_id): r for r in rows}


async def check_registration(
    tx: Transaction, person: OnFile, by: StaffUser, audited: Audited, candidates_of: Candidates = candidates
) -> list[Proposal]:
    """The possible duplicates of a client just registered that the registering staff member may see; the
    pairs go on the worklist either way. Showing them is audited like a search."""
    shown = [p for p in await flag_duplicates(tx, person, candidates_of) if by.may_act_for(p.other.office_id)]
    if shown:
        criteria = {"duplicates_of": str(person.client_id)}
        await record_shown(tx, by, audited, criteria, [p.other.client_id for p in shown])
    return shown


async def close_pairs_of(tx: Transaction, client_id: UUID, now: datetime) -> None:
    """A client merged away leaves their other open pairs: the survivor's own check proposes anew what still fits."""
    await tx.session.execute(
        update(DuplicatePairRow)
        .where(involving(client_id), col(DuplicatePairRow.status) == PairStatus.OPEN.value)
        .values(status=PairStatus.SUPERSEDED.value, decided_at=now)
    )
