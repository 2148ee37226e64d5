"""Small builders so each test states only what it is about."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from services.benefits.domain import EarnedIncome, Household, Housing, Member, OtherIncome, Role

JUNE_2026 = date(2026, 6, 1)
JULY_2026 = date(2026, 7, 1)


def eur(amount: str | int) -> Decimal:
    return Decimal(str(amount))


def born_aged(age: int, on: date = JUNE_2026) -> date:
    """A birth date that gives `age` completed years on `on`: the birthday was 20 days before."""
    return on.replace(year=on.year - age, day=1) - timedelta(days=20)


def pay(gross: str | int, net: str | int, inflow: date = JUNE_2026) -> EarnedIncome:
    return EarnedIncome(eur(gross), eur(net), inflow)


def other(amount: str | int, inflow: date = JUNE_2026) -> OtherIncome:
    return OtherIncome(eur(amount), inflow, "maintenance")


def adult(person_id: str = "adult", age: int = 40, **flags: object) -> Member:
    return Member(person_id, Role.ADULT, born_aged(age), **flags)  # type: ignore[arg-type]


def partner(person_id: str = "partner", age: int = 38, **flags: object) -> Member:
    return Member(person_id, Role.PARTNER, born_aged(age), **flags)  # type: ignore[arg-type]


def child(person_id: str, age: int, **flags: object) -> Member:
    return Member(person_id, Role.CHILD, born_aged(age), **flags)  # type: ignore[arg-type]


def flat(rent: str | int = 400, heating: str | int = 80, appropriate: str | int = 450, **flags: object) -> Housing:
    return Housing(eur(rent), eur(heating), eur(appropriate), in_grace_period=False, **flags)  # type: ignore[arg-type]


def household(*members: Member, housing: Housing | None = None) -> Household:
    return Household(tuple(members), housing or flat())
