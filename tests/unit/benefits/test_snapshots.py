"""A decision's stored inputs recompute to its stored result."""

from __future__ import annotations

from services.benefits.domain import compute_entitlement
from services.benefits.domain.snapshots import inputs_from_json, inputs_json, recompute, result_json
from services.benefits.domain.views import Computation

from .builders import JUNE_2026, adult, child, flat, household, other, partner, pay


def test_stored_inputs_recompute_to_the_stored_result() -> None:
    family = household(
        adult(earned_income=(pay(1500, 1150),)),
        partner(pregnant_after_week_12=True),
        child("kid", 7, receives_child_benefit=True, other_income=(other(120),)),
        housing=flat(rent=650, appropriate=600, decentral_hot_water=True),
    )
    stored_inputs = inputs_json(family, JUNE_2026)
    stored_result = result_json(compute_entitlement(family, JUNE_2026))
    assert recompute(stored_inputs) == stored_result
    assert inputs_from_json(stored_inputs) == (family, JUNE_2026)


def test_a_stored_result_that_was_altered_no_longer_matches_its_recomputation() -> None:
    single = household(adult())
    stored_inputs = inputs_json(single, JUNE_2026)
    altered = result_json(compute_entitlement(single, JUNE_2026))
    altered["persons"][0]["entitlement"] = "1100.00"
    assert recompute(stored_inputs) != altered


def test_the_computation_lists_every_paragraph_it_applied_once() -> None:
    out = Computation.of(compute_entitlement(household(adult()), JUNE_2026))
    assert out.monthly_amount == out.entitlement + out.child_supplement
    assert len(out.paragraphs) == len(set(out.paragraphs)) and "§ 19 Abs. 3 SGB II" in out.paragraphs
