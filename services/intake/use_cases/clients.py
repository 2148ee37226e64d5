"""Registering a client and reading a registration: one transaction each."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from contracts.events import AvailabilityV1, ClientRegisteredV1, MigratedStateV1
from services.intake.domain.client_numbers import client_number
from services.intake.domain.duplicates import OnFile
from services.intake.domain.merges import MergedAway
from services.intake.domain.model import (
    Client,
    IntakeError,
    RegisterClient,
    Registration,
    age_band,
    check_registrable,
    registration_day,
)
from services.intake.domain.offices import Office, OfficeDirectory
from services.intake.tables import (
    SPECIAL_CATEGORIES,
    ClientNumberCounterRow,
    ClientRow,
    client_row,
    name_token_rows,
    to_client,
    to_on_file,
)
from services.intake.use_cases.duplicates import Candidates, Proposal, candidates, check_registration
from services.intake.use_cases.search import Audited
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class Registered:
    client: Client
    possible_duplicates: list[Proposal]  # those the registering staff member may see
    on_file: OnFile  # as a later registration's duplicate check compares it


async def next_client_number(session: AsyncSession) -> str:
    counter = col(ClientNumberCounterRow.last)
    taken = await session.execute(
        update(ClientNumberCounterRow)
        .where(col(ClientNumberCounterRow.id) == 1)
        .values(last=counter + 1)
        .returning(counter)
    )
    return client_number(taken.scalar_one())


async def store_client(session: AsyncSession, row: ClientRow) -> None:
    session.add(row)
    await session.flush()  # the client row before its name tokens (their foreign key)
    session.add_all(name_token_rows(row.client_id, row.given_name, row.family_name))


@dataclass(frozen=True)
class Lookups:
    """Where a registration takes its client number and its duplicate candidates from, and how its rows are
    written: a statement each for one registration, or what an import does once for a whole batch of them
    (`use_cases.import_batch`)."""

    number: Callable[[AsyncSession], Awaitable[str]] = next_client_number
    candidates: Candidates = candidates
    store: Callable[[AsyncSession, ClientRow], Awaitable[None]] = store_client


ONE_BY_ONE = Lookups()


async def register_client(
    tx: Transaction,
    cmd: RegisterClient,
    offices: OfficeDirectory,
    by: StaffUser,
    vault: SpecialCategories,
    purpose: str,
    lookups: Lookups = ONE_BY_ONE,
) -> Registered:
    """Registers without refusing a possible duplicate: the result names them and the pairs go on the worklist.
    The result holds no special-category data: the reply is kept in clear for idempotent retries. Refuses
    only where `admitted` does, before anything is written."""
    now = datetime.now(UTC)
    today = now.astimezone(offices.timezone).date()
    office = admitted(cmd, offices, by, today)
    registered_on = registration_day(cmd.registered_on, cmd.person.birth_date, today)
    registration = Registration(
        client_id=new_id(),
        household_id=cmd.household_id or new_id(),
        office_id=office.office_id,
        birth_date=cmd.person.birth_date,
        target_groups=cmd.target_groups,
        availability=cmd.availability,
        sex=cmd.sex,
    )
    band, turns_25 = age_band(cmd.person.birth_date, registered_on)
    access = Access(by, registration.client_id, office.office_id, SPECIAL_CATEGORIES, purpose)
    sealed = await vault.seal(
        tx.session, access, registration.client_id, {"target_groups": registration.special_target_groups()}
    )
    number = await lookups.number(tx.session)
    row = client_row(registration, number, cmd, now, registered_on, by.staff_id, sealed)
    await lookups.store(tx.session, row)
    await tx.publish(
        ClientRegisteredV1(
            client_id=registration.client_id,
            household_id=registration.household_id,
            office_id=office.office_id,
            target_groups=registration.shareable_target_groups(),
            registered_at=now,
            registered_on=registered_on,
            availability=AvailabilityV1(**asdict(cmd.availability)),
            sex=registration.sex.value,
            age_band=band,
            turns_25_on=turns_25,
            migrated=cmd.migration is not None,
            migration=MigratedStateV1(**asdict(cmd.migration)) if cmd.migration else None,
        )
    )
    on_file = to_on_file(row)
    duplicates = await check_registration(tx, on_file, by, Audited(vault.cipher, purpose), lookups.candidates)
    return Registered(to_client(row, []), duplicates, on_file)


def admitted(cmd: RegisterClient, offices: OfficeDirectory, by: StaffUser, today: date) -> Office:
    """Every reason to refuse a registration (`RuleViolation`, `NotPermitted`), checked before anything is
    written: so an import needs no savepoint to refuse a record and keep the others of its batch."""
    check_registrable(cmd.person.birth_date, today)
    registration_day(cmd.registered_on, cmd.person.birth_date, today)
    office = offices.for_postcode(cmd.residence_postcode)
    if office is None:
        raise IntakeError("residence_postcode", "not in a district served by this Jobcenter")
    by.require_office(office.office_id)
    return office


async def client_view(
    tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str
) -> Client:
    """The registration; the health-related target group only for its readers (their read is audited)."""
    row = await tx.session.get(ClientRow, client_id)
    if row is None:
        raise NotFound("client", client_id)
    by.require_office(row.office_id)
    if row.merged_into is not None:
        raise MergedAway(row.client_id, row.merged_into)
    access = Access(by, row.client_id, row.office_id, SPECIAL_CATEGORIES, purpose)
    special = await vault.reveal(tx.session, access, row.client_id, row.special_categories)
    return to_client(row, special["target_groups"] if special else [])
