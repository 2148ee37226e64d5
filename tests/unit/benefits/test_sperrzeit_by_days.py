"""A Sperrzeit's reduction from its day (§ 31b Abs. 1 S. 2 SGB II): the period runs by days from the Sperrzeit's
start, its first and last month are reduced pro rata in the month of 30 days (§ 41 Abs. 1 S. 2–3, the same in
both versions); the 30 % cap (§ 31a Abs. 4 S. 1), the 1-euro rule (S. 3 n.F.) and housing (S. 2) still hold; old
or new law by the date of the breach (§ 65a Abs. 2). A single adult: Regelbedarf 563 €, housing 480 €."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.explanation import ItemKind
from services.benefits.domain.reduced_entitlement import Reduction, reduce_entitlement
from services.benefits.domain.reductions import Incident, determine
from services.benefits.domain.result import EntitlementResult
from services.benefits.use_cases.reductions import change_months
from tests.unit.benefits.builders import adult, eur, flat, household, other

SPERRZEIT, BREACH = Incident.SPERRZEIT, Incident.BREACH_OF_DUTY
JUNE, JULY, AUGUST, SEPTEMBER, OCTOBER, NOVEMBER = (date(2026, m, 1) for m in range(6, 12))
FULL = eur(1043)


def single(month: date) -> EntitlementResult:
    return compute_entitlement(household(adult("a"), housing=flat()), month)


def sperrzeit(occurred_on: date, starts: date, determined_on: date = date(2026, 7, 20)) -> Reduction:
    sanction = determine(SPERRZEIT, occurred_on, determined_on, sperrzeit_from=starts)
    return Reduction(f"s-{starts}", "a", sanction)


def withdrawn(result: EntitlementResult) -> Decimal:
    return next((i.amount for i in result.explanation if i.kind is ItemKind.REDUCTION), Decimal(0))


@pytest.mark.parametrize(
    ("occurred_on", "starts", "reduced"),
    [
        # § 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 Nr. 1 a.F. (breach in June): 10 % for one month, 17.06.–16.07.
        (date(2026, 6, 10), date(2026, 6, 17), {JUNE: "26.27", JULY: "30.03", AUGUST: "0"}),
        # § 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 n.F. (breach in July): 30 % for three months, 17.07.–16.10.
        (
            date(2026, 7, 10),
            date(2026, 7, 17),
            {JUNE: "0", JULY: "78.82", AUGUST: "168.90", SEPTEMBER: "168.90", OCTOBER: "90.08", NOVEMBER: "0"},
        ),
        # from the 1st: whole months, as before (§ 31b Abs. 1 S. 2)
        (date(2026, 7, 10), date(2026, 8, 1), {JULY: "0", AUGUST: "168.90", OCTOBER: "168.90", NOVEMBER: "0"}),
        # from the 31st: one day of the month of 30 (§ 41 Abs. 1 S. 2); it ends on 30 October, October's last
        # day in the month of 30, so October is whole
        (date(2026, 7, 10), date(2026, 7, 31), {JULY: "5.63", AUGUST: "168.90", OCTOBER: "168.90", NOVEMBER: "0"}),
    ],
)
def test_a_sperrzeit_reduces_from_its_day_and_part_months_pro_rata(
    occurred_on: date, starts: date, reduced: dict[date, str]
) -> None:
    """14 of 30 days from the 17th (56.30 € × 14/30; 168.90 € × 14/30), the rest of the period's last month by its
    days (the 16th: 16/30); the months between whole."""
    reductions = [sperrzeit(occurred_on, starts)]
    for month, amount in reduced.items():
        result = reduce_entitlement(single(month), reductions)
        assert (month, withdrawn(result)) == (month, eur(amount))
        assert result.entitlement == FULL - eur(amount)


def test_the_explanation_says_the_days_and_the_paragraphs() -> None:
    """§ 31b Abs. 1 S. 2 (from the Sperrzeit's start) and § 41 Abs. 1 S. 2–3 (30 days, pro rata)."""
    result = reduce_entitlement(single(JULY), [sperrzeit(date(2026, 7, 10), date(2026, 7, 17))])
    line = next(i for i in result.explanation if i.kind is ItemKind.REDUCTION)
    assert "§ 31 Abs. 2 Nr. 3, § 31b Abs. 1 S. 2" in line.paragraph and "§ 41 Abs. 1 S. 2–3" in line.paragraph
    assert "30\u00a0% für 14 von 30 Tagen (17.07.–31.07.2026)" in line.note, line.note
    last = next(
        i
        for i in reduce_entitlement(single(OCTOBER), [sperrzeit(date(2026, 7, 10), date(2026, 7, 17))]).explanation
        if i.kind is ItemKind.REDUCTION
    )
    assert "16 von 30 Tagen (01.10.–16.10.2026)" in last.note, last.note
    whole = next(
        i
        for i in reduce_entitlement(single(AUGUST), [sperrzeit(date(2026, 7, 10), date(2026, 7, 17))]).explanation
        if i.kind is ItemKind.REDUCTION
    )
    assert "Tagen" not in whole.note and "§ 41" not in whole.paragraph


def test_the_period_by_days_and_the_months_whose_amount_it_changes() -> None:
    """§ 26 Abs. 1 SGB X with § 188 Abs. 2 BGB: three months from 17 July end on 16 October; the amount changes in
    July (part), August (whole), October (part) and November (none) — each decided as its month comes."""
    sanction = sperrzeit(date(2026, 7, 10), date(2026, 7, 17)).sanction
    assert (sanction.from_day, sanction.until, sanction.end_month) == (date(2026, 7, 17), date(2026, 10, 16), NOVEMBER)
    assert change_months(sanction) == (JULY, AUGUST, OCTOBER, NOVEMBER)
    june = sperrzeit(date(2026, 6, 10), date(2026, 6, 17)).sanction  # a.F.: one month, 17.06.–16.07.
    assert change_months(june) == (JUNE, JULY, AUGUST)


def test_on_a_part_month_the_cap_holds_day_by_day() -> None:
    """§ 31a Abs. 4 S. 1: a 10 % reduction (breach in June, a.F.) in all of August and a Sperrzeit from 17 August
    (30 %, n.F.): 10 % on 16 days, 30 % (not 40 %) on 14 → 563 € × (16 × 10 % + 14 × 30 %) / 30 = 108.85 €."""
    old = Reduction("b", "a", determine(BREACH, date(2026, 6, 30), date(2026, 7, 20)))
    new = sperrzeit(date(2026, 8, 10), date(2026, 8, 17), determined_on=date(2026, 8, 20))
    result = reduce_entitlement(single(AUGUST), [old, new])
    assert withdrawn(result) == eur("108.85")
    line = next(i for i in result.explanation if i.kind is ItemKind.REDUCTION)
    assert "§ 31a Abs. 4 S. 1" in line.paragraph and "§ 41 Abs. 1 S. 2–3" in line.paragraph


@pytest.mark.parametrize(
    ("occurred_on", "starts", "paid"),
    [(date(2026, 6, 10), date(2026, 6, 17), "0.00"), (date(2026, 7, 10), date(2026, 7, 1), "1.00")],
)
def test_housing_is_never_reduced_and_the_one_euro_rule_from_july_2026(
    occurred_on: date, starts: date, paid: str
) -> None:
    """§ 31a Abs. 4 S. 2 (housing kept) and S. 3 n.F. (1 €): income of 543 € leaves 20 € of the Regelbedarf, less
    than the part month's 30.03 € (a.F., July 1–16) or 168.90 € (n.F.); with rent the claim stays the housing."""
    members = household(adult("a", other_income=(other(543, JULY),)), housing=flat())
    before = compute_entitlement(members, JULY)
    after = reduce_entitlement(before, [sperrzeit(occurred_on, starts)])
    assert after.entitlement == before.persons[0].housing_part == eur(480)
    no_rent = household(adult("a", other_income=(other(543, JULY),)), housing=flat(rent=0, heating=0))
    assert reduce_entitlement(compute_entitlement(no_rent, JULY), [sperrzeit(occurred_on, starts)]).entitlement == eur(
        paid
    )


@pytest.mark.parametrize(
    ("starts", "first", "last"),
    [
        (date(2027, 2, 15), (15, 30), (1, 14)),  # February's days 15–28 are 15–30 of the month of 30: 16 days
        (date(2027, 2, 28), (30, 30), (1, 27)),  # its last day stands for the 28th to the 30th
        (date(2026, 7, 17), (17, 30), (1, 16)),
    ],
)
def test_days_are_counted_in_the_month_of_thirty(starts: date, first: tuple[int, int], last: tuple[int, int]) -> None:
    """§ 41 Abs. 1 S. 2 SGB II: "Der Monat wird mit 30 Tagen berechnet" — the 31st is no day of its own, a short
    February's last day counts up to the 30th (the periods are whole calendar periods, § 188 Abs. 2 BGB)."""
    sanction = determine(SPERRZEIT, starts, starts, sperrzeit_from=starts)
    assert sanction.day_span(sanction.first_month) == first
    assert sanction.until is not None and sanction.day_span(sanction.until.replace(day=1)) == last
