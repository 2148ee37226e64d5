"""Monthly reports typeset once and served many times: keyed by month, the office asked for and the offices it
covers, with the version of the read model they were read from.

Typesetting an office's report takes seconds (under a loaded machine more than the staff app's 10 s), serving a
stored one milliseconds. The read model's version is its inbox: how many events it has applied and when it
applied the last one. Any applied event (a rebuild too) makes another version, so a stored report of another
version may be stale; whether it is still served is `servable`'s rule.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.platform.unit_of_work import UnitOfWork
from services.reporting.programme_terms import ProgrammeTerms
from services.reporting.report import render_report_documents
from services.reporting.tables import PersonRow, StoredReportRow, plumbing
from services.reporting.use_cases.presentations import Scope, monthly_report_of

EVERY_OFFICE = "*"


@dataclass(frozen=True)
class ReportKey:
    month: date
    office_id: str | None  # the office asked for; None: every office the caller sees (with the comparison)
    offices: frozenset[str] | None  # the offices the caller's rights give for it; None: all

    @property
    def columns(self) -> tuple[date, str, str]:
        offices = EVERY_OFFICE if self.offices is None else ",".join(sorted(self.offices))
        return self.month, self.office_id or "", offices


@dataclass(frozen=True)
class StoredReport:
    version: str
    built_at: datetime
    html: str
    pdf: bytes


async def read_model_version(session: AsyncSession) -> str:
    """The count of applied events and the moment of the last: one indexed aggregate over the inbox."""
    inbox = plumbing.inbox
    applied, last = (await session.execute(select(func.count(), func.max(inbox.c.processed_at)))).one()
    return f"{applied}@{last}"


async def stored(session: AsyncSession, key: ReportKey) -> StoredReport | None:
    month, office_id, offices = key.columns
    found = (
        await session.execute(
            select(
                col(StoredReportRow.version),
                col(StoredReportRow.built_at),
                col(StoredReportRow.html),
                col(StoredReportRow.pdf),
            ).where(
                col(StoredReportRow.month) == month,
                col(StoredReportRow.office_id) == office_id,
                col(StoredReportRow.offices) == offices,
            )
        )
    ).first()
    return None if found is None else StoredReport(*found)


def servable(found: StoredReport | None, version: str, now: datetime, fresh_for: timedelta) -> bool:
    """A report read from the read model as it is, or typeset within `fresh_for`: a Jobcenter's read model takes
    events all day, so a report that had to match every one of them would never be served."""
    return found is not None and (found.version == version or now - found.built_at <= fresh_for)


async def typeset(
    uow: UnitOfWork, key: ReportKey, *, jobcenter: str, terms: Mapping[str, ProgrammeTerms]
) -> StoredReport:
    """Reads the report with the read model's version (the version first: an event applied between the two
    reads makes the stored report look stale, never fresh), typesets it in a worker thread and stores it."""
    async with uow.transaction() as tx:
        version = await read_model_version(tx.session)
        report = await monthly_report_of(
            tx, Scope(key.month, key.office_id), key.offices, jobcenter=jobcenter, terms=terms
        )
    html, pdf = await asyncio.to_thread(render_report_documents, report)
    made = StoredReport(version, datetime.now(UTC), html, pdf)
    month, office_id, offices = key.columns
    async with uow.transaction() as tx:
        await tx.session.execute(
            delete(StoredReportRow).where(
                col(StoredReportRow.month) == month,
                col(StoredReportRow.office_id) == office_id,
                col(StoredReportRow.offices) == offices,
            )
        )
        tx.session.add(StoredReportRow(month=month, office_id=office_id, offices=offices, version=version,
                                       built_at=made.built_at, html=html, pdf=pdf))  # fmt: skip
    return made


async def reported_offices(session: AsyncSession) -> list[str]:
    """The offices with registered people: those whose reports are typeset ahead."""
    offices = select(col(PersonRow.office_id)).distinct().order_by(col(PersonRow.office_id))
    return list((await session.execute(offices)).scalars())
