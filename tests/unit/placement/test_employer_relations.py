"""The rules of an employer's relations: contacts and follow-ups, partnerships, the hidden market, company visits
and internships at an employer (§ 45 Abs. 2 Satz 2 SGB III: at most six weeks)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from services.placement.domain.employer_relations import (
    AddContactPerson,
    ContactKind,
    RecordContact,
    SetPartnership,
    check_follow_up,
    check_partnership,
    check_reachable,
    check_unpublished,
    partner_on,
)
from services.placement.domain.internships import (
    ArrangeInternship,
    EndInternship,
    InternshipKind,
    InternshipOutcome,
    check_end,
    check_guests,
    check_period,
    maximum_on,
)
from services.platform.errors import Conflict, RuleViolation

TODAY = date(2026, 12, 2)


def field_of(error: pytest.ExceptionInfo[RuleViolation]) -> str:
    return error.value.field


def internship(starts_on: date, ends_on: date) -> ArrangeInternship:
    return ArrangeInternship(uuid4(), uuid4(), "gemeinsam", InternshipKind.WORK_TRIAL, starts_on, ends_on)


def test_a_contact_person_needs_a_phone_number_or_an_e_mail_address():
    check_reachable(AddContactPerson("Petra Sommer", None, None, "p.sommer@example.de"))
    with pytest.raises(RuleViolation) as refused:
        check_reachable(AddContactPerson("Petra Sommer", "Personalleitung", None, None))
    assert field_of(refused) == "phone"


@pytest.mark.parametrize(
    ("contact_on", "follow_up_on", "field"),
    [(TODAY + timedelta(days=1), None, "contact_on"), (TODAY, TODAY, "follow_up_on")],
)
def test_a_contact_has_taken_place_and_its_follow_up_lies_after_it(contact_on, follow_up_on, field):
    check_follow_up(RecordContact(TODAY, ContactKind.CALL, "Rückruf", follow_up_on=TODAY + timedelta(days=1)), TODAY)
    with pytest.raises(RuleViolation) as refused:
        check_follow_up(RecordContact(contact_on, ContactKind.VISIT, "Besuch", follow_up_on=follow_up_on), TODAY)
    assert field_of(refused) == field


def test_a_partnership_runs_from_since_to_until_inclusive_and_never_ends_before_it_starts():
    assert partner_on(date(2026, 6, 1), date(2026, 12, 31), date(2026, 12, 31))
    assert not partner_on(date(2026, 6, 1), date(2026, 12, 31), date(2027, 1, 1))
    assert partner_on(date(2026, 6, 1), None, date(2030, 1, 1))
    with pytest.raises(RuleViolation) as refused:
        check_partnership(SetPartnership("gemeinsam", date(2026, 6, 1), date(2026, 5, 31)))
    assert field_of(refused) == "until"


def test_an_unpublished_vacancy_names_the_contact_it_came_from():
    check_unpublished(True, None)
    check_unpublished(False, uuid4())
    with pytest.raises(RuleViolation) as refused:
        check_unpublished(False, None)
    assert field_of(refused) == "source_contact_id"


def test_section_45_sgb_iii_allows_six_weeks_at_an_employer_and_not_a_day_more():
    start = date(2026, 11, 2)
    assert maximum_on(start).weeks == 6 and maximum_on(start).source == "§ 45 Abs. 2 Satz 2 SGB III"
    check_period(internship(start, start + timedelta(weeks=6, days=-1)))
    for ends_on in (start + timedelta(weeks=6), start - timedelta(days=1)):
        with pytest.raises(RuleViolation) as refused:
            check_period(internship(start, ends_on))
        assert field_of(refused) == "ends_on"


def test_an_internship_ends_once_with_an_outcome_a_retry_changes_nothing_and_another_conflicts():
    start, end = date(2026, 11, 2), date(2026, 11, 13)
    hired = EndInternship(InternshipOutcome.HIRED, date(2026, 11, 10))
    assert check_end(start, end, None, hired) is True
    assert check_end(start, end, InternshipOutcome.HIRED, hired) is False
    with pytest.raises(Conflict):
        check_end(start, end, InternshipOutcome.HIRED, EndInternship(InternshipOutcome.ABORTED, end))
    with pytest.raises(RuleViolation) as early:
        check_end(start, end, None, EndInternship(InternshipOutcome.NOT_SUITABLE, date(2026, 11, 5)))
    assert field_of(early) == "outcome"
    with pytest.raises(RuleViolation) as before:
        check_end(start, end, None, EndInternship(InternshipOutcome.ABORTED, date(2026, 11, 1)))
    assert field_of(before) == "outcome_on"


def test_a_company_visit_has_a_group_without_repeats():
    one = uuid4()
    check_guests((one, uuid4()))
    for guests in ((), (one, one)):
        with pytest.raises(RuleViolation) as refused:
            check_guests(guests)
        assert field_of(refused) == "client_ids"
