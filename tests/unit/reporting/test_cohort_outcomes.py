"""Cohort success (seed 004, Sinn: "90 Prozent der Teilnehmer hätten anschließend eine Stelle gefunden"): members
of the cohorts that ended in the twelve months, in work or training by the end plus N months
(services/reporting/domain/cohort_outcomes.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from services.reporting.domain.cohort_outcomes import Cohort, Member, cohort_success

END = date(2026, 11, 2)


def one_cohort(*outcomes: tuple[str | None, date | None], ends_on: date = END, office: str = "plon"):
    cohort = Cohort(uuid4(), "gemeinsam", office, ends_on)
    return [cohort], [Member(cohort.cohort_id, uuid4(), o, on) for o, on in outcomes]


@pytest.mark.parametrize(
    ("outcome", "on", "counted"),
    [
        ("in_work", date(2026, 7, 1), True),
        ("in_training", date(2026, 8, 3), True),
        ("in_work", date(2027, 5, 31), True),  # the sixth month after the end's month: still within N = 6
        ("in_work", date(2027, 6, 1), False),  # after it
        ("dropped_out", date(2026, 5, 4), False),
        ("continuing", date(2026, 10, 30), False),  # nothing assumed for who is still in the programme
        (None, None, False),  # no outcome recorded: counted in the denominator only
    ],
)
def test_only_work_or_training_by_the_end_plus_six_months_is_a_success(outcome, on, counted):
    cohorts, members = one_cohort((outcome, on))
    figure = cohort_success(cohorts, members, "gemeinsam", date(2026, 11, 1), within_months=6)
    assert (figure.numerator, figure.denominator) == (Decimal(int(counted)), Decimal(1))


def test_a_cohort_counts_from_the_month_of_its_end_for_twelve_months():
    cohorts, members = one_cohort(("in_work", date(2026, 7, 1)))

    def denominator(month: date) -> Decimal:
        return cohort_success(cohorts, members, "gemeinsam", month, within_months=6).denominator

    assert [denominator(m) for m in (date(2026, 10, 1), date(2026, 11, 1), date(2027, 10, 1), date(2027, 11, 1))] == [
        0,
        1,
        1,
        0,
    ]


def test_nine_of_ten_in_work_reach_sinns_ninety_percent_and_other_offices_and_programmes_are_left_out():
    cohorts, members = one_cohort(*[("in_work", date(2026, 9, 1))] * 9, ("dropped_out", date(2026, 4, 1)))
    elsewhere, theirs = one_cohort(("dropped_out", date(2026, 4, 1)), office="celle")
    figure = cohort_success(
        [*cohorts, *elsewhere], [*members, *theirs], "gemeinsam", date(2026, 12, 1), within_months=6, office_id="plon"
    )
    assert (figure.value, figure.target) == (Decimal("90.0"), Decimal(90))
    assert cohort_success(cohorts, members, "joboffensive", date(2026, 12, 1), within_months=6).denominator == 0
