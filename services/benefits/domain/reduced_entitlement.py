"""How determined sanctions change a month's entitlement (§ 31a Abs. 4, § 7b Abs. 4, § 32 Abs. 3). No I/O.

A reduction takes a percentage of the person's Regelbedarf (§ 20) from the person's own claim, never the part
for housing and heating (§ 31a Abs. 4 S. 2); overlapping ones together at most 30 % (S. 1). From 2026-07-01 a
claim that would be zero only because of a reduction is 1 Euro (S. 3). A person not reachable (§ 7b Abs. 4)
gets no Regelbedarf in the first month and no claim after it until reporting in person; reporting within that
first month makes the person count as reachable throughout, with the Regelbedarf reduced by § 32 (§ 32 Abs. 3 S. 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from services.benefits.domain.approval import add_months
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro, percent
from services.benefits.domain.money import ZERO, percent_of
from services.benefits.domain.reductions import (
    DAYS_IN_MONTH,
    MISSES,
    OLD_LAW,
    Consequence,
    InvalidDetermination,
    Sanction,
    day_of_30,
    months_after,
)
from services.benefits.domain.result import EntitlementResult, PersonEntitlement, total
from services.benefits.domain.rules.reductions import CAP, MINIMUM_PAYMENT, MISSED_APPOINTMENT

HOUSING_KEPT = "§ 31a Abs. 4 S. 2 SGB II"
CLAIM_ENDED = "§ 7b Abs. 4 S. 2–3 SGB II"
NO_STANDARD_NEED = "§ 7b Abs. 4 S. 4 SGB II"
REPORTED_IN_TIME = "§ 7b Abs. 4 S. 5, § 32 Abs. 3 S. 2 SGB II"
BY_DAYS = "§ 31b Abs. 1 S. 2, § 41 Abs. 1 S. 2–3 SGB II"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Reduction:
    """A determined sanction as benefits applies it to one member of the household."""

    reduction_id: str
    person_id: str
    sanction: Sanction
    # the first day it no longer applies: the 1st of a month, or for a period by days (a Sperrzeit) the day of
    # the fulfilment (§ 31b Abs. 2 S. 2), so that month is reduced up to the day before
    lifted_from: date | None = None

    def applies_in(self, month: date) -> bool:
        if not self.sanction.covers(month):
            return False
        return self.lifted_from is None or month < self.lifted_from or self._reported_in_time(month)

    def _reported_in_time(self, month: date) -> bool:
        """§ 7b Abs. 4 S. 5: reported within the first month, so the first month keeps the § 32 reduction."""
        s = self.sanction
        return s.consequence is Consequence.NOT_REACHABLE and self.lifted_from == s.first_month == month

    def lifted_within(self, month: date) -> bool:
        """Lifted on a day inside `month` (not its 1st): the month is reduced only up to the day before."""
        lifted = self.lifted_from
        return lifted is not None and lifted.day != 1 and lifted.replace(day=1) == month

    def day_span(self, month: date) -> tuple[int, int]:
        """The days of the 30-day month it covers (`Sanction.day_span`), ending the day before a lift by day."""
        first, last = self.sanction.day_span(month)
        if self.lifted_within(month) and self.lifted_from is not None:
            last = min(last, day_of_30(self.lifted_from - ONE_DAY))
        return first, last

    def part_month(self, month: date) -> bool:
        return self.day_span(month) != (1, DAYS_IN_MONTH)

    def last_day_in(self, month: date) -> date:
        """The calendar day its reduction ends within `month`: the period's end, the day before a lift, or the
        month's last day."""
        s, ends = self.sanction, [add_months(month, 1) - ONE_DAY]
        if s.until is not None and month == s.until.replace(day=1):
            ends.append(s.until)
        if self.lifted_within(month) and self.lifted_from is not None:
            ends.append(self.lifted_from - ONE_DAY)
        return min(ends)

    def share_of_standard_need(self, month: date) -> tuple[Decimal, str]:
        """Percent of the Regelbedarf withdrawn in `month`, and why (100: none of it is paid)."""
        s = self.sanction
        if s.consequence is not Consequence.NOT_REACHABLE:
            return s.percent, s.paragraph
        if self._reported_in_time(month):
            return MISSED_APPOINTMENT.value_at(s.occurred_on).repeated_percent, REPORTED_IN_TIME
        return Decimal(100), NO_STANDARD_NEED if month == s.first_month else CLAIM_ENDED

    def ends_claim(self, month: date) -> bool:
        s = self.sanction
        return s.consequence is Consequence.NOT_REACHABLE and month > s.first_month and self.applies_in(month)


