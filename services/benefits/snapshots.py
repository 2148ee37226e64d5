"""The engine's inputs and results as JSON, so a stored decision can be shown and recomputed exactly.

Amounts are strings (Decimal, never float); dates ISO. A decision stores exactly what the engine
was given, so `recompute(inputs)` must give back the stored result as long as the rules hold.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from services.benefits.domain import ChangeDecision, EntitlementResult, Household, compute_entitlement
from services.benefits.responses import ComputationOut, LineOut, PersonOut, SettlementOut

Json = dict[str, Any]


@cache
def _households() -> TypeAdapter[Household]:
    return TypeAdapter(Household)


@cache
def _results() -> TypeAdapter[EntitlementResult]:
    return TypeAdapter(EntitlementResult)


@cache
def _settlements() -> TypeAdapter[ChangeDecision]:
    return TypeAdapter(ChangeDecision)


def inputs_json(household: Household, month: date) -> Json:
    household_json: Json = _households().dump_python(household, mode="json")
    return {"month": month.isoformat(), "household": household_json}


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
    return result_json(compute_entitlement(household, month))


def settlement_json(change: ChangeDecision) -> Json:
    data: Json = _settlements().dump_python(change, mode="json")
    return data


def settlement_out(data: Json | None) -> SettlementOut | None:
    return None if data is None else SettlementOut.model_validate(data)


def paragraphs(result: EntitlementResult) -> list[str]:
    return sorted({item.paragraph for item in result.explanation})


def computation_out(result: EntitlementResult) -> ComputationOut:
    return ComputationOut(
        month=result.month, monthly_amount=result.payment, entitlement=result.entitlement,
        child_supplement=result.child_supplement, need=result.need, income_covers_need=result.income_covers_need,
        housing_appropriate=result.housing_appropriate,
        persons=[PersonOut(person_id=p.person_id, level=int(p.level), need=p.need, counted_income=p.counted_income,
                           entitlement=p.entitlement, housing_part=p.housing_part,
                           child_supplement=p.child_supplement) for p in result.persons],
        explanation=[LineOut(person_id=i.person_id, kind=i.kind.value, amount=i.amount, paragraph=i.paragraph,
                             note=i.note) for i in result.explanation],
        paragraphs=paragraphs(result),
    )
