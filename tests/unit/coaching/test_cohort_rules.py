"""The pure rules of cohorts: the end from the programme's duration, capacity, outcomes and what they end,
childcare times, and the cohort timer's moments."""

from __future__ import annotations

from datetime import date, time
from uuid import uuid4

import pytest

from services.coaching.app import load_reference
from services.coaching.domain.cohorts import (
    END_REASON_OF,
    Childcare,
    Cohort,
    CohortFull,
    CohortStatus,
    Member,
    Outcome,
    Weekday,
    check_joinable,
    check_joins_after,
    check_joins_on,
    check_outcome,
    cohort_end,
    joining_day,
)
from services.coaching.domain.participations import EndReason
from services.platform.errors import Conflict, RuleViolation

REFERENCE = load_reference()
GEMEINSAM = REFERENCE.programmes.get("gemeinsam")


def cohort(capacity: int = 2, status: CohortStatus = CohortStatus.OPEN) -> Cohort:
    return Cohort(
        uuid4(), "gemeinsam", "lutjenburg", "G", date(2027, 1, 7), date(2027, 9, 7), "r", capacity, status, None
    )


def member(outcome: Outcome | None = None) -> Member:
    return Member(uuid4(), uuid4(), uuid4(), date(2027, 1, 7), None, outcome, date(2027, 3, 1) if outcome else None)


def test_a_gemeinsam_cohort_lasts_the_programmes_eight_months_and_one_without_a_duration_is_refused():
    assert GEMEINSAM is not None and GEMEINSAM.duration_months == 8  # seed 004
    assert cohort_end(GEMEINSAM, date(2027, 1, 7)) == date(2027, 9, 7)
    assert cohort_end(GEMEINSAM, date(2027, 6, 30)) == date(2028, 2, 29)  # the month's last day if shorter
    with pytest.raises(RuleViolation, match="no duration") as refused:
        cohort_end(REFERENCE.programmes.default, date(2027, 1, 7))
    assert refused.value.field == "program_id"


def test_gemeinsam_carries_its_partner_employers_as_data():
    assert GEMEINSAM is not None and "partner-kita-verbund" in {e.employer_id for e in GEMEINSAM.partner_employers}


def test_a_full_or_closed_cohort_refuses_the_next_client_and_a_late_one_joins_today():
    check_joinable(cohort(), 1, date(2027, 2, 1))
    with pytest.raises(CohortFull):
        check_joinable(cohort(), 2, date(2027, 2, 1))
    with pytest.raises(Conflict):
        check_joinable(cohort(status=CohortStatus.CLOSED), 0, date(2027, 2, 1))
    with pytest.raises(RuleViolation):
        check_joinable(cohort(), 0, date(2027, 9, 7))
    assert joining_day(cohort(), date(2026, 12, 1)) == date(2027, 1, 7)
    assert joining_day(cohort(), date(2027, 3, 3)) == date(2027, 3, 3)


def test_work_training_and_dropping_out_end_the_participation_continuing_waits_for_the_close():
    assert END_REASON_OF == {
        Outcome.IN_WORK: EndReason.IN_WORK,
        Outcome.IN_TRAINING: EndReason.IN_TRAINING,
        Outcome.DROPPED_OUT: EndReason.DROPPED_OUT,
        Outcome.CONTINUING: None,
    }


def test_an_outcome_is_recorded_once_after_continuing_and_not_before_joining():
    check_outcome(cohort(), member(Outcome.CONTINUING), Outcome.IN_WORK, date(2027, 5, 1))
    with pytest.raises(Conflict):
        check_outcome(cohort(), member(Outcome.IN_WORK), Outcome.DROPPED_OUT, date(2027, 5, 1))
    with pytest.raises(RuleViolation, match="before the client joined"):
        check_outcome(cohort(), member(), Outcome.IN_WORK, date(2027, 1, 6))
    closed = cohort(status=CohortStatus.CLOSED)
    check_outcome(closed, member(), Outcome.IN_WORK, date(2027, 9, 7))  # the gap may be filled after the close
    with pytest.raises(RuleViolation):
        check_outcome(closed, member(), Outcome.IN_WORK, date(2027, 9, 8))


def test_childcare_ends_after_it_starts_and_names_each_day_once():
    Childcare("Kita", (Weekday.THU,), time(8, 30), time(12))
    with pytest.raises(RuleViolation) as backwards:
        Childcare("Kita", (Weekday.THU,), time(12), time(8, 30))
    assert backwards.value.field == "childcare.to_time"
    with pytest.raises(RuleViolation):
        Childcare("Kita", (Weekday.THU, Weekday.THU), time(8), time(9))


def test_a_dated_join_lies_within_the_cohort_and_not_in_the_future():
    started = cohort()  # 7 January to 7 September 2027
    assert check_joins_on(started, date(2027, 1, 7), today=date(2027, 2, 1)) == date(2027, 1, 7)
    assert check_joins_on(started, date(2027, 2, 1), today=date(2027, 2, 1)) == date(2027, 2, 1)
    for joins_on, today, reason in [
        (date(2027, 2, 2), date(2027, 2, 1), "future"),
        (date(2027, 1, 6), date(2027, 2, 1), "begins on 2027-01-07"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            check_joins_on(started, joins_on, today)
        assert refused.value.field == "joins_on" and reason in refused.value.reason
    with pytest.raises(RuleViolation, match="joins_on"):  # the end is check_joinable's
        check_joinable(started, 0, check_joins_on(started, date(2027, 9, 7), today=date(2027, 10, 1)))


def test_a_dated_join_follows_the_participation_start_and_the_latest_hand_over():
    check_joins_after(date(2027, 2, 1), participation_start=date(2027, 2, 1), handed_over_on=date(2027, 2, 1))
    check_joins_after(date(2027, 2, 1), participation_start=None, handed_over_on=None)
    for start, handed_over, reason in [
        (date(2027, 2, 2), None, "participation began on 2027-02-02"),
        (None, date(2027, 2, 3), "took the case on 2027-02-03"),
        (date(2027, 1, 10), date(2027, 2, 3), "took the case on 2027-02-03"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            check_joins_after(date(2027, 2, 1), start, handed_over)
        assert refused.value.field == "joins_on" and reason in refused.value.reason
