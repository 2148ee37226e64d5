"""§ 16a SGB II referrals: made, moved on, listed and read. One transaction each.

Every referral's kind, provider and note are sealed (REFERRAL_DETAILS), opened only for SPECIAL_CATEGORY_READERS
of the client's office, every sealing and opening audited in the same transaction, exactly as the plan's content.
Only those readers write referrals: a referral moves the plan's obstacle it addresses, which means opening the
plan. Replies to writes leave the details out (they are kept in clear for idempotent retries).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ReferralMadeV1, ReferralStatusChangedV1
from services.coaching.domain.commands import RaiseTask
from services.coaching.domain.model import CaseStatus, TaskKind, TaskStatus, check_not_closed
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.reference import Reference
from services.coaching.domain.referrals import (
    ADDRESSES,
    OBSTACLE_STATUS,
    TERMINAL,
    ChangeStatus,
    MakeReferral,
    Referral,
    ReferralDetails,
    ReferralStatus,
    StatusStep,
    check_addresses,
    check_dates,
    check_new,
    consent_after,
    next_step,
)
from services.coaching.tables import REFERRAL_DETAILS, CaseRow, ReferralRow, TaskRow
from services.coaching.use_cases import plans, tasks
from services.coaching.use_cases.lookups import case_access, case_for
from services.coaching.use_cases.referral_rows import details_data, details_from, step_data, steps_of, to_referral
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted, RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.vault import Sealed, SpecialCategories
from services.platform.unit_of_work import Transaction

FOLLOW_UP_AT = time(8, 0)  # the follow-up task is due at the start of the office day (Europe/Berlin)


async def make_referral(
    tx: Transaction,
    client_id: UUID,
    cmd: MakeReferral,
    ref: Reference,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> Referral:
    case = await case_for(tx.session, client_id, by, lock=True)
    check_not_closed(CaseStatus(case.status))
    check_new(cmd, _today())
    details = _with_provider(cmd.details, case.office_id, ref)
    check_addresses(details.kind, await plans.agreed_obstacles(tx, case, by, vault, purpose))
    referral_id = new_id()
    access = case_access(by, case, REFERRAL_DETAILS, purpose)
    row = ReferralRow(
        referral_id=referral_id,
        client_id=client_id,
        office_id=case.office_id,
        status=cmd.status,
        history=[step_data(StatusStep(cmd.status, cmd.on, by.staff_id))],
        consent_given_on=cmd.consent_given_on,
        sealed_details=await vault.seal(tx.session, access, referral_id, details_data(details)),
        created_at=datetime.now(UTC),
        created_by=by.staff_id,
    )
    await _schedule_follow_up(tx, row, cmd.follow_up_on, by, vault, purpose)
    tx.session.add(row)
    await _follow_obstacle(tx, case, details, cmd.status, by, vault, purpose)
    await tx.publish(
        ReferralMadeV1(
            referral_id=referral_id,
            client_id=client_id,
            office_id=case.office_id,
            status=cmd.status.value,
            status_on=cmd.on,
            follow_up_on=cmd.follow_up_on,
            made_at=row.created_at,
        )
    )
    return to_referral(row, details=None)


async def change_status(
    tx: Transaction, referral_id: UUID, cmd: ChangeStatus, by: StaffUser, vault: SpecialCategories, purpose: str
) -> Referral:
    """The next step of the referral; its current status again changes nothing (409 out of order)."""
    row = await _row(tx, referral_id, lock=True)
    case = await case_for(tx.session, row.client_id, by, lock=True)
    check_not_closed(CaseStatus(case.status))
    check_dates(cmd.on, cmd.follow_up_on, cmd.consent_given_on, _today())
    step = StatusStep(cmd.status, cmd.on, by.staff_id)
    previous = steps_of(row)[-1]
    if not next_step(steps_of(row), step):
        return to_referral(row, details=None)
    access = case_access(by, case, REFERRAL_DETAILS, purpose)
    details = details_from(await vault.reveal(tx.session, access, row.referral_id, row.sealed_details))
    if details is None:  # the client's key was erased: nothing left to move on
        raise NotFound("referral", referral_id)
    if cmd.note is not None:
        details = ReferralDetails(details.kind, details.provider_id, details.provider_name, cmd.note)
        row.sealed_details = await vault.seal(tx.session, access, row.referral_id, details_data(details))
    row.status, row.history = step.status, [*row.history, step_data(step)]
    row.consent_given_on = consent_after(row.consent_given_on, cmd.consent_given_on)
    if step.status in TERMINAL:
        await _end_follow_up(tx, row)
    await _schedule_follow_up(tx, row, cmd.follow_up_on, by, vault, purpose)
    await _follow_obstacle(tx, case, details, step.status, by, vault, purpose)
    await tx.publish(
        ReferralStatusChangedV1(
            referral_id=row.referral_id,
            client_id=row.client_id,
            office_id=row.office_id,
            previous_status=previous.status.value,
            status=step.status.value,
            status_on=step.on,
            changed_at=datetime.now(UTC),
        )
    )
    return to_referral(row, details=None)


async def referrals_of(
    tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str
) -> list[Referral]:
    """The client's referrals, oldest first: with their details for the readers (each read audited)."""
    case = await case_for(tx.session, client_id, by)
    query = select(ReferralRow).where(col(ReferralRow.client_id) == client_id).order_by(col(ReferralRow.referral_id))
    rows = list((await tx.session.execute(query)).scalars())
    access = case_access(by, case, REFERRAL_DETAILS, purpose)
    revealed = await vault.reveal_all(tx.session, [Sealed(access, r.referral_id, r.sealed_details) for r in rows])
    return [to_referral(row, details_from(found)) for row, found in zip(rows, revealed, strict=True)]


