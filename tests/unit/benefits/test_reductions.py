"""The legal consequences of breaches of duty and missed appointments, by the date they happened (§ 65a Abs. 2).

June vs July 2026 on both sides of the reform: the date of the breach, not of the determination or the month
paid, picks the version of §§ 31a, 31b, 32 and § 7b Abs. 4.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain.reductions import (
    Consequence,
    DeterminationTooLate,
    Earlier,
    Incident,
    InvalidDetermination,
    determination_deadline,
    determine,
)

BREACH, MISSED = Incident.BREACH_OF_DUTY, Incident.MISSED_APPOINTMENT
JUNE_30, JULY_1 = date(2026, 6, 30), date(2026, 7, 1)
DETERMINED = date(2026, 7, 20)


def earlier_breach(step: int, first_month: date = date(2026, 3, 1)) -> Earlier:
    return Earlier(BREACH, first_month.replace(day=5), first_month, step)


def earlier_miss(on: date, step: int = 1) -> Earlier:
    return Earlier(MISSED, on, on.replace(day=1), step)


@pytest.mark.parametrize(
    ("occurred_on", "earlier", "percent", "months", "paragraph"),
    [
        (JUNE_30, [], 10, 1, "§ 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 Nr. 1 SGB II a.F."),
        (JUNE_30, [earlier_breach(1)], 20, 2, "§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 1 Nr. 2 SGB II a.F."),
        (JUNE_30, [earlier_breach(1), earlier_breach(2)], 30, 3, "§ 31a Abs. 1 S. 3, § 31b Abs. 2 S. 1 Nr. 3"),
        (JUNE_30, [earlier_breach(3)], 30, 3, "§ 31a Abs. 1 S. 3"),
        (JUNE_30, [earlier_breach(2, date(2025, 6, 1))], 10, 1, "§ 31a Abs. 1 S. 1"),  # began > 1 year before
        (JUNE_30, [earlier_breach(0)], 10, 1, "§ 31a Abs. 1 S. 1"),  # determined without a reduction
        (JULY_1, [], 30, 3, "§ 31a Abs. 1 S. 1, § 31b Abs. 1, Abs. 2 S. 1 SGB II"),
        (JULY_1, [earlier_breach(1)], 30, 3, "§ 31a Abs. 1 S. 1"),
        (JULY_1, [earlier_breach(1), earlier_breach(2)], 30, 3, "§ 31a Abs. 1 S. 1"),
    ],
)
def test_a_breach_of_duty_is_reduced_by_the_version_in_force_on_its_date(
    occurred_on: date, earlier: list[Earlier], percent: int, months: int, paragraph: str
) -> None:
    """§ 31a Abs. 1, § 31b Abs. 2 — a.F. 10/20/30 % for 1/2/3 months (S. 4–5: "weitere" only after a reduction
    whose period began within a year); from 2026-07-01 30 % for three months."""
    sanction = determine(BREACH, occurred_on, DETERMINED, earlier)
    assert (sanction.consequence, sanction.percent, sanction.months) == (
        Consequence.REDUCTION,
        Decimal(percent),
        months,
    )
    assert paragraph in sanction.paragraph
    assert sanction.old_law is (occurred_on < JULY_1)
    assert ("§ 65a Abs. 2" in sanction.paragraph) is sanction.old_law


@pytest.mark.parametrize(
    ("occurred_on", "earlier", "consecutive", "consequence", "percent", "months"),
    [
        (JUNE_30, [], 1, Consequence.REDUCTION, 10, 1),  # § 32 Abs. 1 S. 1 a.F.: 10 % each time
        (JUNE_30, [earlier_miss(date(2026, 5, 4))], 2, Consequence.REDUCTION, 10, 1),
        (JUNE_30, [], 3, Consequence.REDUCTION, 10, 1),  # no § 7b Abs. 4 before 2026-07
        (JULY_1, [], 1, Consequence.NO_REDUCTION, 0, 1),  # § 32 Abs. 1 S. 1 n.F.: only "wiederholt"
        (JULY_1, [earlier_miss(date(2026, 5, 4))], 1, Consequence.REDUCTION, 30, 1),
        (JULY_1, [earlier_miss(date(2026, 5, 4), step=0)], 1, Consequence.REDUCTION, 30, 1),
        (JULY_1, [earlier_miss(date(2025, 6, 30))], 1, Consequence.NO_REDUCTION, 0, 1),  # a year and more ago
        (JULY_1, [], 2, Consequence.REDUCTION, 30, 1),
        (JULY_1, [], 3, Consequence.NOT_REACHABLE, 100, None),  # § 7b Abs. 4 S. 1
        (JULY_1, [], 4, Consequence.NOT_REACHABLE, 100, None),
    ],
)
def test_a_missed_appointment_is_reduced_by_the_version_in_force_on_its_date(
    occurred_on: date,
    earlier: list[Earlier],
    consecutive: int,
    consequence: Consequence,
    percent: int,
    months: int | None,
) -> None:
    """§ 32 Abs. 1, 2 — a.F. 10 % for a month for each; n.F. 30 % for a month from the repeated miss, and three
    consecutive misses make the person not reachable (§ 7b Abs. 4, § 32 Abs. 3 S. 1: then no § 32 reduction)."""
    sanction = determine(MISSED, occurred_on, DETERMINED, earlier, consecutive_misses=consecutive)
    assert (sanction.consequence, sanction.percent, sanction.months) == (consequence, Decimal(percent), months)


def test_the_first_missed_appointment_from_july_2026_is_determined_without_covering_any_month() -> None:
    """§ 32 Abs. 1 S. 1 n.F.: the first miss counts for the next one but reduces nothing."""
    sanction = determine(MISSED, JULY_1, DETERMINED)
    assert "keine Minderung" in sanction.paragraph
    assert not any(sanction.covers(date(2026, month, 1)) for month in range(7, 13))


def test_not_reachable_names_section_7b_and_lasts_until_the_person_reports() -> None:
    sanction = determine(MISSED, JULY_1, DETERMINED, consecutive_misses=3)
    assert sanction.paragraph.startswith("§ 7b Abs. 4")
    assert sanction.covers(date(2027, 6, 1))


@pytest.mark.parametrize(
    ("determined_on", "first_month"),
    [(date(2026, 7, 1), date(2026, 8, 1)), (date(2026, 7, 31), date(2026, 8, 1)), (date(2026, 8, 1), date(2026, 9, 1))],
)
def test_the_reduction_starts_with_the_month_after_the_determination(determined_on: date, first_month: date) -> None:
    """§ 31b Abs. 1 S. 1: "mit Beginn des Kalendermonats, der auf das Wirksamwerden des Verwaltungsaktes folgt"."""
    sanction = determine(BREACH, JULY_1, determined_on)
    assert sanction.first_month == first_month
    assert not sanction.covers(determined_on.replace(day=1))
    assert [sanction.covers(date(first_month.year, first_month.month + k, 1)) for k in range(4)] == [
        True,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("occurred_on", "deadline"),
    [
        (date(2026, 6, 30), date(2026, 12, 30)),
        (date(2026, 7, 10), date(2027, 1, 10)),
        (date(2026, 8, 31), date(2027, 2, 28)),  # a shorter month ends on its last day (§ 188 Abs. 3 BGB)
    ],
)
def test_a_reduction_may_be_determined_only_within_six_months_of_the_breach(occurred_on: date, deadline: date) -> None:
    """§ 31b Abs. 1 S. 3 (both versions; for missed appointments via § 32 Abs. 2)."""
    assert determination_deadline(occurred_on) == deadline
    determine(BREACH, occurred_on, deadline)
    with pytest.raises(DeterminationTooLate) as refused:
        determine(MISSED, occurred_on, date.fromordinal(deadline.toordinal() + 1))
    assert refused.value.deadline == deadline


def test_a_determination_before_the_incident_is_refused() -> None:
    with pytest.raises(InvalidDetermination):
        determine(BREACH, JULY_1, JUNE_30)


def test_the_percentages_are_fractions_of_the_regelbedarf_not_euros() -> None:
    assert determine(BREACH, JULY_1, DETERMINED).percent == Decimal(30)
