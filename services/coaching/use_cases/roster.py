"""The staff roster and caseloads: loaded from the district's data at start-up, extended with POST /staff."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import StaffMember, check_staff_member
from services.coaching.domain.views import Caseload
from services.coaching.tables import StaffRow, to_member
from services.coaching.use_cases.lookups import loads, staff_rows
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import Conflict
from services.platform.unit_of_work import Transaction, UnitOfWork


async def load_roster(uow: UnitOfWork, roster: Sequence[StaffMember]) -> int:
    """Upsert the roster (idempotent; safe when several replicas start at once). Returns rows written."""
    try:
        return await _upsert_all(uow, roster)
    except IntegrityError:  # another replica inserted the same rows concurrently: now they exist
        return await _upsert_all(uow, roster)


async def _upsert_all(uow: UnitOfWork, roster: Sequence[StaffMember]) -> int:
    async with uow.transaction() as tx:
        existing = {r.staff_id: r for r in await staff_rows(tx.session, None)}
        changed = [m for m in roster if not _same(existing.get(m.staff_id), m)]
        for member in changed:
            _write(tx, existing.get(member.staff_id), member)
        return len(changed)


def _same(row: StaffRow | None, member: StaffMember) -> bool:
    return row is not None and to_member(row) == member


def _write(tx: Transaction, row: StaffRow | None, member: StaffMember) -> StaffRow:
    roles, specialties = sorted(r.value for r in member.roles), sorted(s.value for s in member.specialties)
    if row is None:
        row = StaffRow(
            staff_id=member.staff_id,
            office_id=member.office_id,
            roles=roles,
            specialties=specialties,
            updated_at=datetime.now(UTC),
        )
        tx.session.add(row)
    else:
        row.office_id, row.roles, row.specialties = member.office_id, roles, specialties
        row.updated_at = datetime.now(UTC)
    return row


async def add_staff(tx: Transaction, member: StaffMember, ref: Reference, by: StaffUser) -> StaffMember:
    """Add a staff member, or update one; a case manager with active cases keeps office and role."""
    check_staff_member(member, [o.office_id for o in ref.offices.all()])
    by.require_office(member.office_id)
    row = await tx.session.get(StaffRow, member.staff_id, with_for_update=True)
    if row is not None:
        by.require_office(row.office_id)
        load = sum((await loads(tx.session, [row.staff_id]))[row.staff_id].values())
        if load and (row.office_id != member.office_id or not member.is_case_manager):
            raise Conflict(
                f"{row.staff_id} has {load} active cases: hand them over before changing "
                "office or giving up the case manager role"
            )
    return to_member(_write(tx, row, member))


async def list_staff(tx: Transaction, by: StaffUser, office_id: str | None) -> list[StaffMember]:
    return [to_member(r) for r in await staff_rows(tx.session, _offices(by, office_id))]


async def caseloads(tx: Transaction, ref: Reference, by: StaffUser, office_id: str | None) -> list[Caseload]:
    """Each case manager's load against the caseload ratios (Betreuungsschlüssel, § 44c Abs. 4 SGB II)."""
    managers = [r for r in await staff_rows(tx.session, _offices(by, office_id)) if Role.CASE_MANAGER in r.roles]
    counted = await loads(tx.session, [m.staff_id for m in managers])
    ratios = {p.program_id: p.caseload_ratio for p in ref.programmes.all()}
    return [
        Caseload(
            staff_id=m.staff_id,
            office_id=m.office_id,
            load=sum(counted[m.staff_id].values()),
            capacity=max(ratios.values()),
            capacity_by_programme=ratios,
            load_by_programme={p or ref.programmes.default.program_id: n for p, n in counted[m.staff_id].items()},
            specialties=list(m.specialties),
        )
        for m in managers
    ]


def _offices(by: StaffUser, office_id: str | None) -> list[str] | None:
    offices = by.visible_offices(office_id)
    return None if offices is None else sorted(offices)
