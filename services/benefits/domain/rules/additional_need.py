"""Mehrbedarf percentages (§ 21 SGB II), unchanged by the 2026 reform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.standard_need import Level, per_level
from services.benefits.domain.rules.table_values import TableValue


@dataclass(frozen=True)
class SingleParentRates:
    """§ 21 Abs. 3: 36 % (Nr. 1) or 12 % per child (Nr. 2) when that is more, at most 60 %."""

    basic_percent: Decimal
    per_child_percent: Decimal
    max_percent: Decimal
    basic_child_age_limit: int  # one child under 7 ...
    basic_siblings_age_limit: int  # ... or two or three children under 16


def _single_parent(value: TableValue) -> SingleParentRates:
    fields = value.fields(
        "basic_percent", "per_child_percent", "max_percent", "basic_child_age_limit", "basic_siblings_age_limit"
    )
    return SingleParentRates(
        fields["basic_percent"].percent(),
        fields["per_child_percent"].percent(),
        fields["max_percent"].percent(),
        fields["basic_child_age_limit"].integer(),
        fields["basic_siblings_age_limit"].integer(),
    )


PREGNANCY: Provision[Decimal] = Provision("additional_need_pregnancy", "additional_need.pregnancy", TableValue.percent)

SINGLE_PARENT: Provision[SingleParentRates] = Provision(
    "additional_need_single_parent", "additional_need.single_parent", _single_parent
)

DISABILITY: Provision[Decimal] = Provision(
    "additional_need_disability", "additional_need.disability", TableValue.percent
)

HOT_WATER: Provision[Mapping[Level, Decimal]] = Provision(
    "additional_need_hot_water", "additional_need.hot_water", lambda value: per_level(value, TableValue.percent)
)

CAP_SOURCE = "§ 21 Abs. 8 SGB II"
"""Abs. 2–5 together never exceed the person's Regelbedarf; the hot water of Abs. 7 is outside the cap."""
