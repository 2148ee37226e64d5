"""Participation rules: planned end from the programme's duration, who may enrol, transfer and end, and the
programme a client gets from the age band (§ 44c Abs. 4 SGB II: under 25 at 1:75)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from services.coaching.app import load_reference
from services.coaching.domain.participations import (
    Participation,
    check_endable,
    check_enrolable,
    check_transferable,
    planned_end,
)
from services.coaching.domain.programmes import under_25_on
from services.platform.errors import Conflict, RuleViolation

CATALOGUE = load_reference().programmes
GEMEINSAM, JOBOFFENSIVE, STANDARD = (CATALOGUE.get(p) for p in ("gemeinsam", "joboffensive", "standard"))


def current(program_id: str = "gemeinsam", started_on: date = date(2026, 3, 1)) -> Participation:
    return Participation(uuid4(), uuid4(), program_id, "plon", started_on, None)


@pytest.mark.parametrize(
    ("started", "planned"),
    [
        (date(2026, 3, 1), date(2026, 11, 1)),
        (date(2026, 6, 30), date(2027, 2, 28)),
        (date(2027, 6, 30), date(2028, 2, 29)),
    ],
)
def test_gemeinsam_ends_eight_months_after_its_start_or_on_the_months_last_day(started, planned):
    assert planned_end(GEMEINSAM, started) == planned


def test_an_open_ended_programme_has_no_planned_end():
    assert planned_end(JOBOFFENSIVE, date(2026, 3, 1)) is None


def test_enrolment_is_refused_in_a_base_programme_twice_or_before_the_assignment():
    with pytest.raises(RuleViolation, match="base programme"):
        check_enrolable(STANDARD, None, date(2026, 3, 1), date(2026, 1, 1))
    with pytest.raises(Conflict, match="already takes part in gemeinsam"):
        check_enrolable(JOBOFFENSIVE, current(), date(2026, 3, 1), date(2026, 1, 1))
    with pytest.raises(RuleViolation) as early:
        check_enrolable(JOBOFFENSIVE, None, date(2025, 12, 31), date(2026, 1, 1))
    assert early.value.field == "starts_on"
    check_enrolable(JOBOFFENSIVE, None, date(2026, 1, 1), date(2026, 1, 1))


def test_a_transfer_needs_a_participation_in_another_programme_and_an_end_lies_after_the_start():
    with pytest.raises(Conflict):
        check_transferable(JOBOFFENSIVE, None)
    with pytest.raises(RuleViolation):
        check_transferable(GEMEINSAM, current("gemeinsam"))
    with pytest.raises(RuleViolation) as early:
        check_endable(current(started_on=date(2026, 3, 1)), date(2026, 2, 28))
    assert early.value.field == "ended_on"


@pytest.mark.parametrize(
    ("band", "turns", "day", "young"),
    [
        ("under_25", date(2027, 5, 1), date(2027, 4, 30), True),
        ("under_25", date(2027, 5, 1), date(2027, 5, 1), False),  # the 25th birthday ends the band
        ("25_and_over", None, date(2027, 1, 1), False),
        (None, None, date(2027, 1, 1), None),  # unknown: read from the target groups
    ],
)
def test_the_age_band_says_whether_a_client_is_under_25_on_a_day(band, turns, day, young):
    assert under_25_on(band, turns, day) is young


@pytest.mark.parametrize(
    ("under_25", "groups", "offered", "chosen"),
    [
        (True, [], None, "u25"),
        (False, ["youth_under_25"], None, "standard"),  # the age wins over a hand-set flag
        (None, ["youth_under_25"], None, "u25"),  # cases from before the age band
        (True, [], ("standard", "joboffensive"), "standard"),  # an office without u25
        (False, ["single_parent"], None, "standard"),  # Gemeinsam is chosen by staff, never by itself
    ],
)
def test_the_programme_at_assignment_follows_age_target_groups_and_the_offices_offer(under_25, groups, offered, chosen):
    assert CATALOGUE.choose(None, groups, under_25, offered).program_id == chosen


def test_a_programme_the_office_does_not_offer_is_refused_naming_program_id():
    with pytest.raises(RuleViolation) as refused:
        CATALOGUE.choose("gemeinsam", ["single_parent"], False, ("standard", "u25", "joboffensive"))
    assert refused.value.field == "program_id" and "not offered" in refused.value.reason
