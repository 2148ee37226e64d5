"""Figures of the legal consequences of breaches of duty and missed appointments (§§ 7b Abs. 4, 31a, 31b, 32).

Looked up by the date of the breach or missed appointment, not the month paid: § 65a Abs. 2 SGB II keeps the
consequences of the old version for what happened before 2026-07-01.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.benefits.domain.rules.figure import Provision
from services.benefits.domain.rules.table_values import TableValue


@dataclass(frozen=True)
class Step:
    percent: Decimal  # of the person's Regelbedarf (§ 20)
    months: int


@dataclass(frozen=True)
class BreachSteps:
    steps: tuple[Step, ...]  # first, further, each further (§ 31a Abs. 1 S. 1–3 a.F.); one step from 2026-07
    repeat_within_months: int


@dataclass(frozen=True)
class MissedAppointmentRates:
    first_percent: Decimal
    repeated_percent: Decimal
    months: int
    repeat_within_months: int


@dataclass(frozen=True)
class WorkRefusal:
    percent: Decimal  # of the Regelbedarf: all of it (§ 31a Abs. 7 S. 1)
    months: int  # at the latest (§ 31b Abs. 3 S. 1)
    lift_after_months: int  # lifted after this when the job can no longer be taken up (§ 31b Abs. 3 S. 1)


def _step(value: TableValue) -> Step:
    fields = value.fields("percent", "months")
    return Step(fields["percent"].percent(), fields["months"].integer())


def _breach(value: TableValue) -> BreachSteps:
    fields = value.fields("steps", "repeat_within_months")
    return BreachSteps(tuple(_step(item) for item in fields["steps"].items()), fields["repeat_within_months"].integer())


def _missed(value: TableValue) -> MissedAppointmentRates:
    fields = value.fields("first_percent", "repeated_percent", "months", "repeat_within_months")
    return MissedAppointmentRates(
        fields["first_percent"].percent(),
        fields["repeated_percent"].percent(),
        fields["months"].integer(),
        fields["repeat_within_months"].integer(),
    )


def _work_refusal(value: TableValue) -> WorkRefusal | None:
    if value.is_none():
        return None
    fields = value.fields("percent", "months", "lift_after_months")
    return WorkRefusal(fields["percent"].percent(), fields["months"].integer(), fields["lift_after_months"].integer())


def _optional_money(value: TableValue) -> Decimal | None:
    return None if value.is_none() else value.money()


def _optional_count(value: TableValue) -> int | None:
    return None if value.is_none() else value.integer()


BREACH_OF_DUTY: Provision[BreachSteps] = Provision(
    "reduction_breach_of_duty", "reduction.breach_of_duty (§ 31a Abs. 1, § 31b Abs. 2)", _breach
)
MISSED_APPOINTMENT: Provision[MissedAppointmentRates] = Provision(
    "reduction_missed_appointment", "reduction.missed_appointment (§ 32)", _missed
)
CAP: Provision[Decimal] = Provision("reduction_cap", "reduction.cap (§ 31a Abs. 4 S. 1)", TableValue.percent)
MINIMUM_PAYMENT: Provision[Decimal | None] = Provision(
    "reduction_minimum_payment", "reduction.minimum_payment (§ 31a Abs. 4 S. 3)", _optional_money
)
NOT_REACHABLE_AFTER: Provision[int | None] = Provision(
    "not_reachable_after_misses", "not_reachable.after_misses (§ 7b Abs. 4)", _optional_count
)
DETERMINATION_DEADLINE: Provision[int] = Provision(
    "reduction_determination_deadline", "reduction.determination_deadline (§ 31b Abs. 1 S. 3)", TableValue.integer
)
WORK_REFUSAL: Provision[WorkRefusal | None] = Provision(
    "reduction_work_refusal", "reduction.work_refusal (§ 31a Abs. 7, § 31b Abs. 3)", _work_refusal
)
NOTICE_BY_POST_DAYS: Provision[int] = Provision(
    "notice_by_post_days", "notice_by_post_days (§ 37 Abs. 2 S. 1 SGB X)", TableValue.integer
)
