"""Which pay flows in which month (Zuflussprinzip, § 11 Abs. 2 SGB II), from the employment facts. No I/O.

Placement reports a contract's expected monthly pay and the date of the first payment; employers
later confirm the actual pay of each month worked. Pay flows `lag_months` after the month worked
(0: paid at the end of the same month, 1: paid early next month), so the first payment date
fixes the lag, and the end of the employment stops the pay after its last inflow month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.benefits.domain.approval import add_months


def first_of(day: date) -> date:
    return day.replace(day=1)


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def pay_lag(start_date: date, first_pay_date: date) -> int:
    """Months between the month work starts and the month its first pay flows in (never negative)."""
    return max(0, months_between(first_of(start_date), first_of(first_pay_date)))


@dataclass(frozen=True)
class Pay:
    gross: Decimal
    net: Decimal
    apprenticeship: bool = False  # § 11b Abs. 2b for trainees under 25


@dataclass(frozen=True)
class Employment:
    employment_id: UUID
    client_id: UUID
    expected: Pay
    first_inflow: date  # first day of the month the first pay flows in
    lag_months: int = 0
    last_inflow: date | None = None  # first day of the month the last pay flows in; None while it lasts
    confirmed: Mapping[date, Pay] = field(default_factory=dict)  # inflow month → actual pay

    def inflow_of(self, worked_month: date) -> date:
        return add_months(first_of(worked_month), self.lag_months)

    def last_inflow_after_end(self, end_date: date) -> date:
        """The pay for the last month worked still flows, `lag_months` later."""
        return max(self.first_inflow, self.inflow_of(end_date))

    def pay_in(self, month: date) -> Pay | None:
        """The month's pay: confirmed if known, else the latest confirmed before it, else the contract's."""
        on = first_of(month)
        if on < self.first_inflow or (self.last_inflow is not None and on > self.last_inflow):
            return None
        if on in self.confirmed:
            return self.confirmed[on]
        earlier = [confirmed for confirmed in self.confirmed if confirmed < on]
        return self.confirmed[max(earlier)] if earlier else self.expected


def pays_by_client(employments: Iterable[Employment], month: date) -> dict[UUID, list[Pay]]:
    """Every pay flowing in `month`, per client."""
    pays: dict[UUID, list[Pay]] = {}
    for employment in employments:
        pay = employment.pay_in(month)
        if pay is not None:
            pays.setdefault(employment.client_id, []).append(pay)
    return pays


def first_pay_months(employments: Iterable[Employment]) -> dict[UUID, date]:
    """The first month placement recorded pay for, per client: from it on placement's record is their job."""
    first: dict[UUID, date] = {}
    for employment in employments:
        known = first.get(employment.client_id)
        first[employment.client_id] = employment.first_inflow if known is None else min(known, employment.first_inflow)
    return first
