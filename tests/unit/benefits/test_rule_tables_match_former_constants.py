"""The rule tables hold exactly the figures the engine had as Python constants before they moved to YAML.

`FORMER` was printed from those constants (`services/benefits/domain/rules/*.py` before the move), once: every
value, validity range, source and rule name, with Decimals as written (502.00 is not 502 in an explanation).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest

from services.benefits.domain.rules.catalogue import PROVISIONS
from services.benefits.rule_tables import load_rule_tables

FORMER: dict[str, Any] = {
    "standard_need": {
        "name": "standard_need (Regelbedarf)",
        "figures": [
            (
                {
                    "SINGLE": Decimal("502.00"),
                    "PARTNER": Decimal("451.00"),
                    "OTHER_ADULT": Decimal("402.00"),
                    "AGE_14_TO_17": Decimal("420.00"),
                    "AGE_6_TO_13": Decimal("348.00"),
                    "AGE_0_TO_5": Decimal("318.00"),
                },
                "2023-01-01",
                "2023-12-31",
                "§ 20 Abs. 1a SGB II i.V.m. Anlage zu § 28 SGB XII (Bürgergeld-Gesetz) 2023",
            ),
            (
                {
                    "SINGLE": Decimal("563.00"),
                    "PARTNER": Decimal("506.00"),
                    "OTHER_ADULT": Decimal("451.00"),
                    "AGE_14_TO_17": Decimal("471.00"),
                    "AGE_6_TO_13": Decimal("390.00"),
                    "AGE_0_TO_5": Decimal("357.00"),
                },
                "2024-01-01",
                "2024-12-31",
                "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2024",
            ),
            (
                {
                    "SINGLE": Decimal("563.00"),
                    "PARTNER": Decimal("506.00"),
                    "OTHER_ADULT": Decimal("451.00"),
                    "AGE_14_TO_17": Decimal("471.00"),
                    "AGE_6_TO_13": Decimal("390.00"),
                    "AGE_0_TO_5": Decimal("357.00"),
                },
                "2025-01-01",
                "2025-12-31",
                "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2025 (Besitzschutz § 28a Abs. 5 SGB XII)",
            ),
            (
                {
                    "SINGLE": Decimal("563.00"),
                    "PARTNER": Decimal("506.00"),
                    "OTHER_ADULT": Decimal("451.00"),
                    "AGE_14_TO_17": Decimal("471.00"),
                    "AGE_6_TO_13": Decimal("390.00"),
                    "AGE_0_TO_5": Decimal("357.00"),
                },
                "2026-01-01",
                "2026-12-31",
                "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2026 (Besitzschutz § 28a Abs. 5 SGB XII)",
            ),
        ],
    },
    "child_supplement": {
        "name": "child_supplement (Sofortzuschlag)",
        "figures": [
            (Decimal("20.00"), "2022-07-01", "2024-12-31", "§ 72 Abs. 1 SGB II a.F. (20 EUR since July 2022)"),
            (Decimal("25.00"), "2025-01-01", None, "§ 72 Abs. 1 S. 1 SGB II"),
        ],
    },
    "child_benefit": {
        "name": "child_benefit (Kindergeld)",
        "figures": [
            (Decimal("250.00"), "2023-01-01", "2024-12-31", "§ 66 Abs. 1 EStG (250 EUR, 2023–2024)"),
            (Decimal("255.00"), "2025-01-01", "2025-12-31", "§ 66 Abs. 1 EStG (255 EUR, 2025)"),
            (Decimal("259.00"), "2026-01-01", "2026-12-31", "§ 66 Abs. 1 EStG (259 EUR, 2026)"),
        ],
    },
    "minijob_limit": {
        "name": "minijob_limit (§ 8 Abs. 1a SGB IV)",
        "figures": [
            (Decimal("520.00"), "2023-01-01", "2023-12-31", "§ 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze 2023)"),
            (Decimal("538.00"), "2024-01-01", "2024-12-31", "§ 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze 2024)"),
            (Decimal("556.00"), "2025-01-01", "2025-12-31", "§ 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze 2025)"),
            (Decimal("603.00"), "2026-01-01", "2026-12-31", "§ 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze 2026)"),
        ],
    },
    "earned_income_allowance": {
        "name": "earned_income_allowance (§ 11b)",
        "figures": [
            (
                {
                    "basic_amount": Decimal("100.00"),
                    "bands": [
                        {"lower": Decimal("100.00"), "upper": Decimal("1000.00"), "percent": Decimal("20")},
                        {"lower": Decimal("1000.00"), "upper": Decimal("1200.00"), "percent": Decimal("10")},
                    ],
                    "top_with_minor_child": Decimal("1500.00"),
                },
                "2023-01-01",
                "2023-06-30",
                "§ 11b Abs. 2, 3 SGB II i.d.F. bis 30.06.2023",
            ),
            (
                {
                    "basic_amount": Decimal("100.00"),
                    "bands": [
                        {"lower": Decimal("100.00"), "upper": Decimal("520.00"), "percent": Decimal("20")},
                        {"lower": Decimal("520.00"), "upper": Decimal("1000.00"), "percent": Decimal("30")},
                        {"lower": Decimal("1000.00"), "upper": Decimal("1200.00"), "percent": Decimal("10")},
                    ],
                    "top_with_minor_child": Decimal("1500.00"),
                },
                "2023-07-01",
                None,
                "§ 11b Abs. 2, 3 SGB II",
            ),
        ],
    },
    "trainee_skips_first_band": {
        "name": "earned_income_allowance.under_25_trainee (§ 11b Abs. 2b)",
        "figures": [(True, "2023-07-01", None, "§ 11b Abs. 2b, Abs. 3 S. 3 SGB II")],
    },
    "approval_period": {
        "name": "approval_period (§ 41 Abs. 3)",
        "figures": [({"regular_months": 12, "shortened_months": 6}, "2023-01-01", None, "§ 41 Abs. 3 SGB II")],
    },
    "recovery_threshold": {
        "name": "recovery_threshold (§ 40 Abs. 1 S. 3)",
        "figures": [(Decimal("50.00"), "2023-01-01", None, "§ 40 Abs. 1 S. 3 SGB II")],
    },
    "additional_need_pregnancy": {
        "name": "additional_need.pregnancy",
        "figures": [(Decimal("17"), "2023-01-01", None, "§ 21 Abs. 2 SGB II")],
    },
    "additional_need_single_parent": {
        "name": "additional_need.single_parent",
        "figures": [
            (
                {
                    "basic_percent": Decimal("36"),
                    "per_child_percent": Decimal("12"),
                    "max_percent": Decimal("60"),
                    "basic_child_age_limit": 7,
                    "basic_siblings_age_limit": 16,
                },
                "2023-01-01",
                None,
                "§ 21 Abs. 3 SGB II",
            )
        ],
    },
    "additional_need_disability": {
        "name": "additional_need.disability",
        "figures": [(Decimal("35"), "2023-01-01", None, "§ 21 Abs. 4 SGB II")],
    },
    "additional_need_hot_water": {
        "name": "additional_need.hot_water",
        "figures": [
            (
                {
                    "SINGLE": Decimal("2.3"),
                    "PARTNER": Decimal("2.3"),
                    "OTHER_ADULT": Decimal("2.3"),
                    "AGE_14_TO_17": Decimal("1.4"),
                    "AGE_6_TO_13": Decimal("1.2"),
                    "AGE_0_TO_5": Decimal("0.8"),
                },
                "2023-01-01",
                None,
                "§ 21 Abs. 7 S. 2 SGB II",
            )
        ],
    },
    "housing_regime": {
        "name": "housing_costs.grace_period (§ 22 Abs. 1)",
        "figures": [
            (
                {
                    "cap_factor": None,
                    "cap_source": "",
                    "exception_source": "",
                    "cost_reduction_source": "§ 22 Abs. 1 S. 7 SGB II a.F.",
                },
                "2023-01-01",
                "2026-06-30",
                "§ 22 Abs. 1 SGB II i.d.F. Bürgergeld-Gesetz",
            ),
            (
                {
                    "cap_factor": Decimal("1.5"),
                    "cap_source": "§ 22 Abs. 1 S. 6 SGB II",
                    "exception_source": "§ 22 Abs. 1 S. 7 SGB II",
                    "cost_reduction_source": "§ 22 Abs. 1 S. 9 SGB II",
                },
                "2026-07-01",
                None,
                "§ 22 Abs. 1 SGB II i.d.F. 13. SGB II-ÄndG",
            ),
        ],
    },
    "grace_period_months": {
        "name": "housing_costs.grace_period_months (§ 22 Abs. 1 S. 2)",
        "figures": [(12, "2023-01-01", None, "§ 22 Abs. 1 S. 2 SGB II: one year from the first month of benefits")],
    },
    # The household slice's § 12 and income-kind rules, printed from its branch at the merge.
    "insurance_allowance": {
        "name": "other_income.insurance_allowance (§ 11b Abs. 1 S. 1 Nr. 3)",
        "figures": [(Decimal("30.00"), "2023-01-01", None, "§ 6 Abs. 1 Nr. 1 Bürgergeld-V (until 2022: Alg II-V)")],
    },
    "training_grant_deduction": {
        "name": "training_grant.minimum_deduction (§ 11b Abs. 2b S. 4)",
        "figures": [(Decimal("100.00"), "2023-01-01", None, "§ 11b Abs. 2b S. 4–5 SGB II")],
    },
    "parental_allowance_exemption": {
        "name": "parental_allowance.exempt (§ 10 Abs. 5 BEEG)",
        "figures": [
            (
                {"basic": Decimal("300.00"), "plus": Decimal("150.00")},
                "2023-01-01",
                None,
                "§ 10 Abs. 5 S. 2, Abs. 4 BEEG with § 11 Abs. 1 S. 1 SGB II",
            )
        ],
    },
    "asset_allowance": {
        "name": "assets.allowance_per_person (§ 12 Abs. 2)",
        "figures": [
            (
                [{"from_age": 0, "amount": Decimal("15000.00")}],
                "2023-01-01",
                "2026-06-30",
                "§ 12 Abs. 2 S. 1 SGB II a.F.",
            ),
            (
                [
                    {"from_age": 0, "amount": Decimal("5000.00")},
                    {"from_age": 30, "amount": Decimal("10000.00")},
                    {"from_age": 40, "amount": Decimal("12500.00")},
                    {"from_age": 50, "amount": Decimal("20000.00")},
                ],
                "2026-07-01",
                None,
                "§ 12 Abs. 2 S. 1–2 SGB II",
            ),
        ],
    },
    "asset_grace_period_months": {
        "name": "assets.grace_period_months (§ 12 Abs. 3)",
        "figures": [
            (12, "2023-01-01", "2026-06-30", "§ 12 Abs. 3 S. 1 SGB II a.F."),
            (0, "2026-07-01", None, "§ 12 SGB II (no Karenzzeit for assets since 2026-07-01)"),
        ],
    },
    "considerable_assets": {
        "name": "assets.considerable (§ 12 Abs. 4)",
        "figures": [
            (
                {"applicant": Decimal("40000.00"), "per_further_member": Decimal("15000.00")},
                "2023-01-01",
                "2026-06-30",
                "§ 12 Abs. 4 S. 1 SGB II a.F.",
            )
        ],
    },
    "own_home": {
        "name": "assets.own_home (§ 12 Abs. 1 S. 2 Nr. 5)",
        "figures": [
            (
                {"house": 140, "flat": 130, "occupants_included": 4, "per_further_occupant": 20},
                "2023-01-01",
                None,
                "§ 12 Abs. 1 S. 2 Nr. 5 SGB II",
            )
        ],
    },
    "home_in_grace_period": {
        "name": "assets.own_home_in_grace_period (§ 12)",
        "figures": [
            ("assets", "2023-01-01", "2026-06-30", "§ 12 Abs. 4 S. 2 SGB II a.F."),
            ("housing", "2026-07-01", None, "§ 12 Abs. 1 S. 3 SGB II i.V.m. § 22 Abs. 1 S. 2"),
        ],
    },
    "allowance_transfer": {
        "name": "assets.allowance_transfer (§ 12 Abs. 2)",
        "figures": [
            (True, "2023-01-01", "2026-06-30", "§ 12 Abs. 2 S. 2 SGB II a.F."),
            (True, "2026-07-01", None, "§ 12 Abs. 2 S. 3 SGB II"),
        ],
    },
}


def _exact(value: Any) -> Any:
    """Comparable with the exponent: Decimal('502.00') == Decimal('502') would hide a changed figure."""
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, Mapping):
        return {_exact(key): _exact(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_exact(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _exact(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return value


@pytest.mark.parametrize("key", list(FORMER))
def test_each_loaded_table_has_the_figures_of_the_former_constant(key: str) -> None:
    rule = load_rule_tables().rules[key]
    loaded = [
        (figure.value, figure.valid_from.isoformat(), figure.valid_to and figure.valid_to.isoformat(), figure.source)
        for figure in rule.figures
    ]
    assert rule.name == FORMER[key]["name"]
    assert _exact(loaded) == _exact(FORMER[key]["figures"])


# Provisions the engine gained after the figures moved to tables: they never were constants.
ADDED_AS_TABLES = {
    "proven_costs_threshold",  # § 11b Abs. 2 S. 2 SGB II
    "grundrente_allowance",  # § 11b Abs. 2a SGB II with § 82a SGB XII
    # §§ 7b Abs. 4, 31a, 31b, 32 SGB II: the reductions were tables from the start
    "reduction_breach_of_duty",
    "reduction_missed_appointment",
    "reduction_cap",
    "reduction_minimum_payment",
    "not_reachable_after_misses",
    "reduction_determination_deadline",
    "reduction_work_refusal",  # § 31a Abs. 7, § 31b Abs. 3 SGB II (from 2026-07-01)
    "notice_by_post_days",  # § 37 Abs. 2 S. 1 SGB X, for § 31b Abs. 1 S. 1 SGB II
}


def test_every_provision_of_the_engine_had_a_former_constant() -> None:
    keys = {provision.key for provision in PROVISIONS}
    assert sorted(keys - ADDED_AS_TABLES) == sorted(FORMER)
    assert keys >= ADDED_AS_TABLES
