"""The days coaching's acts are dated by (the demo plays a compressed past): the assignment's day is given only
by the journey's worker and operators, never after today, never before the registration (the Potenzialanalyse
of § 15 Abs. 1 SGB II follows the registration); rows older than the columns fall back to the timestamp's day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.coaching.domain.dating import (
    assignment_day,
    check_assigned_on,
    check_may_date_assignment,
    registration_day,
)
from services.coaching.schemas import AssignmentIn
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import RuleViolation

TODAY = date(2026, 12, 3)
REGISTERED = date(2025, 8, 4)


def test_an_assignment_on_the_registration_day_or_today_is_taken():
    assert check_assigned_on(REGISTERED, TODAY, REGISTERED) == REGISTERED
    assert check_assigned_on(TODAY, TODAY, REGISTERED) == TODAY


def test_an_assignment_after_today_is_refused_naming_assigned_on():
    with pytest.raises(RuleViolation) as refused:
        check_assigned_on(date(2026, 12, 4), TODAY, REGISTERED)
    assert refused.value.field == "assigned_on" and "future" in refused.value.reason


def test_an_assignment_before_the_registration_is_refused_naming_the_registration_day():
    with pytest.raises(RuleViolation) as refused:
        check_assigned_on(date(2025, 8, 3), TODAY, REGISTERED)
    assert refused.value.field == "assigned_on" and "2025-08-04" in refused.value.reason


def test_a_case_opened_before_coaching_kept_the_registration_day_is_measured_only_against_today():
    assert check_assigned_on(date(2020, 1, 1), TODAY, None) == date(2020, 1, 1)


@pytest.mark.parametrize("role", [Role.JOURNEY_WORKER, Role.OPERATOR])
def test_the_journeys_worker_and_operators_may_date_an_assignment(role):
    check_may_date_assignment(StaffUser("x", frozenset({role}), frozenset({"*"})))


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.COACH])
def test_case_managers_and_coaches_may_not_date_an_assignment(role):
    with pytest.raises(RuleViolation) as refused:
        check_may_date_assignment(StaffUser("x", frozenset({role}), frozenset({"plon"})))
    assert refused.value.field == "assigned_on"


def test_the_registration_day_is_the_events_day_else_the_berlin_day_of_its_time():
    late_evening = datetime(2025, 8, 4, 22, 30, tzinfo=UTC)  # 00:30 on 5 August in Berlin
    assert registration_day(None, late_evening) == date(2025, 8, 5)
    assert registration_day(date(2025, 8, 1), late_evening) == date(2025, 8, 1)


def test_an_older_row_without_the_assignment_day_is_dated_by_assigned_at_in_berlin():
    assert assignment_day(None, datetime(2026, 3, 31, 22, 15, tzinfo=UTC)) == date(2026, 4, 1)
    assert assignment_day(date(2025, 9, 1), datetime(2026, 3, 31, 22, 15, tzinfo=UTC)) == date(2025, 9, 1)
    assert assignment_day(None, None) is None


def test_an_assignment_without_a_day_hashes_as_before_the_field_existed_and_another_day_differs():
    # The idempotency store hashes this dump: retries across the upgrade must still match their key.
    assert AssignmentIn(program_id=None).model_dump_json() == '{"program_id":null}'
    dated = AssignmentIn(program_id=None, assigned_on=date(2025, 9, 1)).model_dump_json()
    assert dated == '{"program_id":null,"assigned_on":"2025-09-01"}'
    assert dated != AssignmentIn(program_id=None, assigned_on=date(2025, 9, 2)).model_dump_json()
