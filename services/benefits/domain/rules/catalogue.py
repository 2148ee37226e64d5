"""Every provision the engine looks figures up in, and the set of their rules as loaded at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.benefits.domain.rules import (
    additional_need,
    assets,
    child_benefit,
    housing,
    income,
    procedure,
    reductions,
    standard_need,
)
from services.benefits.domain.rules.figure import Provision, Rule

PROVISIONS: tuple[Provision[Any], ...] = (
    standard_need.STANDARD_NEED,
    standard_need.CHILD_SUPPLEMENT,
    child_benefit.CHILD_BENEFIT,
    income.EARNED_INCOME_ALLOWANCE,
    income.TRAINEE_SKIPS_FIRST_BAND,
    income.MINIJOB_LIMIT,
    income.PROVEN_COSTS_THRESHOLD,
    income.INSURANCE_ALLOWANCE,
    income.TRAINING_GRANT_DEDUCTION,
    income.PARENTAL_ALLOWANCE_EXEMPTION,
    income.GRUNDRENTE_ALLOWANCE,
    additional_need.PREGNANCY,
    additional_need.SINGLE_PARENT,
    additional_need.DISABILITY,
    additional_need.HOT_WATER,
    housing.HOUSING_REGIME,
    housing.GRACE_PERIOD_MONTHS,
    assets.ASSET_ALLOWANCE,
    assets.ASSET_GRACE_PERIOD_MONTHS,
    assets.CONSIDERABLE_ASSETS,
    assets.OWN_HOME,
    assets.HOME_IN_GRACE_PERIOD,
    assets.ALLOWANCE_TRANSFER,
    procedure.APPROVAL_PERIOD,
    procedure.RECOVERY_THRESHOLD,
    reductions.BREACH_OF_DUTY,
    reductions.MISSED_APPOINTMENT,
    reductions.CAP,
    reductions.MINIMUM_PAYMENT,
    reductions.NOT_REACHABLE_AFTER,
    reductions.DETERMINATION_DEADLINE,
    reductions.WORK_REFUSAL,
    reductions.NOTICE_BY_POST_DAYS,
)


@dataclass(frozen=True)
class RuleTables:
    """Each provision's rule, by the provision's key (its table's file name)."""

    rules: Mapping[str, Rule[Any]]

    def install(self) -> None:
        """From now on the engine computes with these figures (once at start-up; tests may swap them)."""
        for provision in PROVISIONS:
            provision.install(self.rules[provision.key])
