"""Placement's refusals on the employer page's forms (company visits, internships), as the staff app says them:
each reason the domain raises reads in German next to its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import uuid4

import pytest

from services.placement.domain.internships import (
    ArrangeInternship,
    EndInternship,
    InternshipKind,
    InternshipOutcome,
    check_end,
    check_guests,
    check_period,
)
from services.platform.errors import Conflict, RuleViolation
from staff_app.problems import german

START = date(2026, 11, 2)
SOMEONE = uuid4()


def internship(ends_on: date) -> ArrangeInternship:
    return ArrangeInternship(uuid4(), uuid4(), "gemeinsam", InternshipKind.WORK_TRIAL, START, ends_on)


@pytest.mark.parametrize(
    ("refusal", "text"),
    [
        # § 45 Abs. 2 Satz 2 SGB III: a measure at an employer lasts at most six weeks.
        (lambda: check_period(internship(START + timedelta(weeks=6))), "Länger als 6 Wochen bei einem Arbeitgeber"),
        (lambda: check_period(internship(START - timedelta(days=1))), "Der letzte Tag liegt vor dem ersten."),
        (
            lambda: check_end(START, START, None, EndInternship(InternshipOutcome.HIRED, START - timedelta(days=1))),
            "Liegt vor dem Beginn des Praktikums.",
        ),
        (
            lambda: check_end(
                START, START + timedelta(days=9), None, EndInternship(InternshipOutcome.NOT_SUITABLE, START)
            ),
            "Vor dem letzten Tag endet ein Praktikum als „abgebrochen“",
        ),
        (lambda: check_guests(()), "Bitte mindestens eine Kundennummer angeben."),
        (lambda: check_guests((SOMEONE, SOMEONE)), "Eine Kundin oder ein Kunde steht doppelt in der Liste."),
    ],
)
def test_each_refusal_of_a_visit_or_an_internship_reads_in_german(refusal: Callable[[], object], text: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        refusal()
    assert german(refused.value.reason).startswith(text)


def test_a_second_outcome_of_an_internship_reads_in_german() -> None:
    with pytest.raises(Conflict) as refused:
        check_end(START, START, InternshipOutcome.HIRED, EndInternship(InternshipOutcome.ABORTED, START))
    assert german(str(refused.value)) == "Das Praktikum ist schon beendet."


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("the visit has not taken place yet", "Der Besuch hat noch nicht stattgefunden."),
        ("no such contact with this employer", "Diesen Kontakt gibt es bei diesem Arbeitgeber nicht."),
        (
            "the registration of client 01a2 has not reached placement yet; retry shortly",
            "Die Vermittlung kennt diese Kundin/diesen Kunden noch nicht; bitte gleich noch einmal versuchen.",
        ),
    ],
)
def test_the_use_cases_refusals_read_in_german(reason: str, text: str) -> None:
    assert german(reason) == text
