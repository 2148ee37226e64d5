"""Intake's tables (its own database) and their mapping to the domain. Personal data stays here; events
carry only ids.

Each client has a client number (`L-000123`, from the one-row counter `client_number_counter`) and the
tokens of their names in `client_name_tokens` (see domain/names.py): the search narrows its candidates
there by sound (Kölner Phonetik) and first letters, with indexes, before ranking them in Python.

Possible duplicates (domain/duplicates.py) are kept as pairs in `duplicate_pairs`, one row per two
clients (the lower id first), open until staff decide. A merge marks the merged-away client's row
`merged_into` the surviving one and appends what moved where to `client_merges` (append-only, as the
audits are); nothing of either row is deleted.

Special-category data (GDPR Art. 9: the health-related target group) is not kept in `target_groups` but
sealed in `special_categories` (AES-256-GCM, bound to the row's id; see services.platform.privacy). Every
row has a sealed value, also when it holds no such group, so the column tells nothing by being empty.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlalchemy import Table as SaTable
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.intake.domain.duplicates import OnFile
from services.intake.domain.model import Availability, Client, Person, RegisterClient, Registration, Sex, TargetGroup
from services.intake.domain.names import name_tokens
from services.intake.domain.search import Candidate
from services.platform.columns import moment_field
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.person_keys import add_person_key_tables
from services.platform.privacy.searches import add_search_audit_table

MERGES_TABLE = "client_merges"
MOVES_TABLE = "client_moves"


class IntakeTable(SQLModel, registry=registry()):
    pass


class ClientRow(IntakeTable, table=True):
    __tablename__ = "clients"

    client_id: UUID = Field(primary_key=True)
    client_number: str = Field(max_length=20, unique=True, index=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(index=True, max_length=50)
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    birth_date: date = Field(index=True)
    postcode: str = Field(max_length=5, index=True)
    target_groups: list[str] = Field(sa_column=Column(JSON, nullable=False))  # without special categories
    special_categories: str = Field(sa_column=Column(Text, nullable=False))  # sealed {"target_groups": [...]}
    earliest_daily_start: time | None = None
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None
    # For the statutory statistics only (§ 51b SGB II, § 3 S. 3 Kennzahlen-Verordnung).
    sex: str = Field(default=Sex.NOT_STATED.value, max_length=10, sa_column_kwargs={"server_default": "not_stated"})
    consent_given_at: datetime = moment_field()
    registered_at: datetime = moment_field()
    # The day on the offices' calendar: a registration entered later names its own day (`registered_at` stays
    # the moment it was written, for the audit trail).
    registered_on: date
    registered_by: str = Field(max_length=100)
    # Set when staff merged this client into another. No index: nearly every row holds NULL, and SQLite's
    # planner, without statistics, would pick that index over the birth date's for `merged_into IS NULL`.
    merged_into: UUID | None = None
    merged_at: datetime | None = moment_field(nullable=True)


class ClientNameTokenRow(IntakeTable, table=True):
    """One token of a client's family or given name, for narrowing a search's candidates by index."""

    __tablename__ = "client_name_tokens"

    client_id: UUID = Field(primary_key=True, foreign_key="clients.client_id")
    part: str = Field(primary_key=True, max_length=6)  # family or given
    expanded: str = Field(primary_key=True, max_length=200)
    folded: str = Field(max_length=200, index=True)  # the first letters, compared as a range
    phonetic: str = Field(max_length=200, index=True)


class ClientNumberCounterRow(IntakeTable, table=True):
    """The last client number given: one row, incremented in the registering transaction (a row lock on
    PostgreSQL, SQLite's single writer), so numbers are unique and without gaps from rolled-back races."""

    __tablename__ = "client_number_counter"

    id: int = Field(primary_key=True)
    last: int


class DuplicatePairRow(IntakeTable, table=True):
    """Two clients who may be one person, with the score and reasons found, and staff's decision."""

    __tablename__ = "duplicate_pairs"
    __table_args__ = (UniqueConstraint("first_client_id", "second_client_id"),)

    pair_id: UUID = Field(primary_key=True)
    first_client_id: UUID = Field(foreign_key="clients.client_id", index=True)  # the lower id of the two
    second_client_id: UUID = Field(foreign_key="clients.client_id", index=True)
    score: int
    reasons: list[str] = Field(sa_column=Column(JSON, nullable=False))
    found_at: datetime = moment_field()
    status: str = Field(max_length=20, index=True)  # a PairStatus
    decided_by: str | None = Field(default=None, max_length=100)
    decided_at: datetime | None = moment_field(nullable=True)


class ClientMergeRow(IntakeTable, table=True):
    """What a merge moved where: which client survived, which was merged into it, and for each field of the
    surviving record the client it was taken from. Ids and field names only; the values stay in both rows."""

    __tablename__ = MERGES_TABLE

    merge_id: UUID = Field(primary_key=True)
    pair_id: UUID = Field(foreign_key="duplicate_pairs.pair_id")
    surviving_client_id: UUID = Field(index=True)
    merged_client_id: UUID = Field(index=True)
    fields_from: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))  # field → client id
    decided_at: datetime = moment_field()
    decided_by: str = Field(max_length=100)
    roles: str = Field(max_length=200)
    purpose: str = Field(max_length=200)


