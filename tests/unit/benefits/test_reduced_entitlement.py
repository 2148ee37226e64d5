"""A determined reduction applied to a month's entitlement: housing never reduced, the 30 % cap, the 1-euro
rule from 2026-07 and the claim of a person not reachable (§ 31a Abs. 4, § 7b Abs. 4, § 32 Abs. 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.explanation import ItemKind
from services.benefits.domain.reduced_entitlement import Reduction, lifted_from, reduce_entitlement
from services.benefits.domain.reductions import Incident, InvalidDetermination, determine
from services.benefits.domain.result import EntitlementResult
from tests.unit.benefits.builders import adult, child, eur, flat, household, other

BREACH, MISSED = Incident.BREACH_OF_DUTY, Incident.MISSED_APPOINTMENT
JUNE_30, JULY_1 = date(2026, 6, 30), date(2026, 7, 1)
AUGUST, SEPTEMBER, OCTOBER, NOVEMBER = (date(2026, m, 1) for m in (8, 9, 10, 11))
DETERMINED = date(2026, 7, 20)  # the reduction runs from August


def single(month: date = AUGUST, **flat_terms: object) -> EntitlementResult:
    """A single adult: Regelbedarf 563 €, rent 400 € + heating 80 €, no income: 1,043 € (480 € housing)."""
    return compute_entitlement(household(adult("a"), housing=flat(**flat_terms)), month)  # type: ignore[arg-type]


def reduction(incident: Incident, occurred_on: date, person_id: str = "a", **terms: object) -> Reduction:
    sanction = determine(incident, occurred_on, DETERMINED, **terms)  # type: ignore[arg-type]
    return Reduction(f"r-{occurred_on}-{incident}", person_id, sanction)


@pytest.mark.parametrize(
    ("occurred_on", "incident", "reduced_by"),
    [
        (JUNE_30, BREACH, "56.30"),  # 10 % of 563 € (§ 31a Abs. 1 S. 1 a.F.)
        (JULY_1, BREACH, "168.90"),  # 30 % (§ 31a Abs. 1 S. 1 n.F.)
        (JUNE_30, MISSED, "56.30"),  # 10 % (§ 32 Abs. 1 a.F.)
    ],
)
def test_the_reduction_takes_its_percentage_of_the_regelbedarf(
    occurred_on: date, incident: Incident, reduced_by: str
) -> None:
    result = reduce_entitlement(single(), [reduction(incident, occurred_on)])
    assert result.entitlement == eur(1043) - eur(reduced_by)
    line = next(item for item in result.explanation if item.kind is ItemKind.REDUCTION)
    assert line.amount == eur(reduced_by) and "Abs. 1 S. 1" in line.paragraph


def test_a_month_outside_the_reduction_period_is_paid_in_full() -> None:
    """§ 31b Abs. 2 S. 1 n.F.: three months, August to October when determined in July."""
    reductions = [reduction(BREACH, JULY_1)]
    amounts = [
        reduce_entitlement(single(month), reductions).entitlement for month in (JULY_1, AUGUST, OCTOBER, NOVEMBER)
    ]
    assert amounts == [eur(1043), eur("874.10"), eur("874.10"), eur(1043)]


def test_housing_and_heating_are_never_reduced() -> None:
    """§ 31a Abs. 4 S. 2: income of 543 € covers all but 20 € of the Regelbedarf; only those 20 € go."""
    members = household(adult("a", other_income=(other(543, AUGUST),)), housing=flat())
    before = compute_entitlement(members, AUGUST)
    after = reduce_entitlement(before, [reduction(BREACH, JULY_1)])
    housing = before.persons[0].housing_part
    assert after.entitlement == housing == eur(480)
    line = next(item for item in after.explanation if item.kind is ItemKind.REDUCTION)
    assert line.amount == before.entitlement - housing
    assert "Unterkunft und Heizung werden nicht gemindert" in line.note


def test_overlapping_reductions_are_capped_at_thirty_percent_together() -> None:
    """§ 31a Abs. 4 S. 1: a 30 % breach (third step, a.F.) and a 10 % missed appointment → 30 %, not 40 %."""
    third = determine(BREACH, JUNE_30, DETERMINED, earlier=[])
    third = type(third)(**{**third.__dict__, "percent": Decimal(30), "months": 3, "step": 3})
    reductions = [Reduction("b", "a", third), reduction(MISSED, JUNE_30)]
    result = reduce_entitlement(single(), reductions)
    assert result.entitlement == eur("874.10")
    assert "§ 31a Abs. 4 S. 1" in next(i.paragraph for i in result.explanation if i.kind is ItemKind.REDUCTION)


@pytest.mark.parametrize(("occurred_on", "paid"), [(JUNE_30, "0.00"), (JULY_1, "1.00")])
def test_a_claim_left_at_zero_only_by_the_reduction_is_one_euro_from_july_2026(occurred_on: date, paid: str) -> None:
    """§ 31a Abs. 4 S. 3 n.F. (no such rule a.F.): someone without housing costs whose income leaves 50 € open."""
    members = household(adult("a", other_income=(other(543, AUGUST),)), housing=flat(rent=0, heating=0))
    before = compute_entitlement(members, AUGUST)
    assert Decimal(0) < before.entitlement < eur("56.30")
    after = reduce_entitlement(before, [reduction(MISSED if occurred_on < JULY_1 else BREACH, occurred_on)])
    assert after.entitlement == eur(paid)
    assert any(item.kind is ItemKind.REDUCTION_MINIMUM for item in after.explanation) is (paid == "1.00")
    assert not after.income_covers_need  # a sanction to zero is no "existenzsichernd" exit


def test_not_reachable_pays_housing_without_the_regelbedarf_in_the_first_month_and_nothing_after() -> None:
    """§ 7b Abs. 4 S. 2, 4: from the month after the third miss's determination one month without the
    Regelbedarf, then no claim (until the end of the approval period unless the person reports)."""
    reductions = [reduction(MISSED, JULY_1, consecutive_misses=3)]
    assert reduce_entitlement(single(AUGUST), reductions).entitlement == eur(480)
    later = reduce_entitlement(single(SEPTEMBER), reductions)
    assert later.entitlement == 0
    assert any(item.kind is ItemKind.NOT_REACHABLE for item in later.explanation)


def test_reporting_in_person_within_the_first_month_leaves_the_thirty_percent_of_section_32() -> None:
    """§ 7b Abs. 4 S. 5, § 32 Abs. 3 S. 2: reachable throughout; the Regelbedarf reduced by § 32 (30 %)."""
    sanction = determine(MISSED, JULY_1, DETERMINED, consecutive_misses=3)
    reported = Reduction("r", "a", sanction, lifted_from(sanction, date(2026, 8, 12)))
    assert reduce_entitlement(single(AUGUST), [reported]).entitlement == eur("874.10")
    assert reduce_entitlement(single(SEPTEMBER), [reported]).entitlement == eur(1043)


def test_reporting_in_person_later_restores_the_claim_from_that_month() -> None:
    """§ 7b Abs. 4 S. 3."""
    sanction = determine(MISSED, JULY_1, DETERMINED, consecutive_misses=3)
    reported = Reduction("r", "a", sanction, lifted_from(sanction, date(2026, 10, 3)))
    amounts = [reduce_entitlement(single(m), [reported]).entitlement for m in (AUGUST, SEPTEMBER, OCTOBER)]
    assert amounts == [eur(480), eur(0), eur(1043)]


@pytest.mark.parametrize(
    ("fulfilled_on", "lifted"),
    [(date(2026, 7, 25), SEPTEMBER), (date(2026, 8, 10), SEPTEMBER), (date(2026, 9, 2), OCTOBER)],
)
def test_a_breach_reduction_is_lifted_after_the_duty_is_fulfilled_but_not_within_its_first_month(
    fulfilled_on: date, lifted: date
) -> None:
    """§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 n.F.: lifted on fulfilment once a month has passed."""
    sanction = determine(BREACH, JULY_1, DETERMINED)
    assert lifted_from(sanction, fulfilled_on) == lifted
    applied = Reduction("r", "a", sanction, lifted)
    assert reduce_entitlement(single(lifted), [applied]).entitlement == eur(1043)


def test_a_missed_appointments_reduction_cannot_be_lifted() -> None:
    """§ 32 Abs. 2 refers to § 31a Abs. 2–5, not to its Abs. 1 S. 2."""
    with pytest.raises(InvalidDetermination):
        lifted_from(determine(MISSED, JULY_1, DETERMINED, consecutive_misses=2), date(2026, 8, 3))


def test_a_reduction_of_one_member_leaves_the_others_claims_alone() -> None:
    """Each member's claim is their own (§ 9 Abs. 2 S. 3): the child's share is not reduced."""
    members = household(adult("a"), child("c", 8), housing=flat())
    before = compute_entitlement(members, AUGUST)
    after = reduce_entitlement(before, [reduction(BREACH, JULY_1)])
    assert after.person("c") == before.person("c")
    assert after.person("a").entitlement == before.person("a").entitlement - eur("168.90")


def test_a_refused_job_leaves_housing_only_for_two_months_beyond_the_thirty_percent_cap() -> None:
    """§ 31a Abs. 7 S. 1 ("abweichend von Absatz 4 Satz 1"): the Regelbedarf lapses, also beside a 30 % missed
    appointment; housing and heating stay (Abs. 4 S. 2); § 31b Abs. 3 S. 1: two months at the latest."""
    refusal = reduction(Incident.WORK_REFUSAL, JULY_1)
    missed = reduction(MISSED, JULY_1, consecutive_misses=2)
    amounts = [reduce_entitlement(single(m), [refusal, missed]).entitlement for m in (AUGUST, SEPTEMBER, OCTOBER)]
    assert amounts == [eur(480), eur(480), eur(1043)]


def test_a_refused_job_without_housing_costs_leaves_one_euro() -> None:
    """§ 31a Abs. 4 S. 3 n.F.: "wegen des Entfalls des Leistungsanspruchs in Höhe des Regelbedarfes nach Absatz 7"."""
    after = reduce_entitlement(single(AUGUST, rent=0, heating=0), [reduction(Incident.WORK_REFUSAL, JULY_1)])
    assert after.entitlement == eur(1)


@pytest.mark.parametrize(("ended_on", "lifted"), [(date(2026, 7, 28), SEPTEMBER), (date(2026, 8, 20), SEPTEMBER)])
def test_a_lapsed_regelbedarf_is_lifted_after_one_month_once_the_job_is_gone(ended_on: date, lifted: date) -> None:
    """§ 31b Abs. 3 S. 1: "nach Ablauf eines Minderungszeitraums von einem Monat aufgehoben, wenn die Möglichkeit
    der Arbeitsaufnahme nicht mehr besteht"."""
    sanction = determine(Incident.WORK_REFUSAL, JULY_1, DETERMINED)
    assert lifted_from(sanction, ended_on) == lifted
