"""Staff's decision on a possible duplicate, in one transaction: "not the same person", or a merge.

A merge writes the fields taken into the surviving row (its name tokens anew), marks the other row merged
into it, closes the merged-away client's other open pairs, appends what moved where to `client_merges`
(append-only), and stages `client_merged.v1` (ids only) in the outbox of the same commit. The survivor is then
checked again, so a changed name or birth date can propose a pair the old one missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import delete, update
from sqlmodel import col

from contracts.events import ClientMergedV1
from services.intake.domain.merges import DecidePair, Merge, PairStatus, check_decision
from services.intake.domain.model import IntakeError
from services.intake.domain.offices import OfficeDirectory
from services.intake.tables import (
    ClientMergeRow,
    ClientNameTokenRow,
    ClientRow,
    DuplicatePairRow,
    name_token_rows,
    to_on_file,
)
from services.intake.use_cases.duplicate_pairs import PairView, pairs_query, to_view
from services.intake.use_cases.duplicates import close_pairs_of, flag_duplicates
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction

_COLUMNS = {"residence_postcode": "postcode"}  # a merge field's column, where the names differ


@dataclass(frozen=True)
class Decided:
    by: StaffUser
    purpose: str
    at: datetime


async def decide(tx: Transaction, cmd: DecidePair, by: StaffUser, offices: OfficeDirectory, purpose: str) -> PairView:
    pair, first, second = await _load(tx, cmd.pair_id, by)
    merge = check_decision(cmd, PairStatus(pair.status), (first.client_id, second.client_id))
    decided = Decided(by, purpose, datetime.now(UTC))
    status = PairStatus.NOT_SAME_PERSON if merge is None else PairStatus.MERGED
    claimed = await tx.session.execute(
        update(DuplicatePairRow)
        .where(col(DuplicatePairRow.pair_id) == pair.pair_id, col(DuplicatePairRow.status) == PairStatus.OPEN.value)
        .values(status=status.value, decided_by=by.staff_id, decided_at=decided.at)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("the pair was decided concurrently; read it again")
    if merge is not None:
        rows = {first.client_id: first, second.client_id: second}
        await _merge(tx, pair.pair_id, merge, rows[merge.surviving], rows[merge.merged], offices, decided)
    await tx.session.refresh(pair)
    return to_view(pair, first, second)


async def _load(tx: Transaction, pair_id: UUID, by: StaffUser) -> tuple[DuplicatePairRow, ClientRow, ClientRow]:
    row = (await tx.session.execute(pairs_query().where(col(DuplicatePairRow.pair_id) == pair_id))).first()
    if row is None:
        raise NotFound("duplicate pair", pair_id)
    pair, first, second = row
    for client in (first, second):
        by.require_office(client.office_id)
    return pair, first, second


async def _merge(
    tx: Transaction,
    pair_id: UUID,
    merge: Merge,
    survivor: ClientRow,
    merged: ClientRow,
    offices: OfficeDirectory,
    decided: Decided,
) -> None:
    if survivor.merged_into is not None or merged.merged_into is not None:
        raise Conflict("one of the two clients was merged into another client meanwhile")
    _take_fields(merge, survivor, merged, offices)
    merged.merged_into, merged.merged_at = survivor.client_id, decided.at
    await _renew_name_tokens(tx, survivor)
    await close_pairs_of(tx, merged.client_id, decided.at)
    tx.session.add(_merge_record(pair_id, merge, decided))
    await tx.publish(
        ClientMergedV1(
            client_id=merged.client_id,
            merged_into=survivor.client_id,
            office_id=survivor.office_id,
            merged_at=decided.at,
        )
    )
    await tx.session.flush()
    await flag_duplicates(tx, to_on_file(survivor))


def _take_fields(merge: Merge, survivor: ClientRow, merged: ClientRow, offices: OfficeDirectory) -> None:
    if "residence_postcode" in merge.taken:
        office = offices.for_postcode(merged.postcode)
        if office is None or office.office_id != survivor.office_id:
            raise IntakeError("take_from_merged", "that postcode belongs to another office: record the move first")
    for field in sorted(merge.taken):
        column = _COLUMNS.get(field, field)
        setattr(survivor, column, getattr(merged, column))


async def _renew_name_tokens(tx: Transaction, survivor: ClientRow) -> None:
    await tx.session.execute(delete(ClientNameTokenRow).where(col(ClientNameTokenRow.client_id) == survivor.client_id))
    tx.session.add_all(name_token_rows(survivor.client_id, survivor.given_name, survivor.family_name))


def _merge_record(pair_id: UUID, merge: Merge, decided: Decided) -> ClientMergeRow:
    return ClientMergeRow(
        merge_id=new_id(),
        pair_id=pair_id,
        surviving_client_id=merge.surviving,
        merged_client_id=merge.merged,
        fields_from=merge.fields_from(),
        decided_at=decided.at,
        decided_by=decided.by.staff_id,
        roles=",".join(sorted(decided.by.roles)),
        purpose=decided.purpose,
    )
