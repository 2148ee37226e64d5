"""Accepted housing costs (§ 22 Abs. 1 SGB II), split per head among the occupants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.benefits.domain.german import euro
from services.benefits.domain.model import Household, Housing
from services.benefits.domain.money import cents
from services.benefits.domain.rules.housing import GRACE_PERIOD_SOURCE, HOUSING_REGIME, HousingRegime

APPROPRIATE_SOURCE = "§ 22 Abs. 1 S. 1 SGB II"
ABOVE_APPROPRIATE = "Miete über der angemessenen Miete: die angemessene"
LOWERING = "tatsächliche Miete, solange die Kosten gesenkt werden"
HEAD_SHARE_NOTE = "nach Köpfen geteilt auf {occupants} Bewohner (Kopfteilprinzip)"


@dataclass(frozen=True)
class Accepted:
    amount: Decimal
    paragraph: str
    note: str


def _ceiling(housing: Housing, regime: HousingRegime) -> Decimal | None:
    return None if regime.cap_factor is None else cents(housing.appropriate_rent * regime.cap_factor)


def _above_appropriate(housing: Housing, regime: HousingRegime) -> Accepted:
    ceiling = _ceiling(housing, regime)
    if housing.in_grace_period and (ceiling is None or housing.grace_period_exception):
        source = regime.exception_source if ceiling is not None else GRACE_PERIOD_SOURCE
        return Accepted(housing.rent, source, "tatsächliche Miete, anerkannt in der Karenzzeit")
    if not housing.in_grace_period and not housing.in_cost_reduction_period:
        return Accepted(housing.appropriate_rent, APPROPRIATE_SOURCE, ABOVE_APPROPRIATE)
    if ceiling is None:  # cost-reduction period before the reform: actual rent for now
        return Accepted(housing.rent, regime.cost_reduction_source, LOWERING)
    # From 2026-07-01 rent above 1.5 × the appropriate rent is never accepted, even in the Karenzzeit.
    return Accepted(
        min(housing.rent, ceiling),
        regime.cap_source,
        f"Miete anerkannt bis zum 1,5-Fachen der angemessenen ({euro(ceiling)})",
    )


def accepted_rent(housing: Housing, on: date) -> Accepted:
    if housing.rent <= housing.appropriate_rent:
        return Accepted(housing.rent, APPROPRIATE_SOURCE, "Miete ist angemessen")
    return _above_appropriate(housing, HOUSING_REGIME.value_at(on))


def accepted_heating(housing: Housing, on: date) -> Accepted:
    """Heating is never covered by the Karenzzeit; excess counts only while costs are being lowered."""
    limit = housing.appropriate_heating
    if limit is None or housing.heating <= limit:
        return Accepted(housing.heating, APPROPRIATE_SOURCE, "Heizkosten")
    if housing.in_cost_reduction_period:
        return Accepted(
            housing.heating,
            HOUSING_REGIME.value_at(on).cost_reduction_source,
            "tatsächliche Heizkosten, solange die Kosten gesenkt werden",
        )
    return Accepted(limit, APPROPRIATE_SOURCE, "Heizkosten über dem angemessenen Betrag: der angemessene")


def head_share(total: Decimal, household: Household) -> Decimal:
    return cents(total / household.occupants)


def housing_is_appropriate(housing: Housing) -> bool:
    """For the approval period (§ 41 Abs. 3 S. 2 Nr. 2): actual costs within the appropriate ones."""
    heating_ok = housing.appropriate_heating is None or housing.heating <= housing.appropriate_heating
    return housing.rent <= housing.appropriate_rent and heating_ok
