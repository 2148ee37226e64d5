"""Decision letters: the household's recipient (entered by the clerk, sealed) and a stored decision composed as
its letter. Both reads of personal data are audited in the caller's transaction.

The recipient lives here because benefits learns no names from events (they carry ids only) and intake holds
no postal address; the clerk enters whom the letters go to, as a Jobcenter's benefits team does.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from uuid import UUID

from services.benefits.domain.letters import DecisionOnFile, Letter, Recipient, compose_letter
from services.benefits.letters.letterheads import Letterheads
from services.benefits.tables import LETTER_RECIPIENT, DecisionRow, LetterRecipientRow
from services.benefits.use_cases.decisions import opened
from services.benefits.use_cases.household_facts import visible_facts
from services.benefits.use_cases.special_categories import Sealing, subjects_of
from services.platform.errors import Conflict, NotFound, NotPermitted
from services.platform.unit_of_work import Transaction


async def enter_recipient(tx: Transaction, household_id: UUID, recipient: Recipient, sealing: Sealing) -> Recipient:
    """Store (or replace) whom the household's letters go to; 404 for a household benefits never heard of."""
    facts = await visible_facts(tx, household_id, sealing.user)
    sealed = await sealing.seal(tx, facts.subjects, LETTER_RECIPIENT, household_id, asdict(recipient))
    row = await tx.session.get(LetterRecipientRow, household_id)
    values = {"office_id": facts.office_id, "sealed_recipient": sealed, "entered_by": sealing.user.staff_id}
    if row is None:
        tx.session.add(LetterRecipientRow(household_id=household_id, entered_at=datetime.now(UTC), **values))
        return recipient
    for name, value in values.items():
        setattr(row, name, value)
    row.entered_at = datetime.now(UTC)
    return recipient


async def household_recipient(tx: Transaction, household_id: UUID, sealing: Sealing) -> Recipient:
    """Whom the household's letters go to (an audited read); 404 while none is entered."""
    facts = await visible_facts(tx, household_id, sealing.user)
    stored = await tx.session.get(LetterRecipientRow, household_id)
    if stored is None:
        raise NotFound("letter recipient of household", household_id)
    recipient = await sealing.reveal(tx, facts.subjects, LETTER_RECIPIENT, household_id, stored.sealed_recipient)
    if recipient is None:
        raise NotPermitted("the recipient is shown to the benefits clerks of the household's office")
    return Recipient(**recipient)


async def decision_letter(tx: Transaction, decision_id: UUID, sealing: Sealing, letterheads: Letterheads) -> Letter:
    """The decision as its letter: 404 unknown, 403 outside the reader's office or roles, 409 without recipient."""
    row = await tx.session.get(DecisionRow, decision_id)
    if row is None:
        raise NotFound("decision", decision_id)
    sealing.user.require_office(row.office_id)
    if not sealing.may_read(row.office_id):
        raise NotPermitted("a decision letter shows the computation: only the benefits clerks of its office")
    stored = await tx.session.get(LetterRecipientRow, row.household_id)
    if stored is None:
        raise Conflict(
            f"no recipient entered for household {row.household_id}: PUT /households/{row.household_id}/recipient"
        )
    subjects = await subjects_of(tx, row.household_id, row.office_id)
    view = await opened(tx, row, subjects, sealing)
    recipient = await sealing.reveal(tx, subjects, LETTER_RECIPIENT, row.household_id, stored.sealed_recipient)
    assert view.computation is not None and recipient is not None, "both open for who may read"
    changed = await tx.session.get(DecisionRow, row.supersedes) if row.supersedes else None
    on_file = DecisionOnFile(row.decision(view.computation), row.decided_on, changed.decided_on if changed else None)
    return compose_letter(
        on_file, letterheads.of(row.office_id), letterheads.objections_for(row.office_id), Recipient(**recipient)
    )
