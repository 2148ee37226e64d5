"""Intake's use cases: one transaction each, events into the outbox in the same commit."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from contracts.events import AvailabilityV1, ClientRegisteredV1
from services.intake.domain.model import (
    Availability,
    IntakeError,
    Registration,
    TargetGroup,
    check_registrable,
)
from services.intake.domain.offices import OfficeDirectory
from services.intake.schemas import AvailabilityIn, ClientIn, ClientOut, PersonIn
from services.intake.tables import SPECIAL_CATEGORIES, ClientRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def register_client(tx: Transaction, body: ClientIn, offices: OfficeDirectory, by: StaffUser,
                          vault: SpecialCategories, purpose: str) -> ClientOut:
    """The reply holds no special-category data: it is kept in clear for idempotent retries."""
    now = datetime.now(UTC)
    check_registrable(body.person.birth_date, now.date())
    office = offices.for_postcode(body.residence_postcode)
    if office is None:
        raise IntakeError("residence_postcode", "not in a district served by this Jobcenter")
    if not by.may_act_for(office.office_id):
        raise NotPermitted(f"not authorised for office '{office.office_id}'")
    registration = Registration(
        client_id=new_id(), household_id=body.household_id or new_id(), office_id=office.office_id,
        birth_date=body.person.birth_date, target_groups=frozenset(body.target_groups),
        availability=Availability(**body.availability.model_dump()),
    )
    sealed = await vault.seal(tx.session, Access(by, registration.client_id, office.office_id, SPECIAL_CATEGORIES,
                                                 purpose),
                              registration.client_id, {"target_groups": registration.special_target_groups()})
    row = _row(registration, body, now, by.staff_id, sealed)
    tx.session.add(row)
    await tx.publish(ClientRegisteredV1(
        client_id=registration.client_id, household_id=registration.household_id, office_id=office.office_id,
        target_groups=registration.shareable_target_groups(), registered_at=now,
        availability=AvailabilityV1(**body.availability.model_dump()),
    ))
    return client_out(row, [])


async def client_view(tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories,
                      purpose: str) -> ClientOut:
    """The registration; the health-related target group only for its readers (their read is audited)."""
    row = await tx.session.get(ClientRow, client_id)
    if row is None:
        raise NotFound("client", client_id)
    if not by.may_act_for(row.office_id):
        raise NotPermitted(f"not authorised for office '{row.office_id}'")
    access = Access(by, row.client_id, row.office_id, SPECIAL_CATEGORIES, purpose)
    special = await vault.reveal(tx.session, access, row.client_id, row.special_categories)
    return client_out(row, special["target_groups"] if special else [])


def _row(reg: Registration, body: ClientIn, now: datetime, staff_id: str, sealed: str) -> ClientRow:
    return ClientRow(
        client_id=reg.client_id, household_id=reg.household_id, office_id=reg.office_id,
        given_name=body.person.given_name, family_name=body.person.family_name, birth_date=reg.birth_date,
        postcode=body.residence_postcode, target_groups=reg.shareable_target_groups(), special_categories=sealed,
        earliest_daily_start=reg.availability.earliest_daily_start,
        max_weekly_hours=reg.availability.max_weekly_hours,
        max_commute_minutes=reg.availability.max_commute_minutes,
        consent_given_at=now, registered_at=now, registered_by=staff_id,
    )


def client_out(row: ClientRow, special_groups: list[str]) -> ClientOut:
    return ClientOut(
        client_id=row.client_id, household_id=row.household_id, office_id=row.office_id,
        person=PersonIn(given_name=row.given_name, family_name=row.family_name, birth_date=row.birth_date),
        residence_postcode=row.postcode,
        target_groups=[TargetGroup(g) for g in sorted([*row.target_groups, *special_groups])],
        availability=AvailabilityIn(earliest_daily_start=row.earliest_daily_start,
                                    max_weekly_hours=row.max_weekly_hours,
                                    max_commute_minutes=row.max_commute_minutes),
        registered_at=row.registered_at,
    )
