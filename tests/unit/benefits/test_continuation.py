"""Weiterbewilligung: when the next approval period of a continuation application starts (§ 37, § 41 Abs. 3 SGB II)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.approval import ApprovalPeriod
from services.benefits.domain.continuation import first_month_of_next_period
from services.benefits.domain.decisions import APPLICATIONS, Cause, DecisionKind, InForce, plan_decision
from services.benefits.domain.letter_texts import CAUSE_LABELS, CAUSES
from services.platform.errors import RuleViolation

from .builders import adult, flat, household

TODAY = date(2026, 12, 3)
AUG_TO_JUL = ApprovalPeriod(date(2025, 8, 1), date(2026, 7, 31), 12, "§ 41 Abs. 3 S. 1 SGB II", "regular")


def granted(kind: DecisionKind = DecisionKind.GRANT, period: ApprovalPeriod = AUG_TO_JUL) -> InForce:
    return InForce(uuid4(), kind, Decimal("900.00"), Decimal("875.00"), period, period.start)


def test_an_application_before_the_end_continues_with_the_month_after_the_period() -> None:
    """§ 41 Abs. 3 S. 1 SGB II: the next year follows the last one without a gap."""
    assert first_month_of_next_period(granted(), date(2026, 7, 10), TODAY) == date(2026, 8, 1)
    assert first_month_of_next_period(granted(), date(2026, 6, 1), TODAY) == date(2026, 8, 1)


def test_a_late_application_reaches_back_only_to_the_first_of_its_own_month() -> None:
    """§ 37 Abs. 2 S. 1–2 SGB II: not for times before the application; it reaches back to the first of its month."""
    assert first_month_of_next_period(granted(), date(2026, 8, 20), TODAY) == date(2026, 8, 1)
    assert first_month_of_next_period(granted(), date(2026, 10, 5), TODAY) == date(2026, 10, 1)


def test_a_continuation_after_a_six_month_period_follows_its_end() -> None:
    """§ 41 Abs. 3 S. 2 Nr. 1: a provisional period of six months is continued after its sixth month."""
    six = ApprovalPeriod(date(2026, 3, 1), date(2026, 8, 31), 6, "§ 41 Abs. 3 S. 2 Nr. 1 SGB II", "provisional")
    assert first_month_of_next_period(granted(period=six), date(2026, 8, 3), TODAY) == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("in_force", "applied_on", "field", "words"),
    [
        (None, date(2026, 7, 1), "household_id", "no grant to continue"),
        (granted(DecisionKind.END), date(2026, 7, 1), "household_id", "ended"),
        (granted(), date(2026, 5, 31), "applied_on", "from 2026-06-01"),
        (granted(), date(2025, 7, 20), "applied_on", "already continued"),
        (granted(), date(2026, 12, 4), "applied_on", "after today"),
    ],
)
def test_an_application_that_continues_nothing_is_refused_naming_the_field(
    in_force: InForce | None, applied_on: date, field: str, words: str
) -> None:
    """§ 37 Abs. 1 SGB II: a continuation needs a grant in force whose period ends; a first or new application
    (after an end) is entered as the household's inputs; an application is recorded once received."""
    with pytest.raises(RuleViolation) as refused:
        first_month_of_next_period(in_force, applied_on, TODAY)
    assert refused.value.field == field and words in refused.value.reason


def test_a_continuation_is_an_application_that_may_open_a_new_period_and_has_its_words() -> None:
    """§ 37 Abs. 1 SGB II: only an application opens an approval period; placement's facts never do."""
    assert Cause.CONTINUATION in APPLICATIONS and Cause.EMPLOYMENT_STARTED not in APPLICATIONS
    assert "§ 37 Abs. 2" in CAUSES[Cause.CONTINUATION]
    assert CAUSE_LABELS[Cause.CONTINUATION] == "Weiterbewilligungsantrag"


def test_the_month_after_the_period_is_planned_as_a_grant_of_a_new_twelve_month_period() -> None:
    """§ 41 Abs. 3 S. 1 SGB II: the month after the period is not covered, so even the same amount is a new grant;
    without an application (§ 37 Abs. 1) the household gets nothing for that month."""
    month = date(2026, 8, 1)
    result = compute_entitlement(household(adult(), housing=flat(rent=400)), month)
    plan = plan_decision(granted(), result, provisional=False, may_grant=Cause.CONTINUATION in APPLICATIONS)
    assert plan is not None and plan.kind is DecisionKind.GRANT
    assert (plan.period.start, plan.period.end, plan.period.months) == (month, date(2027, 7, 31), 12)
    assert plan_decision(granted(), result, provisional=False, may_grant=False) is None