def lifted_from(sanction: Sanction, fulfilled_on: date) -> date:
    """From which month a reduction is lifted when the duty is fulfilled or the person reports in person.

    § 31a Abs. 1 S. 2 with § 31b Abs. 2 S. 2: a breach's reduction after at least one month (the partial month is
    not prorated: lifted from the month after the fulfilment). § 7b Abs. 4 S. 3, 5: reachable again on reporting;
    within the first month as if reachable throughout. A missed appointment's reduction cannot be lifted: § 32
    Abs. 2 does not refer to § 31a Abs. 1. A lapsed Regelbedarf (§ 31a Abs. 7) the same way as a breach's, after
    its first month: § 31b Abs. 3 S. 1 (the job no longer open) and § 31a Abs. 7 S. 4 with Abs. 1 S. 2."""
    if sanction.consequence is Consequence.NOT_REACHABLE:
        return max(sanction.first_month, fulfilled_on.replace(day=1))
    if sanction.consequence is Consequence.NO_REDUCTION or sanction.incident in MISSES:
        raise InvalidDetermination("a missed appointment's reduction runs its month; it is not lifted (§ 32 Abs. 2)")
    if sanction.from_day is not None:
        # a period by days (§ 31b Abs. 1 S. 2): from the day of the fulfilment once it has run a month, else from
        # the day that month is over (§ 31b Abs. 2 S. 2; § 26 Abs. 1 SGB X with § 188 Abs. 2 BGB)
        return max(fulfilled_on, months_after(sanction.from_day, 1))
    return max(add_months(sanction.first_month, 1), add_months(fulfilled_on.replace(day=1), 1))


def lift_paragraph(sanction: Sanction) -> str:
    """Why a reduction is lifted on fulfilment, in the version the breach's date calls for (§ 65a Abs. 2)."""
    if sanction.consequence is Consequence.NOT_REACHABLE:
        return "§ 7b Abs. 4 S. 3, 5 SGB II"
    if sanction.old_law:
        return f"§ 31a Abs. 1 S. 6, § 31b Abs. 2 S. 2{OLD_LAW}"
    return "§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 SGB II"


def standard_need_of(result: EntitlementResult, person_id: str) -> Decimal:
    return total(i.amount for i in result.explanation if i.person_id == person_id and i.kind is ItemKind.STANDARD_NEED)


def reduce_entitlement(result: EntitlementResult, reductions: Sequence[Reduction]) -> EntitlementResult:
    """The month's result with the reductions in force for it; unchanged when none applies."""
    active = [r for r in reductions if r.applies_in(result.month)]
    if not active:
        return result
    persons, lines = [], list(result.explanation)
    for person in result.persons:
        own = [r for r in active if r.person_id == person.person_id]
        reduced, items = (
            _reduced(person, own, standard_need_of(result, person.person_id), result.month) if own else (person, [])
        )
        persons.append(reduced)
        lines += items
    return replace(result, persons=tuple(persons), explanation=tuple(lines))


