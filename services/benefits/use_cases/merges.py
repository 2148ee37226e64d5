"""Intake merged a duplicate registration (`client_merged.v1`): the person belongs to the kept client's household
only. The duplicate's membership ends — or becomes the kept client's, when benefits knew only the duplicate — and
the pay placement reported for the duplicate follows the person. No decision is taken here: the household's
entered members name clients, and a clerk confirms the household (PUT /households) after a merge."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col

from contracts.events import ClientMergedV1
from services.benefits.tables import EarnedIncomeRow, HouseholdMemberRow
from services.platform.unit_of_work import Transaction


async def follow_merge(tx: Transaction, event: ClientMergedV1) -> None:
    gone = await tx.session.get(HouseholdMemberRow, event.client_id, with_for_update=True)
    kept = await tx.session.get(HouseholdMemberRow, event.merged_into, with_for_update=True)
    if gone is not None and kept is None:
        kept = HouseholdMemberRow(client_id=event.merged_into, household_id=gone.household_id, office_id=gone.office_id)
        tx.session.add(kept)
    if gone is not None:
        await tx.session.delete(gone)
    await tx.session.execute(
        update(EarnedIncomeRow)
        .where(col(EarnedIncomeRow.client_id) == event.client_id)
        .values(client_id=event.merged_into, household_id=kept.household_id if kept else None)
    )
