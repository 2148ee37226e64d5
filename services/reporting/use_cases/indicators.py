"""The month's indicators for the offices the caller may see, whole or broken down (§ 3 S. 3: by sex)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction
from services.reporting.domain.cells import Counts
from services.reporting.domain.facts import Sex
from services.reporting.domain.figures import Breakdown as People
from services.reporting.domain.figures import Figure, figures_of, months_counted, months_summed
from services.reporting.domain.suppression import Shown, suppress
from services.reporting.use_cases.counting import count_months

Breakdown = Literal["sex", "programme", "target_group"]


@dataclass(frozen=True)
class IndicatorQuery:
    month: date
    office_id: str | None
    breakdown: Breakdown | None


@dataclass(frozen=True)
class Group:
    value: str | None
    figures: Sequence[Shown]


@dataclass(frozen=True)
class Indicators:
    month: date
    office_id: str | None
    breakdown: Breakdown | None
    groups: list[Group]


async def indicators(tx: Transaction, query: IndicatorQuery, by: StaffUser) -> Indicators:
    """Raises NotPermitted (403) for an office the caller does not act for. The database counts (`counting`)."""
    offices = by.visible_offices(query.office_id)
    counts = await count_months(tx.session, offices, *months_counted(query.month), months_summed(query.month))
    return Indicators(query.month, query.office_id, query.breakdown, shown_groups(counts, query))


def shown_groups(counts: Counts, query: IndicatorQuery) -> list[Group]:
    """The figures as a reader may see them: a breakdown's small groups suppressed (`domain.suppression`)."""
    found = groups(counts, query)
    if query.breakdown is None:
        return found
    return [Group(value, figures) for value, figures in suppress([(g.value, g.figures) for g in found])]


def groups(counts: Counts, query: IndicatorQuery) -> list[Group]:
    month, office = query.month, query.office_id

    def of(**selected: str | None) -> list[Figure]:
        return figures_of(counts, month, People(office_id=office, **selected))  # type: ignore[arg-type]

    match query.breakdown:
        case None:
            return [Group(None, of())]
        case "sex":
            return [Group(s, of(sex=s)) for s in get_args(Sex)]
        case "programme":
            programmes = sorted({p.programme_id for p in counts.profiles if p.programme_id is not None})
            return [Group(p, of(programme_id=p)) for p in programmes]
        case "target_group":
            target_groups = sorted({g for p in counts.profiles for g in p.target_groups})
            return [Group(g, of(target_group=g)) for g in target_groups]
