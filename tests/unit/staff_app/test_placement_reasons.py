"""Placement's exclusion reasons for occupations, levels and commutes from home, as the staff app says them."""

from __future__ import annotations

import pytest

from staff_app.problems import german


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        (
            "commute unknown: the client's postcode 10115 is not in the postcode directory",
            "Fahrzeit unbekannt: Postleitzahl 10115 des Wohnorts ist nicht im Verzeichnis",
        ),
        (
            "commute unknown: the vacancy's postcode 10115 is not in the postcode directory",
            "Fahrzeit unbekannt: Postleitzahl 10115 der Stelle ist nicht im Verzeichnis",
        ),
        (
            "requirement level 2 (skilled) exceeds the client's qualification in occupation group 293: "
            "level 1 (helper)",
            "Anforderungsniveau 2 übersteigt die Qualifikation in der Berufsgruppe 293 (Niveau 1)",
        ),
        (
            "occupation 51311 lies outside the client's target occupation groups 293, 821",
            "Beruf 51311 liegt außerhalb der Berufsgruppen der Zielberufe (293, 821)",
        ),
        (
            "no occupation code, so it cannot be checked against the client's target occupations",
            "kein Berufsschlüssel: der Abgleich mit den Zielberufen ist nicht möglich",
        ),
        (
            "daily start unknown, and the client can start at 08:00 at the earliest",
            "Arbeitsbeginn unbekannt, die Kundin/der Kunde kann frühestens um 08:00 Uhr beginnen",
        ),
        (
            "weekly hours unknown, and the client can work at most 30",
            "Wochenstunden unbekannt, die Kundin/der Kunde kann höchstens 30 Stunden arbeiten",
        ),
    ],
)
def test_each_new_exclusion_reason_reads_in_german(reason, text):
    assert german(reason) == text
