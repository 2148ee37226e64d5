"""Intake's refusals of a registration's day read German in the staff app: the reasons as intake words them."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.model import IntakeError, registration_day
from staff_app.problems import german


@pytest.mark.parametrize(
    ("named", "text"),
    [
        (date(2026, 12, 4), "Liegt in der Zukunft: eine Registrierung trägt den Tag, an dem sie stattfand."),
        (date(1990, 6, 14), "Liegt vor dem Geburtsdatum 15.06.1990."),
        (date(2005, 6, 14), "An diesem Tag war die Kundin/der Kunde noch nicht 15 Jahre alt (§ 7 Abs. 1 SGB II)."),
    ],
)
def test_a_refused_registration_day_reads_german(named, text):
    with pytest.raises(IntakeError) as refused:
        registration_day(named, date(1990, 6, 15), date(2026, 12, 3))
    assert german(refused.value.reason) == text
