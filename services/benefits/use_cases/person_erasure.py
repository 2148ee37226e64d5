"""A person's data in benefits' household records, erased with the person (`POST /persons/{client_id}/erasure`).

The person-level rows go by `person_data.py`; this is the rest: the households the person belonged to (their
current one, and every one an employment of theirs was counted in) keep their records, as the other members'
and the books need them, but without the person (`domain/person_erasure.py`). Each sealed document is opened
with the service's key ring, changed and sealed again in the erasure's transaction, every write audited:
- the entered inputs (`households.sealed_inputs`): the member's client id, birth date, incomes, assets;
- each decision's computation (`decisions.sealed_computation`): the same in the engine's household, the
  person's id in the result lines; the decision's amounts (clear columns) and the payments stay — the books;
- the letters' recipient (name, address), when the person was the household's applicant (adult).
Run again, nothing names the person any more, so nothing changes: idempotent like the rest of the erasure.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.benefits.domain.model import Role
from services.benefits.domain.person_erasure import erase_computed, erase_entered, renamed
from services.benefits.domain.snapshots import entered_from_json, entered_json, household_json, inputs_from_json
from services.benefits.tables import (
    DECISION_COMPUTATION,
    HOUSEHOLD_INPUTS,
    DecisionRow,
    EarnedIncomeRow,
    HouseholdMemberRow,
    HouseholdRow,
    LetterRecipientRow,
)
from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.privacy.audit import Access, AccessAction, record
from services.platform.privacy.cipher import field_context
from services.platform.privacy.vault import SpecialCategories

ERASURE_USER = StaffUser("benefits (erasure)", frozenset(), frozenset({ALL_OFFICES}))
PURPOSE = "POST /persons/{client_id}/erasure"


class HouseholdErasure:
    """`PersonParts`' extra step for benefits: run before the person's own rows go (they say where to look)."""

    def __init__(self, vault: SpecialCategories) -> None:
        self._vault = vault

    async def __call__(self, session: AsyncSession, client_id: UUID) -> dict[str, int]:
        counts = {"households": 0, "decisions": 0, "letter_recipients": 0}
        for household_id in await _households_of(session, client_id):
            applicant = await self._inputs(session, household_id, client_id, counts)
            await self._decisions(session, household_id, client_id, counts)
            if applicant:
                recipient = await session.get(LetterRecipientRow, household_id)
                if recipient is not None:
                    await session.delete(recipient)
                    counts["letter_recipients"] += 1
        return counts

    async def _inputs(self, session: AsyncSession, household_id: UUID, client_id: UUID, counts: dict[str, int]) -> bool:
        """Whether the person was the household's applicant."""
        row = await session.get(HouseholdRow, household_id, with_for_update=True)
        if row is None:
            return False
        context = field_context(HOUSEHOLD_INPUTS, household_id)
        entered = entered_from_json(self._vault.cipher.open_json(row.sealed_inputs, context))
        erased = erase_entered(entered, client_id)
        if erased is None:
            return False
        row.sealed_inputs = self._vault.cipher.seal_json(entered_json(erased), context)
        await self._audit(session, client_id, row.office_id, HOUSEHOLD_INPUTS)
        counts["households"] += 1
        return any(m.client_id == client_id and m.role is Role.ADULT for m in entered.members)

    async def _decisions(
        self, session: AsyncSession, household_id: UUID, client_id: UUID, counts: dict[str, int]
    ) -> None:
        query = select(DecisionRow).where(col(DecisionRow.household_id) == household_id).with_for_update()
        for decision in (await session.scalars(query)).all():
            context = field_context(DECISION_COMPUTATION, decision.decision_id)
            computation = self._vault.cipher.open_json(decision.sealed_computation, context)
            household, _ = inputs_from_json(computation["inputs"])
            erased = erase_computed(household, client_id)
            if erased is None:
                continue
            without, new_id = erased
            inputs = {**computation["inputs"], "household": household_json(without)}
            result = renamed(computation["result"], str(client_id), new_id)
            decision.sealed_computation = self._vault.cipher.seal_json({"inputs": inputs, "result": result}, context)
            await self._audit(session, client_id, decision.office_id, DECISION_COMPUTATION)
            counts["decisions"] += 1

    async def _audit(self, session: AsyncSession, client_id: UUID, office_id: str, field: str) -> None:
        access = Access(ERASURE_USER, client_id, office_id, field, PURPOSE)
        await record(session, self._vault.audit, access, AccessAction.WRITE)


async def _households_of(session: AsyncSession, client_id: UUID) -> list[UUID]:
    current = select(col(HouseholdMemberRow.household_id)).where(col(HouseholdMemberRow.client_id) == client_id)
    counted = select(col(EarnedIncomeRow.household_id)).where(
        col(EarnedIncomeRow.client_id) == client_id, col(EarnedIncomeRow.household_id).is_not(None)
    )
    found = set((await session.scalars(current)).all()) | set((await session.scalars(counted)).all())
    return sorted(h for h in found if h is not None)
