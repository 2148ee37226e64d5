"""How the reporting service reads events into its read model: kinds of employment, months, the K1 split."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

from contracts.events import EmploymentStartedV1
from services.reporting.use_cases.benefits import months, split
from services.reporting.use_cases.contacts import month_of
from services.reporting.use_cases.employments import kind_of


def started(*, insured: bool, apprenticeship: bool = False, kind: str | None = None) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=uuid4(),
        employment_id=uuid4(),
        employer_id=uuid4(),
        start_date=date(2026, 3, 1),
        weekly_hours=Decimal("20"),
        gross_monthly_pay=Decimal("1200.00"),
        net_monthly_pay=Decimal("950.00"),
        first_pay_date=date(2026, 3, 31),
        subject_to_social_insurance=insured,
        apprenticeship=apprenticeship,
        employment_kind=kind,
    )


def test_an_employment_subject_to_social_insurance_is_insured_one_without_it_a_minijob():
    assert kind_of(started(insured=True)) == "insured"
    assert kind_of(started(insured=False)) == "marginal"


def test_an_apprenticeship_is_an_apprenticeship_whatever_its_insurance_flag():
    assert kind_of(started(insured=True, apprenticeship=True)) == "apprenticeship"


def test_placements_kind_of_work_decides_what_section_5_counts_it_as():
    """§ 5 Abs. 1 S. 2, 4 Kennzahlen-Verordnung: self-employment is an integration, öffentlich geförderte
    Beschäftigung (§ 2 Abs. 2 Nr. 3) is none but counts in K2E2, a minijob in K2E1."""
    assert kind_of(started(insured=False, kind="self_employed")) == "self_employed"
    assert kind_of(started(insured=True, kind="subsidised")) == "subsidised"
    assert kind_of(started(insured=False, kind="minijob")) == "marginal"
    assert kind_of(started(insured=True, kind="regular")) == "insured"
    assert kind_of(started(insured=True, apprenticeship=True, kind="apprenticeship")) == "apprenticeship"


def test_an_approval_period_from_september_to_august_has_twelve_months_across_the_new_year():
    period = list(months(date(2025, 9, 1), date(2026, 8, 1)))
    assert len(period) == 12
    assert (period[0], period[3], period[4], period[-1]) == (
        date(2025, 9, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 8, 1),
    )


def test_a_contact_late_on_the_last_evening_of_july_in_utc_is_an_august_contact_in_the_office():
    assert month_of(datetime(2026, 7, 31, 22, 30, tzinfo=UTC)) == date(2026, 8, 1)
    assert month_of(datetime(2026, 7, 31, 21, 30, tzinfo=UTC)) == date(2026, 7, 1)


def test_an_event_from_before_the_split_counts_wholly_as_subsistence():
    assert split(Decimal("900.00"), None, None) == (Decimal("900.00"), Decimal("0.00"))
    assert split(Decimal("900.00"), Decimal("500.00"), Decimal("400.00")) == (Decimal("500.00"), Decimal("400.00"))
