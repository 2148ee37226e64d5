"""Everything known about one household, read in the caller's transaction: the facts a decision needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from sqlalchemy import func, select
from sqlmodel import col

from services.benefits.domain.decisions import DecisionKind, InForce
from services.benefits.domain.employments import Employment
from services.benefits.domain.households import EnteredHousehold
from services.benefits.domain.reduced_entitlement import Reduction
from services.benefits.domain.snapshots import entered_from_json
from services.benefits.tables import (
    HOUSEHOLD_INPUTS,
    ConfirmedPayRow,
    DecisionRow,
    EarnedIncomeRow,
    HouseholdMemberRow,
    HouseholdRow,
    ReductionRow,
)
from services.benefits.use_cases.special_categories import DataSubjects, Sealing
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class HouseholdFacts:
    household_id: UUID
    office_id: str
    client_ids: tuple[UUID, ...]  # registered members, learned from intake
    row: HouseholdRow | None  # the inputs as entered; None: never entered
    incomes: tuple[EarnedIncomeRow, ...]
    employments: tuple[Employment, ...]
    latest: DecisionRow | None
    first_grant_month: date | None
    inputs: EnteredHousehold | None = None  # as entered, once opened (sealed in `row`); None: never entered
    reductions: tuple[Reduction, ...] = ()  # determined after a hearing; each computation applies those in force

    @property
    def subjects(self) -> DataSubjects:
        return DataSubjects(self.household_id, self.office_id, self.client_ids)

    @property
    def in_force(self) -> InForce | None:
        return None if self.latest is None else self.latest.in_force()

    @property
    def next_sequence(self) -> int:
        return 1 if self.latest is None else self.latest.sequence + 1

    def decision_month(self, month: date) -> date:
        """Decisions move forward: never effective before the latest decision's month."""
        return month if self.latest is None else max(month, self.latest.effective_month)


async def _members(tx: Transaction, household_id: UUID) -> list[HouseholdMemberRow]:
    query = select(HouseholdMemberRow).where(col(HouseholdMemberRow.household_id) == household_id)
    return list((await tx.session.scalars(query.order_by(col(HouseholdMemberRow.client_id)))).all())


async def _household_row(tx: Transaction, household_id: UUID, lock: bool) -> HouseholdRow | None:
    query = select(HouseholdRow).where(col(HouseholdRow.household_id) == household_id)
    return (await tx.session.scalars(query.with_for_update() if lock else query)).first()


async def _incomes(tx: Transaction, client_ids: Sequence[UUID]) -> tuple[list[EarnedIncomeRow], list[Employment]]:
    rows = list(
        (
            await tx.session.scalars(
                select(EarnedIncomeRow)
                .where(col(EarnedIncomeRow.client_id).in_(client_ids))
                .order_by(col(EarnedIncomeRow.first_inflow))
            )
        ).all()
    )
    confirmed = (
        await tx.session.scalars(
            select(ConfirmedPayRow).where(col(ConfirmedPayRow.employment_id).in_([r.employment_id for r in rows]))
        )
    ).all()
    return rows, [r.employment([c for c in confirmed if c.employment_id == r.employment_id]) for r in rows]


async def decision_for_month(tx: Transaction, household_id: UUID, month: date) -> DecisionRow | None:
    """The decision in force for `month`: the latest one effective by then. A decision effective from month E
    replaces the household's months from E on and leaves the earlier ones as they were decided
    (`domain/decisions.decided_months`), so a reduction decided today from next month does not govern this one."""
    query = (
        select(DecisionRow)
        .where(col(DecisionRow.household_id) == household_id, col(DecisionRow.effective_month) <= month)
        .order_by(col(DecisionRow.sequence).desc())
        .limit(1)
    )
    return (await tx.session.scalars(query)).first()


async def _latest_decision(tx: Transaction, household_id: UUID) -> DecisionRow | None:
    query = (
        select(DecisionRow)
        .where(col(DecisionRow.household_id) == household_id)
        .order_by(col(DecisionRow.sequence).desc())
        .limit(1)
    )
    return (await tx.session.scalars(query)).first()


async def _first_grant_month(tx: Transaction, household_id: UUID) -> date | None:
    return await tx.session.scalar(
        select(func.min(DecisionRow.period_start)).where(
            col(DecisionRow.household_id) == household_id, col(DecisionRow.kind) == DecisionKind.GRANT.value
        )
    )


async def _reductions(tx: Transaction, household_id: UUID) -> tuple[Reduction, ...]:
    query = select(ReductionRow).where(col(ReductionRow.household_id) == household_id)
    return tuple(row.reduction() for row in (await tx.session.scalars(query.order_by(col(ReductionRow.created_at)))))


async def load_facts(
    tx: Transaction, household_id: UUID, *, lock: bool = False, sealing: Sealing | None = None
) -> HouseholdFacts | None:
    """None for a household nobody registered and nobody entered. `lock` serialises decisions (PostgreSQL).

    With `sealing`, the entered household is opened (an audited read); without, `inputs` stays None.
    """
    row = await _household_row(tx, household_id, lock)
    members = await _members(tx, household_id)
    office_id = members[0].office_id if members else row.office_id if row else None  # intake's office first
    if office_id is None:
        return None
    client_ids = tuple(m.client_id for m in members)
    incomes, employments = await _incomes(tx, client_ids)
    facts = HouseholdFacts(
        household_id,
        office_id,
        client_ids,
        row,
        tuple(incomes),
        tuple(employments),
        await _latest_decision(tx, household_id),
        await _first_grant_month(tx, household_id),
        reductions=await _reductions(tx, household_id),
    )
    return facts if sealing is None else await _opened(tx, facts, sealing)


async def with_latest_decision(tx: Transaction, facts: HouseholdFacts) -> HouseholdFacts:
    """`facts` with the household's latest decision as it stands in this transaction.

    Facts are read once per use case; a use case that decides twice (a lift inside a month decides that month and
    the next) must number and compare the second decision against the first, not against the one read before it.
    """
    latest = await _latest_decision(tx, facts.household_id)
    if _id(latest) == _id(facts.latest):
        return facts
    return replace(facts, latest=latest, first_grant_month=await _first_grant_month(tx, facts.household_id))


def _id(decision: DecisionRow | None) -> UUID | None:
    return None if decision is None else decision.decision_id


async def _opened(tx: Transaction, facts: HouseholdFacts, sealing: Sealing) -> HouseholdFacts:
    if facts.row is None:
        return facts
    entered = await sealing.reveal(tx, facts.subjects, HOUSEHOLD_INPUTS, facts.household_id, facts.row.sealed_inputs)
    return facts if entered is None else replace(facts, inputs=entered_from_json(entered))


async def visible_facts(
    tx: Transaction, household_id: UUID, by: StaffUser, *, lock: bool = False, sealing: Sealing | None = None
) -> HouseholdFacts:
    """The facts for a caller acting for the household's office (opened with `sealing`, as `load_facts`)."""
    facts = await load_facts(tx, household_id, lock=lock)
    if facts is None:
        raise NotFound("household", household_id)
    by.require_office(facts.office_id)
    return facts if sealing is None else await _opened(tx, facts, sealing)
