"""The need (Bedarf) of each member: Regelbedarf, Mehrbedarfe, head share of housing (§ 19 Abs. 1 S. 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.benefits.domain.additional_need import additional_needs
from services.benefits.domain.explanation import ItemKind, LineItem
from services.benefits.domain.german import euro
from services.benefits.domain.housing import (
    HEAD_SHARE_NOTE,
    Accepted,
    accepted_heating,
    accepted_rent,
    head_share,
)
from services.benefits.domain.model import Household, Member
from services.benefits.domain.rules.standard_need import STANDARD_NEED, Level


@dataclass(frozen=True)
class HousingCosts:
    rent: Accepted
    heating: Accepted

    @classmethod
    def of(cls, household: Household, on: date) -> HousingCosts:
        return cls(accepted_rent(household.housing, on), accepted_heating(household.housing, on))


def _standard_need(member: Member, level: Level, on: date) -> LineItem:
    figure = STANDARD_NEED.at(on)
    return LineItem(
        member.person_id,
        ItemKind.STANDARD_NEED,
        figure.value[level],
        figure.source,
        f"Regelbedarfsstufe {level.value}",
    )


def _housing_share(member: Member, household: Household, kind: ItemKind, accepted: Accepted) -> LineItem:
    note = f"{accepted.note}: {euro(accepted.amount)} " + HEAD_SHARE_NOTE.format(occupants=household.occupants)
    return LineItem(member.person_id, kind, head_share(accepted.amount, household), accepted.paragraph, note)


def need_items(member: Member, household: Household, level: Level, housing: HousingCosts, on: date) -> list[LineItem]:
    return [
        _standard_need(member, level, on),
        *additional_needs(member, household, level, on),
        _housing_share(member, household, ItemKind.RENT, housing.rent),
        _housing_share(member, household, ItemKind.HEATING, housing.heating),
    ]
