"""A cohort's and its members' rows mapped to the domain (childcare kept as JSON on the member's row)."""

from __future__ import annotations

from datetime import time
from typing import Any

from services.coaching.domain.cohorts import Childcare, Cohort, CohortStatus, Member, Outcome, Weekday
from services.coaching.tables import CohortMemberRow, CohortRow


def to_cohort(row: CohortRow) -> Cohort:
    return Cohort(
        cohort_id=row.cohort_id,
        program_id=row.program_id,
        office_id=row.office_id,
        name=row.name,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        room_id=row.room_id,
        capacity=row.capacity,
        status=CohortStatus(row.status),
        series_id=row.series_id,
    )


def to_member(row: CohortMemberRow) -> Member:
    return Member(
        cohort_id=row.cohort_id,
        client_id=row.client_id,
        participation_id=row.participation_id,
        joined_on=row.joined_on,
        childcare=childcare_of(row.childcare),
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_on=row.outcome_on,
    )


def childcare_of(data: dict[str, Any] | None) -> Childcare | None:
    if data is None:
        return None
    return Childcare(
        data["provider"],
        tuple(Weekday(d) for d in data["days"]),
        time.fromisoformat(data["from_time"]),
        time.fromisoformat(data["to_time"]),
    )


def childcare_data(childcare: Childcare | None) -> dict[str, Any] | None:
    if childcare is None:
        return None
    return {
        "provider": childcare.provider,
        "days": [d.value for d in childcare.days],
        "from_time": childcare.from_time.isoformat("minutes"),
        "to_time": childcare.to_time.isoformat("minutes"),
    }
