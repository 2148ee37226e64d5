"""The legal consequences of breaches of duty and missed appointments, by the date they happened (§ 65a Abs. 2).

June vs July 2026 on both sides of the reform: the date of the breach, not of the determination or the month
paid, picks the version of §§ 31a, 31b, 32 and § 7b Abs. 4.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain.approval import add_months
from services.benefits.domain.reductions import (
    Consequence,
    DeterminationTooLate,
    Earlier,
    Incident,
    InvalidDetermination,
    determination_deadline,
    determine,
    made_known,
)
from services.benefits.domain.rules.reductions import BREACH_OF_DUTY, CAP, MISSED_APPOINTMENT, NOT_REACHABLE_AFTER

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
    ("determined_on", "made_known_on", "first_month"),
    [
        (date(2026, 7, 1), None, date(2026, 8, 1)),
        (date(2026, 7, 27), None, date(2026, 8, 1)),  # posted: made known on the 4th day, 31 July
        (date(2026, 7, 28), None, date(2026, 9, 1)),  # posted: made known on 1 August
        (date(2026, 7, 31), date(2026, 7, 31), date(2026, 8, 1)),  # handed over the same day
        (date(2026, 8, 1), None, date(2026, 9, 1)),
    ],
)
def test_the_reduction_starts_with_the_month_after_the_determination_is_made_known(
    determined_on: date, made_known_on: date | None, first_month: date
) -> None:
    """§ 31b Abs. 1 S. 1 (both versions): "mit Beginn des Kalendermonats, der auf das Wirksamwerden des
    Verwaltungsaktes folgt"; effective when made known (§ 39 Abs. 1 SGB X), by post on the 4th day (§ 37 Abs. 2
    S. 1 SGB X since 2025)."""
    sanction = determine(BREACH, JULY_1, determined_on, made_known_on=made_known_on)
    assert sanction.first_month == first_month
    assert not sanction.covers(add_months(first_month, -1))
    assert [sanction.covers(add_months(first_month, k)) for k in range(4)] == [True, True, True, False]


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


def test_a_posted_determination_is_made_known_on_the_third_day_before_2025_and_the_fourth_from_then():
    """§ 37 Abs. 2 S. 1 SGB X, before and after the Postrechtsmodernisierungsgesetz (from 2025-01-01); a day
    before the determination is refused."""
    assert made_known(date(2024, 12, 30)) == date(2025, 1, 2)
    assert made_known(date(2025, 1, 2)) == date(2025, 1, 6)
    with pytest.raises(InvalidDetermination):
        made_known(date(2026, 7, 20), date(2026, 7, 19))


@pytest.mark.parametrize(
    ("occurred_on", "percent", "months", "paragraph"),
    [
        (JUNE_30, 10, 1, "§ 31 Abs. 1 S. 1 Nr. 2, § 31a Abs. 1 S. 1"),  # no Abs. 7 before the reform: a breach
        (JULY_1, 100, 2, "§ 31a Abs. 7 S. 1, § 31b Abs. 3"),  # the Regelbedarf lapses, at most two months
    ],
)
def test_a_wilfully_refused_job_takes_the_whole_regelbedarf_only_from_july_2026(
    occurred_on: date, percent: int, months: int, paragraph: str
) -> None:
    """§ 31a Abs. 7 S. 1 n.F. ("entfällt der Leistungsanspruch in Höhe des Regelbedarfes") and § 31b Abs. 3 S. 1
    ("spätestens aber mit dem Ablauf eines Zeitraums von zwei Monaten"); a.F. § 31 Abs. 1 S. 1 Nr. 2, § 31a Abs. 1."""
    sanction = determine(Incident.WORK_REFUSAL, occurred_on, DETERMINED)
    assert (sanction.consequence, sanction.percent, sanction.months) == (Consequence.REDUCTION, percent, months)
    assert paragraph in sanction.paragraph


def test_a_work_refusal_counts_as_an_earlier_breach_for_the_steps_of_the_old_law():
    """§ 31a Abs. 1 S. 4 a.F.: "weitere Pflichtverletzung" after any determined reduction for a § 31 breach."""
    refusal = Earlier(Incident.WORK_REFUSAL, date(2026, 3, 5), date(2026, 4, 1), 1)
    assert determine(BREACH, JUNE_30, DETERMINED, [refusal]).percent == 20


@pytest.mark.parametrize(
    ("incident", "occurred_on", "percent", "months", "paragraph"),
    [
        (Incident.SPERRZEIT, JUNE_30, 10, 1, "§ 31 Abs. 2 Nr. 3, § 31b Abs. 1 S. 2"),
        (Incident.SPERRZEIT, JULY_1, 30, 3, "§ 31 Abs. 2 Nr. 3, § 31b Abs. 1 S. 2"),
        (Incident.SPERRZEIT_MISSED_APPOINTMENT, JUNE_30, 10, 1, "§ 31a Abs. 1 S. 7 SGB II a.F."),
        (Incident.SPERRZEIT_MISSED_APPOINTMENT, JULY_1, 0, 1, "§ 31a Abs. 1 S. 3 SGB II"),  # a first miss: none
    ],
)
def test_a_sperrzeit_reduces_from_its_own_start_and_one_for_a_missed_appointment_as_section_32(
    incident: Incident, occurred_on: date, percent: int, months: int, paragraph: str
) -> None:
    """§ 31b Abs. 1 S. 2: "tritt die Minderung mit Beginn der Sperrzeit … ein" — here the Sperrzeit's month, before
    the determination; § 31a Abs. 1 S. 3 (S. 7 a.F.): a Sperrzeit for a Meldeversäumnis (§ 159 Abs. 1 S. 2 Nr. 8
    SGB III) has the consequences of § 32."""
    sanction = determine(incident, occurred_on, DETERMINED, sperrzeit_from=date(2026, 7, 1))
    assert (sanction.percent, sanction.months, sanction.first_month) == (percent, months, date(2026, 7, 1))
    assert paragraph in sanction.paragraph
    with pytest.raises(InvalidDetermination):
        determine(incident, occurred_on, DETERMINED)  # without the Sperrzeit's start


def test_a_repeated_sperrzeit_for_a_missed_appointment_is_a_repeated_miss_from_july_2026():
    """§ 32 Abs. 1 S. 1 n.F. via § 31a Abs. 1 S. 3: "wiederholt" — 30 % for one month."""
    sanction = determine(
        Incident.SPERRZEIT_MISSED_APPOINTMENT, JULY_1, DETERMINED, consecutive_misses=2, sperrzeit_from=JULY_1
    )
    assert (sanction.consequence, sanction.percent) == (Consequence.REDUCTION, 30)


@pytest.mark.parametrize("occurred_on", [date(2027, 1, 4), date(2027, 6, 30), date(2027, 12, 31)])
def test_the_reduction_rules_of_2027_are_those_in_force_since_july_2026(occurred_on: date) -> None:
    """No amendment after the 13. SGB II-ÄndG is in the law texts (SGB II as of 2026-08-19): for a breach or miss in
    2027 §§ 31a, 31b, 32, 7b Abs. 4 n.F. apply as they read; their amounts are percentages of the Regelbedarf of the
    month paid, whose 2027 figures are not in the tables yet (pending — tests/integration/test_hearing_timeline.py)."""
    assert BREACH_OF_DUTY.value_at(occurred_on).steps[0].percent == 30
    rates = MISSED_APPOINTMENT.value_at(occurred_on)
    assert (rates.first_percent, rates.repeated_percent, rates.months) == (0, 30, 1)
    assert (CAP.value_at(occurred_on), NOT_REACHABLE_AFTER.value_at(occurred_on)) == (30, 3)
    determined_on = date.fromordinal(occurred_on.toordinal() + 10)
    assert determine(BREACH, occurred_on, determined_on).months == 3
    assert determine(MISSED, occurred_on, determined_on, consecutive_misses=3).consequence is Consequence.NOT_REACHABLE
