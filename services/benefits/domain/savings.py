"""Savings from employment starts, set off against the benefits (seed 003: "Einsparungen … gegengerechnet").

No I/O. Each employment start records the household's monthly amount before and after the decision
it caused; the difference is saved every month from then until the employment's last paid month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from services.benefits.domain.approval import add_months
from services.benefits.domain.employments import months_between
from services.benefits.domain.money import ZERO


class GroupBy(StrEnum):
    CLIENT = "client"
    OFFICE = "office"
    PROGRAM = "program"
    MONTH = "month"


@dataclass(frozen=True)
class Saving:
    employment_id: UUID
    client_id: UUID
    office_id: str
    program_id: str | None
    month: date  # first month the start changed the amount
    end_month: date | None  # last month it saved; None while the employment lasts
    before: Decimal
    after: Decimal

    @property
    def monthly(self) -> Decimal:
        return self.before - self.after

    def months_within(self, first: date, last: date) -> int:
        start = max(self.month, first)
        end = min(self.end_month or last, last)
        return max(0, months_between(start, end) + 1)

    def started_within(self, first: date, last: date) -> bool:
        return first <= self.month <= last


@dataclass(frozen=True)
class SavingsGroup:
    key: str | None
    employment_starts: int
    monthly_before: Decimal
    monthly_after: Decimal
    monthly_saving: Decimal
    accumulated_saving: Decimal


@dataclass(frozen=True)
class SavingsReport:
    """The savings of the months `from_month`..`to_month`, grouped, and their total."""

    group_by: GroupBy
    from_month: date
    to_month: date
    groups: list[SavingsGroup]
    total: SavingsGroup


def _group(key: str | None, savings: Sequence[Saving], first: date, last: date) -> SavingsGroup:
    started = [s for s in savings if s.started_within(first, last)]
    return SavingsGroup(
        key,
        len(started),
        sum((s.before for s in started), ZERO),
        sum((s.after for s in started), ZERO),
        sum((s.monthly for s in started), ZERO),
        sum((s.monthly * s.months_within(first, last) for s in savings), ZERO),
    )


KEYS: dict[GroupBy, Callable[[Saving], str | None]] = {
    GroupBy.CLIENT: lambda s: str(s.client_id),
    GroupBy.OFFICE: lambda s: s.office_id,
    GroupBy.PROGRAM: lambda s: s.program_id,
}


def _months(first: date, last: date) -> list[date]:
    return [add_months(first, n) for n in range(months_between(first, last) + 1)]


def savings_report(savings: Iterable[Saving], group_by: GroupBy, first: date, last: date) -> list[SavingsGroup]:
    """Groups with any start or any saving in the months `first`..`last` (first days of months)."""
    rows = list(savings)
    if group_by is GroupBy.MONTH:
        groups = [_group(month.isoformat(), rows, month, month) for month in _months(first, last)]
    else:
        keyed: dict[str | None, list[Saving]] = {}
        for saving in rows:
            keyed.setdefault(KEYS[group_by](saving), []).append(saving)
        groups = [_group(key, members, first, last) for key, members in sorted(keyed.items(), key=_sort_key)]
    return [g for g in groups if g.employment_starts or g.accumulated_saving]


def total(savings: Iterable[Saving], first: date, last: date) -> SavingsGroup:
    return _group(None, list(savings), first, last)


def _sort_key(item: tuple[str | None, list[Saving]]) -> str:
    return item[0] or ""
