"""A client moved (`client_moved.v1`): the household moves with them, in one transaction with its decision.

The household's members and its inputs go to the new office. Into another district, the new district's
appropriate rent for the household's size (domain/appropriate_rents.py) replaces the one entered, from the month
of the move, and the household is recomputed: a change decision if the amount changes (announced as
`entitlement_changed.v1`), the opening and the sealing audited as the event's. A move within the district keeps
the figure (§ 22 Abs. 4 S. 4 SGB II keeps at most the former need after an unnecessary move there: the clerk's
call, with the new flat's costs). The new rent itself is entered by the clerk from the rental contract.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import update
from sqlmodel import col

from contracts.events import ClientMovedV1
from services.benefits.domain.appropriate_rents import AppropriateRents, move_month
from services.benefits.domain.decisions import AUTOMATIC, Cause
from services.benefits.domain.snapshots import entered_json
from services.benefits.tables import HOUSEHOLD_INPUTS, HouseholdMemberRow, HouseholdRow
from services.benefits.use_cases.decisions import Trigger, decide_automatically
from services.benefits.use_cases.household_facts import load_facts
from services.benefits.use_cases.special_categories import Sealing
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)


async def move_household(
    tx: Transaction, event: ClientMovedV1, vault: SpecialCategories, rents: AppropriateRents
) -> None:
    member = await tx.session.get(HouseholdMemberRow, event.client_id)
    if member is None:
        log.info("client %s moved before benefits heard of their household", event.client_id)
        return
    household_id = member.household_id
    await tx.session.execute(
        update(HouseholdMemberRow)
        .where(col(HouseholdMemberRow.household_id) == household_id)
        .values(office_id=event.office_id)
    )
    row = await tx.session.get(HouseholdRow, household_id, with_for_update=True)
    if row is None:
        return
    row.office_id = event.office_id
    if event.district == event.from_district:
        return
    await _apply_new_district(tx, event, row, vault, rents)


async def _apply_new_district(
    tx: Transaction, event: ClientMovedV1, row: HouseholdRow, vault: SpecialCategories, rents: AppropriateRents
) -> None:
    month = move_month(event.moved_on)
    limits = rents.limits_on(event.district, month)
    if limits is None:
        log.warning("household %s: no appropriate rent of %s for %s", row.household_id, event.district, month)
        return
    await tx.session.flush()
    sealing = Sealing.for_event(vault, event.type)
    facts = await load_facts(tx, row.household_id, lock=True, sealing=sealing)
    if facts is None or facts.inputs is None:
        return
    inputs = facts.inputs
    appropriate = limits.for_size(len(inputs.members))
    if appropriate == inputs.housing.appropriate_rent:
        return
    moved = replace(inputs, housing=replace(inputs.housing, appropriate_rent=appropriate))
    row.sealed_inputs = await sealing.seal(tx, facts.subjects, HOUSEHOLD_INPUTS, row.household_id, entered_json(moved))
    row.inputs_month = facts.decision_month(month)
    trigger = Trigger(Cause.MOVED, month, event.moved_on, AUTOMATIC)
    await decide_automatically(tx, replace(facts, row=row, inputs=moved), trigger, sealing)
