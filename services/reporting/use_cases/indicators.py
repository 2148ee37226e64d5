"""The month's indicators for the offices the caller may see, whole or broken down (§ 3 S. 3: by sex)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction
from services.reporting.domain.facts import District, Sex
from services.reporting.domain.figures import compute_figures
from services.reporting.domain.months import months_read
from services.reporting.domain.suppression import Shown, suppress
from services.reporting.use_cases.districts import load_district

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
    """Raises NotPermitted (403) for an office the caller does not act for."""
    offices, months = by.visible_offices(query.office_id), months_read(query.month)
    district = await load_district(tx.session, offices, months, with_contacts=False)
    return Indicators(query.month, query.office_id, query.breakdown, shown_groups(district, query))


def shown_groups(district: District, query: IndicatorQuery) -> list[Group]:
    """The figures as a reader may see them: a breakdown's small groups suppressed (`domain.suppression`)."""
    found = groups(district, query)
    if query.breakdown is None:
        return found
    return [Group(value, figures) for value, figures in suppress([(g.value, g.figures) for g in found])]


def groups(district: District, query: IndicatorQuery) -> list[Group]:
    month, office = query.month, query.office_id
    match query.breakdown:
        case None:
            return [Group(None, compute_figures(district, month, office_id=office))]
        case "sex":
            return [Group(s, compute_figures(district, month, office_id=office, sex=s)) for s in get_args(Sex)]
        case "programme":
            programmes = sorted({p.programme_id for p in district.people if p.programme_id is not None})
            return [Group(p, compute_figures(district, month, office_id=office, programme_id=p)) for p in programmes]
        case "target_group":
            target_groups = sorted({g for p in district.people for g in p.target_groups})
            return [Group(g, compute_figures(district, month, office_id=office, target_group=g)) for g in target_groups]
