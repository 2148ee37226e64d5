"""Benefits' use cases: one transaction each."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ClientRegisteredV1, EmploymentStartedV1
from services.benefits.schemas import EarnedIncomeOut, HouseholdOut
from services.benefits.tables import EarnedIncomeRow, HouseholdMemberRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted
from services.platform.unit_of_work import Transaction


async def add_household_member(tx: Transaction, event: ClientRegisteredV1) -> None:
    tx.session.add(HouseholdMemberRow(client_id=event.client_id, household_id=event.household_id,
                                      office_id=event.office_id))


async def record_earned_income(tx: Transaction, event: EmploymentStartedV1) -> None:
    member = await tx.session.get(HouseholdMemberRow, event.client_id)
    tx.session.add(EarnedIncomeRow(
        employment_id=event.employment_id, client_id=event.client_id,
        household_id=member.household_id if member else None,
        gross_monthly_pay=event.gross_monthly_pay, net_monthly_pay=event.net_monthly_pay,
        first_inflow=event.first_pay_date,
    ))


async def household_view(tx: Transaction, household_id: UUID, by: StaffUser) -> HouseholdOut:
    members = (await tx.session.scalars(
        select(HouseholdMemberRow).where(col(HouseholdMemberRow.household_id) == household_id)
    )).all()
    if not members:
        raise NotFound("household", household_id)
    if not by.may_act_for(members[0].office_id):
        raise NotPermitted(f"not authorised for office '{members[0].office_id}'")
    incomes = (await tx.session.scalars(
        select(EarnedIncomeRow).where(col(EarnedIncomeRow.client_id).in_([m.client_id for m in members]))
    )).all()
    return HouseholdOut(
        household_id=household_id, office_id=members[0].office_id,
        member_client_ids=[m.client_id for m in members],
        earned_incomes=[EarnedIncomeOut.model_validate(i, from_attributes=True) for i in incomes],
    )