def _reduced(
    person: PersonEntitlement, own: list[Reduction], standard_need: Decimal, month: date
) -> tuple[PersonEntitlement, list[LineItem]]:
    pid = person.person_id
    if any(r.ends_claim(month) for r in own):
        ended = LineItem(
            pid, ItemKind.NOT_REACHABLE, person.entitlement, CLAIM_ENDED, "nicht erreichbar: kein Anspruch"
        )
        return replace(person, entitlement=ZERO, housing_part=ZERO), [ended]
    latest = max(r.sanction.occurred_on for r in own)
    withdrawn_percent, paragraph = _percent(own, month, CAP.value_at(latest))
    wanted = percent_of(standard_need, withdrawn_percent)
    applied = min(wanted, max(ZERO, person.entitlement - person.housing_part))
    note = _note(own, month, withdrawn_percent, standard_need, wanted, applied)
    items = [LineItem(pid, ItemKind.REDUCTION, applied, paragraph, note)]
    entitlement = person.entitlement - applied
    minimum = MINIMUM_PAYMENT.value_at(latest)
    if entitlement == 0 and person.entitlement > 0 and minimum is not None:
        entitlement = minimum
        note = "ohne die Minderung bestünde ein Anspruch: 1 Euro monatlich für ihre Dauer"
        items.append(LineItem(pid, ItemKind.REDUCTION_MINIMUM, minimum, "§ 31a Abs. 4 S. 3 SGB II", note))
    items.append(LineItem(pid, ItemKind.REDUCED_ENTITLEMENT, entitlement, HOUSING_KEPT, "Anspruch nach der Minderung"))
    return replace(person, entitlement=entitlement, housing_part=min(person.housing_part, entitlement)), items


def _percent(own: list[Reduction], month: date, cap: Decimal) -> tuple[Decimal, str]:
    """The share of the month's Regelbedarf withdrawn, day by day of the month of 30 days (§ 41 Abs. 1 S. 2–3):
    on each day those in force together at most the cap (§ 31a Abs. 4 S. 1), except a day without any Regelbedarf
    (§ 7b Abs. 4 S. 4, § 31a Abs. 7); a part month (a Sperrzeit from its day, § 31b Abs. 1 S. 2) pro rata."""
    shares = [(r.share_of_standard_need(month), r.day_span(month)) for r in own]
    paragraphs = list(dict.fromkeys(paragraph for (_, paragraph), _ in shares))
    capped, total = False, Decimal(0)
    for day in range(1, DAYS_IN_MONTH + 1):
        today = [share for (share, _), (first, last) in shares if first <= day <= last]
        if any(share == 100 for share in today):
            total += 100
            continue
        summed = sum(today, Decimal(0))
        capped = capped or summed > cap
        total += min(summed, cap)
    if capped:
        paragraphs.append("§ 31a Abs. 4 S. 1 SGB II")
    if any(r.part_month(month) for r in own):
        paragraphs.append(BY_DAYS)
    if any(r.lifted_within(month) for r in own):
        paragraphs.append(lift_paragraph(own[0].sanction))
    return total / DAYS_IN_MONTH, "; ".join(paragraphs)


def _note(
    own: list[Reduction], month: date, share: Decimal, standard_need: Decimal, wanted: Decimal, applied: Decimal
) -> str:
    note = f"Minderung um {percent(share.quantize(Decimal('0.01')))} des Regelbedarfs ({euro(standard_need)})"
    if parts := [_days(r, month) for r in own if r.part_month(month)]:
        note += f", nach Tagen (der Monat zählt 30 Tage): {'; '.join(parts)}"
    if applied < wanted:
        note += f"; begrenzt auf {euro(applied)}: Unterkunft und Heizung werden nicht gemindert"
    return note


def _days(reduction: Reduction, month: date) -> str:
    """ "30 % für 14 von 30 Tagen (17.06.–30.06.2026)" — the calendar days of the part month it covers."""
    s, (first, last) = reduction.sanction, reduction.day_span(month)
    start = s.from_day if s.from_day is not None and month == s.first_month else month
    span = f"{start:%d.%m.}–{reduction.last_day_in(month):%d.%m.%Y}"
    text = f"{percent(reduction.share_of_standard_need(month)[0])} für {last - first + 1} von 30 Tagen ({span})"
    if reduction.lifted_within(month) and reduction.lifted_from is not None:
        text += f", aufgehoben ab {reduction.lifted_from:%d.%m.%Y}"
    return text