class ClientMoveRow(IntakeTable, table=True):
    """A recorded move (append-only, like the audits): which postcode and office the client left and took, from
    which day, who recorded it, in which roles and for which purpose. The client row holds the current residence."""

    __tablename__ = MOVES_TABLE

    move_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="clients.client_id", index=True)
    from_postcode: str = Field(max_length=5)
    to_postcode: str = Field(max_length=5)
    from_office_id: str = Field(max_length=50)
    to_office_id: str = Field(max_length=50, index=True)
    moved_on: date
    recorded_at: datetime = moment_field()
    recorded_by: str = Field(max_length=100)
    roles: str = Field(max_length=200)
    purpose: str = Field(max_length=200)


class ImportedRecordRow(IntakeTable, table=True):
    """A legacy record registered by a migration: its legacy id makes a re-run create nothing new."""

    __tablename__ = "imported_records"

    legacy_id: str = Field(primary_key=True, max_length=64)
    client_id: UUID = Field(foreign_key="clients.client_id", index=True)
    import_id: UUID = Field(index=True)
    imported_at: datetime = moment_field()
    # Sealed {"obstacles": [...]} under the person's key: the legacy record's placement obstacles, for coaching.
    sealed_obstacles: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Sealed: the benefits household's inputs as `PUT /households/{id}` takes them, for benefits (likewise).
    sealed_household: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # What coaching took over or refused per part ([{part, outcome, reasons, at}]), for the import's report.
    downstream: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class ImportRow(IntakeTable, table=True):
    """One import (a batch of records), who ran it, and its report per record: the audit of a migration."""

    __tablename__ = "imports"

    import_id: UUID = Field(primary_key=True)
    source: str = Field(max_length=200)
    dry_run: bool
    started_at: datetime = moment_field()
    finished_at: datetime = moment_field()
    staff_id: str = Field(max_length=100)
    counts: dict[str, int] = Field(sa_column=Column(JSON, nullable=False))
    records: list[dict[str, object]] = Field(sa_column=Column(JSON, nullable=False))  # ids, outcomes, reasons


metadata = IntakeTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
search_audit: SaTable = add_search_audit_table(metadata)
person_keys = add_person_key_tables(metadata)
SPECIAL_CATEGORIES = "clients.special_categories"  # the sealed field: audit name and associated data
IMPORTED_OBSTACLES = "imported_records.sealed_obstacles"  # likewise
IMPORTED_HOUSEHOLD = "imported_records.sealed_household"  # likewise


def client_row(
    reg: Registration,
    number: str,
    cmd: RegisterClient,
    now: datetime,
    registered_on: date,
    staff_id: str,
    sealed: str,
) -> ClientRow:
    return ClientRow(
        client_id=reg.client_id,
        client_number=number,
        household_id=reg.household_id,
        office_id=reg.office_id,
        given_name=cmd.person.given_name,
        family_name=cmd.person.family_name,
        birth_date=reg.birth_date,
        postcode=cmd.residence_postcode,
        target_groups=reg.shareable_target_groups(),
        special_categories=sealed,
        earliest_daily_start=reg.availability.earliest_daily_start,
        max_weekly_hours=reg.availability.max_weekly_hours,
        max_commute_minutes=reg.availability.max_commute_minutes,
        sex=reg.sex.value,
        consent_given_at=now,
        registered_at=now,
        registered_on=registered_on,
        registered_by=staff_id,
    )


def name_token_values(client_id: UUID, given_name: str, family_name: str) -> list[dict[str, Any]]:
    """A client's name tokens as the columns of `client_name_tokens`, for an INSERT of many at once."""
    return [
        {"client_id": client_id, "part": part, "expanded": t.expanded, "folded": t.folded, "phonetic": t.phonetic}
        for part, name in (("family", family_name), ("given", given_name))
        for t in name_tokens(name)
    ]


def name_token_rows(client_id: UUID, given_name: str, family_name: str) -> list[ClientNameTokenRow]:
    return [ClientNameTokenRow(**values) for values in name_token_values(client_id, given_name, family_name)]


def to_candidate(row: ClientRow) -> Candidate:
    return Candidate(
        client_id=row.client_id,
        client_number=row.client_number,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        postcode=row.postcode,
        office_id=row.office_id,
    )


def to_client(row: ClientRow, special_groups: list[str]) -> Client:
    return Client(
        client_id=row.client_id,
        client_number=row.client_number,
        household_id=row.household_id,
        office_id=row.office_id,
        person=Person(row.given_name, row.family_name, row.birth_date),
        residence_postcode=row.postcode,
        target_groups=[TargetGroup(g) for g in sorted([*row.target_groups, *special_groups])],
        availability=Availability(row.earliest_daily_start, row.max_weekly_hours, row.max_commute_minutes),
        registered_at=row.registered_at,
        sex=Sex(row.sex),
        registered_on=row.registered_on,
    )


def to_on_file(row: ClientRow) -> OnFile:
    return OnFile(
        client_id=row.client_id,
        client_number=row.client_number,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        postcode=row.postcode,
        office_id=row.office_id,
        sex=row.sex,
    )
