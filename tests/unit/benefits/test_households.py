"""From what the clerk entered to the engine's household: derived flags, Karenzzeit, checks naming the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.employments import Pay
from services.benefits.domain.households import check_inputs, engine_household
from services.platform.errors import RuleViolation

from .inputs_builders import AUGUST_2026, housing, inputs, member

APPLICANT = uuid4()


def test_an_adult_with_children_and_no_partner_is_a_single_parent() -> None:
    household = engine_household(
        inputs(member("adult", "1990-02-01", APPLICANT), member("child", "2022-05-01")), AUGUST_2026, {}
    )
    assert household.adult.single_parent
    assert household.children[0].receives_child_benefit


def test_an_adult_with_a_partner_is_not_a_single_parent() -> None:
    household = engine_household(
        inputs(member("adult", "1990-02-01"), member("partner", "1991-02-01"), member("child", "2022-05-01")),
        AUGUST_2026,
        {},
    )
    assert not household.adult.single_parent


def test_child_benefit_is_assumed_only_for_minor_children_unless_entered() -> None:
    household = engine_household(
        inputs(
            member("adult", "1970-02-01"),
            member("child", "2005-01-01"),
            member("child", "2006-01-01", receives_child_benefit=True),
        ),
        AUGUST_2026,
        {},
    )
    assert [c.receives_child_benefit for c in household.children] == [False, True]


def test_registered_members_get_the_pay_that_flows_in_the_month() -> None:
    pay = Pay(Decimal("1000.00"), Decimal("800.00"), apprenticeship=True)
    household = engine_household(inputs(member("adult", "2003-02-01", APPLICANT)), AUGUST_2026, {APPLICANT: [pay]})
    (earned,) = household.adult.earned_income
    assert (earned.gross, earned.net, earned.inflow_month) == (pay.gross, pay.net, AUGUST_2026)
    assert household.adult.under_25_in_training  # an apprenticeship brings § 11b Abs. 2b


def test_the_karenzzeit_runs_from_the_first_grant_unless_entered() -> None:
    expensive = inputs(member("adult", "1980-02-01"), flat=housing(rent="600.00", appropriate="475.00"))
    assert engine_household(expensive, AUGUST_2026, {}, first_grant_month=date(2025, 9, 1)).housing.in_grace_period
    assert not engine_household(expensive, AUGUST_2026, {}, first_grant_month=date(2025, 8, 1)).housing.in_grace_period
    entered = inputs(member("adult", "1980-02-01"), flat=housing(grace_period_start="2026-01-01"))
    assert engine_household(entered, AUGUST_2026, {}, first_grant_month=date(2024, 1, 1)).housing.in_grace_period


def test_other_income_counts_every_month() -> None:
    household = engine_household(
        inputs(member("adult", "1980-02-01", other_incomes=[{"amount": "150.00"}])), date(2026, 9, 1), {}
    )
    assert compute_entitlement(household, date(2026, 9, 1)).persons[0].counted_income == Decimal("150.00")


@pytest.mark.parametrize(
    ("entered", "field"),
    [
        ((member("partner", "1980-01-01"),), "members"),
        ((member("adult", "1980-01-01"), member("adult", "1981-01-01")), "members"),
        ((member("adult", "1980-01-01"), member("partner", "1981-01-01"), member("partner", "1982-01-01")), "members"),
        ((member("adult", "1980-01-01", uuid4()),), "members.0.client_id"),
        ((member("adult", "1980-01-01"), member("child", "2000-01-01")), "members.1.birth_date"),
        ((member("adult", "1980-01-01"), member("child", "2026-09-02")), "members.1.birth_date"),
        ((member("adult", "1980-01-01", receives_child_benefit=True),), "members.0.receives_child_benefit"),
        ((member("adult", "1980-01-01", APPLICANT), member("partner", "1981-01-01", APPLICANT)), "members.1.client_id"),
    ],
)
def test_inputs_that_cannot_describe_a_household_name_the_field(entered: tuple, field: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        check_inputs(inputs(*entered), {APPLICANT}, AUGUST_2026)
    assert raised.value.field == field


def test_a_prefix_places_the_field_inside_a_larger_body() -> None:
    with pytest.raises(RuleViolation) as raised:
        check_inputs(inputs(member("child", "2010-01-01")), set(), AUGUST_2026, prefix="household.")
    assert raised.value.field == "household.members"
