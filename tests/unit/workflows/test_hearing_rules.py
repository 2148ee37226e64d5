"""The hearing's pure rules: deadlines, the personal hearing by the law of the incident's day, what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from workflows.hearing import kinds, rules
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
        ({"unable_in_writing": True, "kind": "breach_of_duty"}, False, PersonalHearingMode.IN_PERSON, "Abs. 2 S. 2"),
        ({"consecutive_misses": 3, "kind": "sperrzeit_missed_appointment", "sperrzeit_from": date(2026, 7, 21)},
         False, PersonalHearingMode.OFFERED, "§ 31a Abs. 2 S. 3"),
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


@pytest.mark.parametrize(
    ("kind", "duty", "paragraph"),
    [
        ("missed_appointment", None, "§ 32 Abs. 1"),
        ("breach_of_duty", "own_efforts", "§ 31 Abs. 1 S. 1 Nr. 1"),
        ("breach_of_duty", "work", "§ 31 Abs. 1 S. 1 Nr. 2"),
        ("breach_of_duty", "measure", "§ 31 Abs. 1 S. 1 Nr. 3"),
        ("breach_of_duty", "income_reduced", "§ 31 Abs. 2 Nr. 1"),
        ("breach_of_duty", "uneconomical", "§ 31 Abs. 2 Nr. 2"),
        ("breach_of_duty", "sperrzeit_conditions", "§ 31 Abs. 2 Nr. 4"),
        ("breach_of_duty", None, "§ 31"),
        ("work_refusal", None, "§ 31 Abs. 1 S. 1 Nr. 2 i.V.m. § 31a Abs. 7"),
        ("sperrzeit", None, "§ 31 Abs. 2 Nr. 3"),
        ("sperrzeit_missed_appointment", "sperrzeit", "§ 31 Abs. 2 Nr. 3"),
    ],
)
def test_each_kind_of_hearing_names_the_provision_of_section_31_or_32_it_is_about(kind, duty, paragraph):
    """§ 31 Abs. 1 S. 1 Nr. 1–3 and Abs. 2 Nr. 1–4 SGB II (breaches), § 32 (missed appointments)."""
    assert kinds.paragraph(kind, duty) == paragraph
    sperrzeit_from = date(2026, 7, 21) if kind in kinds.SPERRZEITEN else None
    assert kinds.refusal(kind, duty, sperrzeit_from) is None


@pytest.mark.parametrize(
    ("kind", "duty", "sperrzeit_from", "field"),
    [
        ("missed_appointment", "work", None, "duty"),  # § 32 is no breach of a § 31 duty
        ("work_refusal", "measure", None, "duty"),  # § 31a Abs. 7 is only about work (§ 31 Abs. 1 Nr. 2)
        ("sperrzeit", "own_efforts", date(2026, 7, 21), "duty"),
        ("sperrzeit", None, None, "sperrzeit_from"),  # § 31b Abs. 1 S. 2: from the start of the Sperrzeit
        ("breach_of_duty", "measure", date(2026, 7, 21), "sperrzeit_from"),
    ],
)
def test_a_kind_a_duty_and_a_sperrzeit_start_that_do_not_fit_are_refused_naming_the_field(
    kind, duty, sperrzeit_from, field
):
    refused = kinds.refusal(kind, duty, sperrzeit_from)
    assert refused is not None and refused[0] == field


def test_opening_a_sperrzeit_hearing_without_its_start_is_a_422_naming_sperrzeit_from():
    from services.platform.auth.staff import Role, StaffUser
    from services.platform.errors import RuleViolation
    from workflows.hearings_api import HearingIn

    body = {
        "incident_id": str(uuid4()),
        "client_id": str(uuid4()),
        "household_id": str(uuid4()),
        "office_id": "plon",
        "kind": "sperrzeit",
        "occurred_on": "2026-07-20",
        "notice_given": True,
    }
    staff = StaffUser("plon-cm-01", frozenset({Role.CASE_MANAGER}), frozenset({"plon"}))
    with pytest.raises(RuleViolation) as refused:
        HearingIn.model_validate(body).to_start(staff)
    assert refused.value.field == "sperrzeit_from"
    start = HearingIn.model_validate({**body, "sperrzeit_from": "2026-07-21"}).to_start(staff)
    assert (start.facts.kind, start.facts.sperrzeit_from) == ("sperrzeit", date(2026, 7, 21))
