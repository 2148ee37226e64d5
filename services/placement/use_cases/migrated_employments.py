"""A migrated client's current employment (bulk migration, issue #13): recorded as a hire, so the journey,
benefits (§ 11b) and the continuation checks (K2E3) follow it as any other employment. One transaction, the
registration's: the client's profile and the employment commit together, applied once per event (inbox)."""

from __future__ import annotations

import calendar
import logging
from datetime import UTC, date, datetime

from contracts.events import ClientRegisteredV1, MigratedEmploymentV1
from services.placement.domain.commands import RecordHire
from services.placement.tables import EmployerRow
from services.placement.use_cases.clients import record_client_profile
from services.placement.use_cases.employments import record_hire
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.errors import RuleViolation
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)
MIGRATION = StaffUser("migration", frozenset({Role.OPERATOR}), frozenset({ALL_OFFICES}))


async def record_registration(tx: Transaction, event: ClientRegisteredV1) -> None:
    """The profile of every registered client; for a migrated client in work, also the employment."""
    await record_client_profile(tx, event)
    employment = event.migration.employment if event.migration else None
    if employment is None:
        return
    await _employer(tx, employment, event.office_id)
    try:
        await record_hire(tx, _hire(event, employment), MIGRATION)
    except RuleViolation as refusal:  # the profile stays; the employment waits for staff to record it
        log.warning("migrated client %s: employment not recorded: %s", event.client_id, refusal)


async def _employer(tx: Transaction, employment: MigratedEmploymentV1, office_id: str) -> None:
    """The legacy employer, once: every migrated employee of it names the same id."""
    if await tx.session.get(EmployerRow, employment.employer_id) is not None:
        return
    row = EmployerRow(
        employer_id=employment.employer_id,
        name=f"Arbeitgeber {employment.employer_key} (Migration)",  # events carry no names: staff complete it
        office_id=office_id,
        postcode="",  # unknown to the legacy record; staff complete it
        created_at=datetime.now(UTC),
    )
    tx.session.add(row)
    await tx.session.flush()


def _hire(event: ClientRegisteredV1, employment: MigratedEmploymentV1) -> RecordHire:
    return RecordHire(
        client_id=event.client_id,
        employer_id=employment.employer_id,
        start_date=employment.start_date,
        weekly_hours=employment.weekly_hours,
        gross_monthly_pay=employment.gross_monthly_pay,
        net_monthly_pay=employment.net_monthly_pay,
        first_pay_date=_month_end(employment.start_date),  # pay for a month flows at its end (§ 11 Abs. 2)
        subject_to_social_insurance=True,
        apprenticeship=False,
        vacancy_id=None,
        proposal_id=None,
    )


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
