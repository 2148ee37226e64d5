"""Households, the engine's inputs and results as JSON: a stored decision is shown and recomputed exactly.

No I/O. Amounts are strings (Decimal, never float); dates ISO. A decision stores exactly what the engine
was given, so `recompute(inputs)` must give back the stored result as long as the rules hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from services.benefits.domain.change import ChangeDecision
from services.benefits.domain.entitlement import compute_entitlement
from services.benefits.domain.households import EnteredHousehold
from services.benefits.domain.model import Household
from services.benefits.domain.reduced_entitlement import Reduction, reduce_entitlement
from services.benefits.domain.result import EntitlementResult

Json = dict[str, Any]


@cache
def _households() -> TypeAdapter[Household]:
    return TypeAdapter(Household)


@cache
def _results() -> TypeAdapter[EntitlementResult]:
    return TypeAdapter(EntitlementResult)


@cache
def _entered() -> TypeAdapter[EnteredHousehold]:
    return TypeAdapter(EnteredHousehold)


@cache
def _settlements() -> TypeAdapter[ChangeDecision]:
    return TypeAdapter(ChangeDecision)


@cache
def _reductions() -> TypeAdapter[tuple[Reduction, ...]]:
    return TypeAdapter(tuple[Reduction, ...])


def inputs_json(household: Household, month: date, reductions: Sequence[Reduction] = ()) -> Json:
    """A decision made under reductions stores them beside the household (none: no key, as before)."""
    household_json: Json = _households().dump_python(household, mode="json")
    stored: Json = {"month": month.isoformat(), "household": household_json}
    if applied := tuple(r for r in reductions if r.applies_in(month)):
        stored["reductions"] = _reductions().dump_python(applied, mode="json")
    return stored


def household_json(household: Household) -> Json:
    data: Json = _households().dump_python(household, mode="json")
    return data


def inputs_from_json(inputs: Json) -> tuple[Household, date]:
    return _households().validate_python(inputs["household"]), date.fromisoformat(inputs["month"])


def result_json(result: EntitlementResult) -> Json:
    data: Json = _results().dump_python(result, mode="json")
    return data


def result_from_json(data: Json) -> EntitlementResult:
    return _results().validate_python(data)


def recompute(inputs: Json) -> Json:
    """The result the engine gives today for a decision's stored inputs."""
    household, month = inputs_from_json(inputs)
    reductions = _reductions().validate_python(inputs.get("reductions", ()))
    return result_json(reduce_entitlement(compute_entitlement(household, month), reductions))


def settlement_json(change: ChangeDecision) -> Json:
    data: Json = _settlements().dump_python(change, mode="json")
    return data


def entered_json(entered: EnteredHousehold) -> Json:
    data: Json = _entered().dump_python(entered, mode="json")
    return data


def entered_from_json(data: Json) -> EnteredHousehold:
    return _entered().validate_python(data)


def same_result(stored: Json, recomputed: Json) -> bool:
    """The same figures, lines and paragraphs; a note's wording is no part of a result (notes were English
    before they became German, and a decision stored then still recomputes identically)."""
    return _without_notes(stored) == _without_notes(recomputed)


def _without_notes(result: Json) -> Json:
    lines = [{k: v for k, v in line.items() if k != "note"} for line in result.get("explanation", [])]
    return {**result, "explanation": lines}
