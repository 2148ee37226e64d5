"""A household's special-category data (GDPR Art. 9: a member's disability, § 21 Abs. 4) sealed at rest,
opened only for the benefits clerks of its office, every use in the audit trail of the same transaction.

Sealed are the documents that hold it: the entered household (`households.sealed_inputs`) and each
decision's computation (`decisions.sealed_computation`: the engine's household and the result, whose
explanation names the Mehrbedarf). The data-protection officer asks the trail by client id, so each
access is recorded once for every registered client of the household (the household's id when it has
none any more). Automatic decisions on placement's facts open and seal as "benefits (automatic)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.benefits.domain.decisions import AUTOMATIC
from services.benefits.tables import HouseholdMemberRow
from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.privacy.audit import Access, AccessAction, record
from services.platform.privacy.cipher import field_context
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

AUTOMATIC_USER = StaffUser(AUTOMATIC, frozenset(), frozenset({ALL_OFFICES}))


@dataclass(frozen=True)
class Sealing:
    """Who uses the household's special-category data, and for which purpose (the endpoint or the event)."""

    vault: SpecialCategories
    user: StaffUser
    purpose: str
    automatic: bool = False  # the service itself, deciding on placement's facts

    @classmethod
    def for_event(cls, vault: SpecialCategories, event_type: str) -> Sealing:
        return cls(vault, AUTOMATIC_USER, f"event {event_type}", automatic=True)

    def may_read(self, office_id: str) -> bool:
        return self.automatic or self.vault.may_read(self.user, office_id)

    async def seal(self, tx: Transaction, subjects: DataSubjects, field: str, row_id: UUID, value: Any) -> str:
        sealed = self.vault.cipher.seal_json(value, field_context(field, row_id))
        await self._record(tx, subjects, field, AccessAction.WRITE)
        return sealed

    async def reveal(
        self, tx: Transaction, subjects: DataSubjects, field: str, row_id: UUID, sealed: str
    ) -> Any | None:
        """The value for its readers (the read is audited); None for everyone else, without decrypting."""
        if not self.may_read(subjects.office_id):
            return None
        value = self.vault.cipher.open_json(sealed, field_context(field, row_id))
        await self._record(tx, subjects, field, AccessAction.READ)
        return value

    async def _record(self, tx: Transaction, subjects: DataSubjects, field: str, action: AccessAction) -> None:
        for subject in subjects.ids:
            access = Access(self.user, subject, subjects.office_id, field, self.purpose)
            await record(tx.session, self.vault.audit, access, action)


@dataclass(frozen=True)
class DataSubjects:
    """Whose data it is: the household's office and the clients the audit trail records the access for."""

    household_id: UUID
    office_id: str
    client_ids: Sequence[UUID]

    @property
    def ids(self) -> Sequence[UUID]:
        return self.client_ids or (self.household_id,)


async def subjects_of(tx: Transaction, household_id: UUID, office_id: str) -> DataSubjects:
    """The household's registered clients, whose data its sealed documents are."""
    query = select(col(HouseholdMemberRow.client_id)).where(col(HouseholdMemberRow.household_id) == household_id)
    return DataSubjects(
        household_id,
        office_id,
        tuple((await tx.session.scalars(query.order_by(col(HouseholdMemberRow.client_id)))).all()),
    )
