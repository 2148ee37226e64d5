"""One person's data taken out of a household's records when their retention period ends. No I/O.

What goes: everything about the member — the client id that links the row to the person, the birth date
(only its year stays), earned and other incomes, receipts, assets, and the flags that are health or family
data (pregnancy, disability, training, a child elsewhere). What stays: that the household had a member in this
role (its size and roles explain the amounts it was paid) and every amount in the clear columns and in the
decision's result lines — the books (§ 51b Abs. 3 Nr. 2 SGB II: checks of correct and economic provision of
benefits use them) — where the lines now name the member as `erased-<n>` instead of the client id.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from services.benefits.domain.households import EnteredHousehold, EnteredMember
from services.benefits.domain.model import Household, Member

ERASED = "erased"  # the prefix of the id an erased member's lines carry


def erased_id(position: int) -> str:
    """Unique within the household (the engine requires distinct person ids), naming nobody."""
    return f"{ERASED}-{position + 1}"


def _year_only(born: date) -> date:
    return date(born.year, 1, 1)


def erase_entered(entered: EnteredHousehold, client_id: UUID) -> EnteredHousehold | None:
    """The clerk's inputs without the person's data; None when no member is this person."""
    if client_id not in entered.client_ids:
        return None
    members = tuple(
        EnteredMember(role=m.role, birth_date=_year_only(m.birth_date), receives_child_benefit=m.receives_child_benefit)
        if m.client_id == client_id
        else m
        for m in entered.members
    )
    return replace(entered, members=members)


def erase_computed(household: Household, client_id: UUID) -> tuple[Household, str] | None:
    """The engine's household of a decision without the person's data, and the id its lines now use; None when
    the person is not in it (or was erased from it before)."""
    person = str(client_id)
    for position, member in enumerate(household.members):
        if member.person_id == person:
            erased = Member(
                person_id=erased_id(position),
                role=member.role,
                birth_date=_year_only(member.birth_date),
                single_parent=member.single_parent,
                receives_child_benefit=member.receives_child_benefit,
            )
            members = (*household.members[:position], erased, *household.members[position + 1 :])
            return replace(household, members=members), erased.person_id
    return None


def renamed(value: Any, old: str, new: str) -> Any:
    """A stored result (JSON) with every occurrence of the person's id replaced; amounts untouched."""
    if isinstance(value, dict):
        return {k: renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, old, new) for v in value]
    if isinstance(value, str) and old in value:
        return value.replace(old, new)
    return value
