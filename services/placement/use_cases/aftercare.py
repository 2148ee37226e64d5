"""Support after the hire: the employer's feedback and staff warnings, each announced for the journey.

A negative rating (`employer_feedback_recorded.v1`) and a warning (`job_at_risk_reported.v1`) make the journey
raise a job_at_risk task for the coach (workflows/journey/aftercare.py); the note stays here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import EmployerFeedbackRecordedV1, JobAtRiskReportedV1
from services.placement.domain.aftercare import (
    AftercareRecord,
    FeedbackRating,
    RecordKind,
    RiskReason,
    check_after_start,
)
from services.placement.tables import AftercareRecordRow, EmploymentRow
from services.placement.use_cases.lookups import employment_for
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def record_feedback(
    tx: Transaction, employment_id: UUID, on: date, rating: FeedbackRating, note: str | None, by: StaffUser
) -> AftercareRecord:
    employment = await _running(tx, employment_id, on, by)
    row = _row(employment_id, RecordKind.FEEDBACK, on, note, by, rating=rating)
    tx.session.add(row)
    await tx.publish(
        EmployerFeedbackRecordedV1(
            client_id=employment.client_id,
            employment_id=employment_id,
            feedback_id=row.record_id,
            given_on=on,
            rating=rating.value,
        )
    )
    return _record(row)


async def report_risk(
    tx: Transaction, employment_id: UUID, on: date, reason: RiskReason, note: str | None, by: StaffUser
) -> AftercareRecord:
    employment = await _running(tx, employment_id, on, by)
    row = _row(employment_id, RecordKind.RISK, on, note, by, reason=reason)
    tx.session.add(row)
    await tx.publish(
        JobAtRiskReportedV1(
            client_id=employment.client_id,
            employment_id=employment_id,
            report_id=row.record_id,
            reported_on=on,
            reason=reason.value,
        )
    )
    return _record(row)


async def list_records(tx: Transaction, employment_id: UUID, by: StaffUser) -> list[AftercareRecord]:
    await employment_for(tx, employment_id, by)
    query = (
        select(AftercareRecordRow)
        .where(col(AftercareRecordRow.employment_id) == employment_id)
        .order_by(col(AftercareRecordRow.recorded_at), col(AftercareRecordRow.record_id))
    )
    return [_record(r) for r in await tx.session.scalars(query)]


async def _running(tx: Transaction, employment_id: UUID, on: date, by: StaffUser) -> EmploymentRow:
    employment, _ = await employment_for(tx, employment_id, by)
    check_after_start(on, employment.start_date, employment.end_date)
    return employment


def _row(
    employment_id: UUID,
    kind: RecordKind,
    on: date,
    note: str | None,
    by: StaffUser,
    rating: FeedbackRating | None = None,
    reason: RiskReason | None = None,
) -> AftercareRecordRow:
    return AftercareRecordRow(
        record_id=new_id(),
        employment_id=employment_id,
        kind=kind,
        on_date=on,
        rating=rating,
        reason=reason,
        note=note,
        recorded_at=datetime.now(UTC),
        recorded_by=by.staff_id,
    )


def _record(row: AftercareRecordRow) -> AftercareRecord:
    return AftercareRecord(
        record_id=row.record_id,
        employment_id=row.employment_id,
        kind=RecordKind(row.kind),
        on=row.on_date,
        rating=FeedbackRating(row.rating) if row.rating else None,
        reason=RiskReason(row.reason) if row.reason else None,
        note=row.note,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )
