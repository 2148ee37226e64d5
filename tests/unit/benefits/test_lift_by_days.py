"""Lifting a Sperrzeit's reduction, which runs by days (§ 31b Abs. 1 S. 2 SGB II), when the duty is fulfilled or
the person declares readiness: from the day of the fulfilment once the period has run a month, else from the day
that month is over (§ 31b Abs. 2 S. 2 with § 31a Abs. 1 S. 2 n.F., § 31a Abs. 1 S. 6 a.F.; § 65a Abs. 2: the
version by the date of the breach). The month it is lifted in is reduced up to the day before, in the month of
30 days (§ 41 Abs. 1 S. 2–3); the following months are paid in full. A single adult: Regelbedarf 563 €, housing
480 €: 1,043 €."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.benefits.domain import compute_entitlement
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.reduced_entitlement import Reduction, lifted_from, reduce_entitlement
from services.benefits.domain.reductions import Earlier, Incident, InvalidDetermination, determine
from services.benefits.domain.result import EntitlementResult
from tests.unit.benefits.builders import adult, eur, flat, household

SPERRZEIT = Incident.SPERRZEIT
JUNE, JULY, AUGUST, SEPTEMBER, OCTOBER, NOVEMBER = (date(2026, m, 1) for m in range(6, 12))
FULL = eur(1043)
NEW_LIFT = "§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 SGB II"
OLD_LIFT = "§ 31a Abs. 1 S. 6, § 31b Abs. 2 S. 2 SGB II a.F. i.V.m. § 65a Abs. 2 SGB II"


def single(month: date) -> EntitlementResult:
    return compute_entitlement(household(adult("a"), housing=flat()), month)


def sperrzeit(occurred_on: date, starts: date, earlier: tuple[Earlier, ...] = ()) -> Reduction:
    sanction = determine(SPERRZEIT, occurred_on, date(2026, 8, 3), earlier, sperrzeit_from=starts)
    return Reduction(f"s-{starts}", "a", sanction)


def lifted(reduction: Reduction, fulfilled_on: date) -> Reduction:
    return replace(reduction, lifted_from=lifted_from(reduction.sanction, fulfilled_on))


def withdrawn(reduction: Reduction, month: date) -> Decimal:
    result = reduce_entitlement(single(month), [reduction])
    amount = next((i.amount for i in result.explanation if i.kind is ItemKind.REDUCTION), eur(0))
    assert result.entitlement == FULL - amount
    return amount


def reduction_lines(result: EntitlementResult) -> list[LineItem]:
    return [i for i in result.explanation if i.kind is ItemKind.REDUCTION]


# n.F. (breach in July 2026): 30 % (168.90 €) for three months by days, 17.07.–16.10.
JULY_SPERRZEIT = (date(2026, 7, 10), date(2026, 7, 17))


@pytest.mark.parametrize(
    ("fulfilled_on", "lifted_on", "reduced"),
    [
        # fulfilled before the period has run a month: lifted once it has, from 17.08.; August 16 of 30 days
        (date(2026, 8, 5), date(2026, 8, 17), {JULY: "78.82", AUGUST: "90.08", SEPTEMBER: "0", OCTOBER: "0"}),
        # fulfilled after a month: from that day; September 9 of 30 days (168.90 × 9/30)
        (date(2026, 9, 10), date(2026, 9, 10), {AUGUST: "168.90", SEPTEMBER: "50.67", OCTOBER: "0"}),
        # fulfilled on a 1st: the month before is reduced whole, the month itself not at all
        (date(2026, 9, 1), date(2026, 9, 1), {AUGUST: "168.90", SEPTEMBER: "0", OCTOBER: "0"}),
        # a 31st is no day of its own (§ 41 Abs. 1 S. 2): lifted from 31.08., August is reduced whole
        (date(2026, 8, 31), date(2026, 8, 31), {AUGUST: "168.90", SEPTEMBER: "0"}),
    ],
)
def test_a_july_sperrzeit_is_lifted_from_the_day_of_fulfilment_after_one_month(
    fulfilled_on: date, lifted_on: date, reduced: dict[date, str]
) -> None:
    """§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 n.F."""
    reduction = lifted(sperrzeit(*JULY_SPERRZEIT), fulfilled_on)
    assert reduction.lifted_from == lifted_on
    assert {month: withdrawn(reduction, month) for month in reduced} == {m: eur(v) for m, v in reduced.items()}


def test_the_month_of_the_lift_explains_the_days_and_cites_the_lift() -> None:
    """The lift's own line: the days reduced, the day it is lifted from, § 31a Abs. 1 S. 2 and § 41 Abs. 1."""
    reduction = lifted(sperrzeit(*JULY_SPERRZEIT), date(2026, 9, 10))
    (line,) = reduction_lines(reduce_entitlement(single(SEPTEMBER), [reduction]))
    assert NEW_LIFT in line.paragraph and "§ 41 Abs. 1 S. 2–3" in line.paragraph
    assert "30\u00a0% für 9 von 30 Tagen (01.09.–09.09.2026), aufgehoben ab 10.09.2026" in line.note


