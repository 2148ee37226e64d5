"""The indicator query reads only the months a Bezugsmonat's figures can depend on (`months_read`): the figures
of those facts must be the figures of all of them, for months before, at and after the district's last facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.reporting.domain.facts import District
from services.reporting.domain.figures import compute_figures
from services.reporting.domain.months import add_months, months_read
from tests.unit.reporting.district import REPORT_MONTH, synthetic_district

DISTRICT = synthetic_district()


def within(district: District, months: tuple[date, date]) -> District:
    """The district as `load_district` reads it for `months` (an employment start: any day of a month)."""
    first, last = months
    end = add_months(last, 1)
    return replace(
        district,
        needy_months=[f for f in district.needy_months if first <= f.month <= last],
        benefit_months=[f for f in district.benefit_months if first <= f.month <= last],
        employment_starts=[f for f in district.employment_starts if first <= f.start_date < end],
        insured_months=[f for f in district.insured_months if first <= f.month <= last],
        contacts=[f for f in district.contacts if first <= f.month <= last],
    )


@pytest.mark.parametrize("back", [-24, -12, -6, 0, 6, 12, 24])
def test_the_figures_of_the_months_read_are_the_figures_of_every_fact(back: int) -> None:
    month = add_months(REPORT_MONTH, back)
    read = within(DISTRICT, months_read(month))
    for office in (None, "plon"):
        assert compute_figures(read, month, office_id=office) == compute_figures(DISTRICT, month, office_id=office)


@pytest.mark.parametrize("back", [-12, 24])
def test_the_months_read_leave_out_facts_before_the_lookback_or_after_the_month(back: int) -> None:
    """Else the test above would prove nothing: a year before the last facts the later ones fall out, two years
    after them the earliest ones."""
    first, last = months_read(add_months(REPORT_MONTH, back))
    assert any(not first <= f.month <= last for f in DISTRICT.needy_months)
