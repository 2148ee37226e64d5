"""Regelbedarfsstufen 1–6 (§ 20, § 23 SGB II) and the Sofortzuschlag (§ 72 SGB II)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import IntEnum
from typing import TypeVar

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue

T = TypeVar("T")


class Level(IntEnum):
    """Regelbedarfsstufe."""

    SINGLE = 1  # alone or single parent, § 20 Abs. 2 S. 1
    PARTNER = 2  # each of two adult partners, § 20 Abs. 4
    OTHER_ADULT = 3  # other adults, typically 18–24 with parents, § 20 Abs. 2 S. 2 Nr. 2
    AGE_14_TO_17 = 4  # § 20 Abs. 2 S. 2 Nr. 1, § 23 Nr. 1
    AGE_6_TO_13 = 5  # § 23 Nr. 1
    AGE_0_TO_5 = 6  # § 23 Nr. 1


def per_level(value: TableValue, read: Callable[[TableValue], T]) -> Mapping[Level, T]:
    """A figure per Regelbedarfsstufe, written `level_1` … `level_6`."""
    fields = value.fields(*(f"level_{level.value}" for level in Level))
    return {level: read(fields[f"level_{level.value}"]) for level in Level}


STANDARD_NEED: Provision[Mapping[Level, Decimal]] = Provision(
    "standard_need", "standard_need (Regelbedarf)", lambda value: per_level(value, TableValue.money)
)

CHILD_SUPPLEMENT_LEVELS = frozenset({Level.OTHER_ADULT, Level.AGE_14_TO_17, Level.AGE_6_TO_13, Level.AGE_0_TO_5})
"""§ 72 Abs. 1 S. 1: Regelbedarfsstufen 3, 4, 5 or 6."""

CHILD_SUPPLEMENT: Provision[Decimal] = Provision(
    "child_supplement", "child_supplement (Sofortzuschlag)", TableValue.money
)