def test_a_june_sperrzeit_of_one_month_runs_its_month_even_when_the_duty_is_fulfilled_at_once() -> None:
    """§ 31a Abs. 1 S. 6, § 31b Abs. 2 S. 1 Nr. 1, S. 2 a.F.: 10 % for one month (17.06.–16.07.); a lift 'after
    that month' is its end, so nothing changes — where July's 30 % for three months is cut to one."""
    june = sperrzeit(date(2026, 6, 10), date(2026, 6, 17))
    assert june.sanction.until == date(2026, 7, 16)
    assert lifted_from(june.sanction, date(2026, 6, 25)) == date(2026, 7, 17)
    assert withdrawn(lifted(june, date(2026, 6, 25)), JULY) == withdrawn(june, JULY) == eur("30.03")
    july = lifted(sperrzeit(*JULY_SPERRZEIT), date(2026, 7, 25))
    assert [withdrawn(july, m) for m in (AUGUST, SEPTEMBER, OCTOBER)] == [eur("90.08"), eur(0), eur(0)]


def test_a_june_second_sperrzeit_is_lifted_by_day_citing_the_old_text() -> None:
    """§ 31a Abs. 1 S. 2, S. 6, § 31b Abs. 2 S. 1 Nr. 2, S. 2 a.F.: the second one 20 % (112.60 €) for two months,
    17.06.–16.08.; fulfilled on 03.08., August is reduced for 2 of 30 days (112.60 × 2/30 = 7.51 €)."""
    before = Earlier(Incident.BREACH_OF_DUTY, date(2026, 3, 2), date(2026, 4, 1), 1)
    reduction = lifted(sperrzeit(date(2026, 6, 10), date(2026, 6, 17), (before,)), date(2026, 8, 3))
    assert (reduction.sanction.percent, reduction.lifted_from) == (Decimal(20), date(2026, 8, 3))
    assert withdrawn(reduction, JULY) == eur("112.60") and withdrawn(reduction, AUGUST) == eur("7.51")
    (line,) = reduction_lines(reduce_entitlement(single(AUGUST), [reduction]))
    assert OLD_LIFT in line.paragraph and "aufgehoben ab 03.08.2026" in line.note


@pytest.mark.parametrize("occurred_on", [date(2026, 6, 10), date(2026, 7, 10)])
def test_a_sperrzeit_for_a_missed_appointment_is_not_lifted(occurred_on: date) -> None:
    """§ 31a Abs. 1 S. 7 a.F. / S. 3 n.F.: the consequences of § 32, whose Abs. 2 does not refer to § 31a Abs. 1."""
    sanction = determine(
        Incident.SPERRZEIT_MISSED_APPOINTMENT, occurred_on, date(2026, 8, 3), sperrzeit_from=date(2026, 7, 17)
    )
    with pytest.raises(InvalidDetermination):
        lifted_from(sanction, date(2026, 8, 20))