async def referral(
    tx: Transaction, referral_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str
) -> Referral:
    """One referral with its details: refused (403) to anyone who may not read them."""
    row = await _row(tx, referral_id)
    case = await case_for(tx.session, row.client_id, by)
    if not vault.may_read(by, case.office_id):
        raise NotPermitted("a referral's details are special-category data: case managers and coaches only")
    access = case_access(by, case, REFERRAL_DETAILS, purpose)
    return to_referral(row, details_from(await vault.reveal(tx.session, access, row.referral_id, row.sealed_details)))


async def _row(tx: Transaction, referral_id: UUID, lock: bool = False) -> ReferralRow:
    row = await tx.session.get(ReferralRow, referral_id, with_for_update=lock)
    if row is None:
        raise NotFound("referral", referral_id)
    return row


def _with_provider(details: ReferralDetails, office_id: str, ref: Reference) -> ReferralDetails:
    """One of the office's providers of the service (its name from the office's data), or one named freely."""
    if details.provider_id is None:
        if not details.provider_name:
            raise RuleViolation("provider_name", "name the provider, or choose one of the office's (provider_id)")
        return details
    provider = ref.providers.get(details.provider_id)
    if provider is None or provider.office_id != office_id or details.kind not in provider.kinds:
        raise RuleViolation("provider_id", "not a provider of the client's office for this service")
    return ReferralDetails(details.kind, provider.provider_id, provider.name, details.note)


async def _follow_obstacle(
    tx: Transaction,
    case: CaseRow,
    details: ReferralDetails,
    status: ReferralStatus,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
) -> None:
    if (obstacle_status := OBSTACLE_STATUS[status]) is not None:
        await plans.follow_referral(tx, case, ADDRESSES[details.kind], obstacle_status, by, vault, purpose)


async def _schedule_follow_up(
    tx: Transaction, row: ReferralRow, on: date | None, by: StaffUser, vault: SpecialCategories, purpose: str
) -> None:
    """A follow-up task for the case manager, due on the day (the existing task list shows it)."""
    if on is None:
        return
    due_at = datetime.combine(on, FOLLOW_UP_AT, BERLIN)
    command = RaiseTask(TaskKind.REFERRAL_FOLLOW_UP, due_at, f"referral {row.referral_id}")
    await _end_follow_up(tx, row)  # a new follow-up replaces the open one
    task = await tasks.raise_task(tx, row.client_id, command, by, vault, purpose)
    row.follow_up_on, row.follow_up_task_id = on, task.task_id


async def _end_follow_up(tx: Transaction, row: ReferralRow) -> None:
    """An ended referral has nothing left to follow up: its open task is cancelled."""
    task = await tx.session.get(TaskRow, row.follow_up_task_id) if row.follow_up_task_id else None
    if task is not None and task.status == TaskStatus.OPEN:
        task.status = TaskStatus.CANCELLED


def _today() -> date:
    return datetime.now(BERLIN).date()
