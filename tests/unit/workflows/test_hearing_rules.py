"""The hearing's pure rules: deadlines, the personal hearing by the law of the incident's day, what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from workflows.hearing import rules
from workflows.hearing.models import (
    Decision,
    HearingFacts,
    HearingPolicy,
    HearingState,
    Outcome,
    PersonalHearingMode,
    Statement,
    Status,
)


def facts(**overrides: object) -> HearingFacts:
    values: dict[str, object] = {
        "incident_id": uuid4(),
        "client_id": uuid4(),
        "household_id": uuid4(),
        "office_id": "plon",
        "kind": "missed_appointment",
        "occurred_on": date(2026, 7, 20),
        "notice_given": True,
        "opened_by": "plon-cm-01",
    }
    return HearingFacts.model_validate({**values, **overrides})


def hearing(status: Status = Status.READY_FOR_DECISION, **fact_overrides: object) -> HearingState:
    f = facts(**fact_overrides)
    return HearingState(
        facts=f,
        policy=HearingPolicy(),
        status=status,
        opened_at=datetime(2026, 7, 21, 9, tzinfo=UTC),
        statement_due=date(2026, 8, 4),
        determination_deadline=rules.determination_deadline(f.occurred_on, 6),
        personal_hearing=rules.personal_hearing(f),
    )


@pytest.mark.parametrize(
    ("occurred_on", "deadline"),
    [
        (date(2026, 7, 20), date(2027, 1, 19)),
        (date(2026, 8, 31), date(2027, 2, 27)),  # no 31 February: the six months end with the 28th
        (date(2026, 1, 1), date(2026, 6, 30)),
    ],
)
def test_a_reduction_may_be_determined_until_the_day_before_six_months_after_the_incident(occurred_on, deadline):
    """§ 31b Abs. 1 S. 3 SGB II with § 26 SGB X, §§ 187 Abs. 1, 188 Abs. 2 BGB."""
    assert rules.determination_deadline(occurred_on, 6) == deadline


@pytest.mark.parametrize(
    ("overrides", "requested", "mode", "paragraph"),
    [
        ({}, False, PersonalHearingMode.ON_REQUEST, "§ 31a Abs. 2 S. 1"),
        ({}, True, PersonalHearingMode.IN_PERSON, "§ 31a Abs. 2 S. 1"),
        ({"mental_illness_known": True}, False, PersonalHearingMode.IN_PERSON, "§ 31a Abs. 2 S. 2"),
        ({"consecutive_misses": 3}, False, PersonalHearingMode.OFFERED, "§ 31a Abs. 2 S. 3"),
        ({"consecutive_misses": 2}, False, PersonalHearingMode.ON_REQUEST, "§ 31a Abs. 2 S. 1"),
        ({"consecutive_misses": 3, "kind": "breach_of_duty"}, False, PersonalHearingMode.ON_REQUEST, "S. 1"),
        ({"occurred_on": date(2026, 6, 30), "consecutive_misses": 2}, False, PersonalHearingMode.IN_PERSON, "a.F."),
        ({"occurred_on": date(2026, 6, 30), "kind": "breach_of_duty", "repeated_breach": True}, False,
         PersonalHearingMode.IN_PERSON, "a.F."),
        ({"occurred_on": date(2026, 6, 30), "mental_illness_known": True}, False, PersonalHearingMode.ON_REQUEST,
         "§ 31a Abs. 2 S. 1"),
    ],
)  # fmt: skip
def test_the_personal_hearing_follows_the_law_of_the_incidents_day(overrides, requested, mode, paragraph):
    decided = rules.personal_hearing(facts(**overrides), requested)
    assert decided.mode is mode and paragraph in decided.paragraph


def test_a_decision_while_the_client_may_still_make_a_statement_is_refused_as_a_conflict():
    with pytest.raises(rules.Refused, match="statement") as refused:
        decision = Decision(outcome=Outcome.REDUCTION, decided_by="x1")
        rules.check_decision(hearing(Status.AWAITING_STATEMENT), decision, date(2026, 7, 25))
    assert refused.value.conflict


def test_a_decision_after_the_six_months_is_refused_even_before_the_timer_closed_the_hearing():
    state = hearing(Status.STATEMENT_OVERDUE)
    with pytest.raises(rules.Refused, match="six months") as refused:
        rules.check_decision(state, Decision(outcome=Outcome.IMPORTANT_REASON, decided_by="x1"), date(2027, 1, 20))
    assert refused.value.field == "decided_on"
    rules.check_decision(state, Decision(outcome=Outcome.IMPORTANT_REASON, decided_by="x1"), date(2027, 1, 19))


def test_no_reduction_is_decided_without_written_notice_of_the_consequences():
    state = hearing(notice_given=False)
    with pytest.raises(rules.Refused, match="notice") as refused:
        rules.check_decision(state, Decision(outcome=Outcome.REDUCTION, decided_by="x1"), date(2026, 8, 1))
    assert (refused.value.field, refused.value.conflict) == ("outcome", False)
    rules.check_decision(state, Decision(outcome=Outcome.HARDSHIP, decided_by="x1"), date(2026, 8, 1))


def test_a_second_decision_is_refused_once_the_hearing_is_closed():
    with pytest.raises(rules.Refused, match="already closed_no_reduction"):
        decision = Decision(outcome=Outcome.REDUCTION, decided_by="x")
        rules.check_decision(hearing(Status.CLOSED_NO_REDUCTION), decision, date(2026, 8, 1))


def test_a_statement_from_the_future_or_after_the_decision_is_refused():
    with pytest.raises(rules.Refused, match="future"):
        statement = Statement(received_on=date(2026, 7, 30), recorded_by="x")
        rules.check_statement(hearing(Status.AWAITING_STATEMENT), statement, date(2026, 7, 25))
    with pytest.raises(rules.Refused) as refused:
        statement = Statement(received_on=date(2026, 7, 25), recorded_by="x")
        rules.check_statement(hearing(Status.REDUCING), statement, date(2026, 7, 25))
    assert refused.value.conflict


def test_a_requested_personal_hearing_is_held_in_person_after_the_statement():
    statement = Statement(received_on=date(2026, 7, 25), recorded_by="x", personal_hearing_requested=True)
    state = rules.after_statement(hearing(Status.AWAITING_STATEMENT), statement)
    assert (state.status, state.personal_hearing.mode) == (Status.READY_FOR_DECISION, PersonalHearingMode.IN_PERSON)


def test_the_workflow_decides_the_months_after_the_first_before_their_payment_run():
    months = rules.months_to_decide(date(2026, 9, 1), [date(2026, 12, 1), date(2026, 9, 1)])
    assert months == [date(2026, 12, 1)]
    at = rules.decide_month_at(date(2026, 12, 1), 10)
    assert at.isoformat() == "2026-11-21T00:00:00+01:00"


def test_a_mental_illness_staff_record_with_the_statement_makes_the_personal_hearing_in_person():
    statement = Statement(received_on=date(2026, 7, 25), recorded_by="x", mental_illness_known=True)
    state = rules.after_statement(hearing(Status.AWAITING_STATEMENT, mental_illness_known=False), statement)
    assert state.facts.mental_illness_known is True
    assert (state.personal_hearing.mode, state.personal_hearing.paragraph) == (
        PersonalHearingMode.IN_PERSON,
        "§ 31a Abs. 2 S. 2",
    )


def test_a_statement_without_the_flag_leaves_a_known_mental_illness_known():
    statement = Statement(received_on=date(2026, 7, 25), recorded_by="x")
    state = rules.after_statement(hearing(Status.AWAITING_STATEMENT, mental_illness_known=True), statement)
    assert state.facts.mental_illness_known is True
    assert state.personal_hearing.mode is PersonalHearingMode.IN_PERSON
