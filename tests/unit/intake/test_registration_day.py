"""The day a registration is dated: the day staff name, never ahead of today, never before the client was born nor
before they were 15 (§ 7 Abs. 1 SGB II); today when they name none."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.model import IntakeError, registration_day

TODAY = date(2026, 12, 3)
BORN = date(1990, 6, 15)


@pytest.mark.parametrize(
    ("named", "day"),
    [
        (None, TODAY),
        (TODAY, TODAY),
        (date(2025, 8, 4), date(2025, 8, 4)),  # the demo's compressed past
        (date(2005, 6, 15), date(2005, 6, 15)),  # the 15th birthday
    ],
)
def test_the_day_named_or_today(named, day):
    assert registration_day(named, BORN, TODAY) == day


@pytest.mark.parametrize(
    ("named", "reason"),
    [
        (date(2026, 12, 4), "lies in the future"),
        (date(1990, 6, 14), "lies before the birth date 1990-06-15"),
        (date(2005, 6, 14), "not yet 15 years old"),
    ],
)
def test_a_day_ahead_before_the_birth_or_before_the_15th_birthday_is_refused_naming_registered_on(named, reason):
    with pytest.raises(IntakeError) as refused:
        registration_day(named, BORN, TODAY)
    assert refused.value.field == "registered_on"
    assert reason in refused.value.reason
