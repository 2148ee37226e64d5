"""What coaching learns of a client's age: the band, and for clients under 25 the day they turn 25."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.model import age_band


@pytest.mark.parametrize(
    ("born", "today", "band"),
    [
        (date(2002, 5, 1), date(2027, 4, 30), ("under_25", date(2027, 5, 1))),
        (date(2002, 5, 1), date(2027, 5, 1), ("25_and_over", None)),  # the birth date never travels from 25
        (date(2004, 2, 29), date(2029, 2, 28), ("under_25", date(2029, 3, 1))),  # born on 29 February
        (date(1980, 1, 1), date(2026, 1, 1), ("25_and_over", None)),
    ],
)
def test_the_age_band_and_the_day_the_client_turns_25(born, today, band):
    assert age_band(born, today) == band
