"""Every reason intake gives for a possible duplicate reads German on the staff app's page."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from services.intake.domain.duplicates import OnFile, resemblance
from staff_app.pages.duplicates import reason_de


def person(given: str, family: str, born: date = date(1980, 5, 7), postcode: str = "24321", sex: str = "male"):
    return OnFile(uuid4(), "L-000001", given, family, born, postcode, "lutjenburg", sex)


JENS = person("Jens", "Müller-Lüdenscheidt")
OTHERS = (
    person("Jens", "Mueller-Lüdenscheidt"),
    person("Jens", "Muller-Ludenscheidt", born=date(1980, 7, 5)),
    person("Jns", "Müller", born=date(1980, 5, 1), postcode="24306"),
    person("Müller-Lüdenscheidt", "Jens"),
    person("Jens-Uwe", "Müller-Lüdenscheid", sex="female"),
    person("Jen", "Möller-Lüdenscheidt"),
)


def test_every_reason_of_these_pairs_has_a_german_wording() -> None:
    reasons = {r for other in OTHERS if (found := resemblance(JENS, other)) for r in found.reasons}
    assert len(reasons) >= 10
    assert {r: reason_de(r) for r in reasons if reason_de(r) == r} == {}


def test_a_reason_about_a_part_of_the_name_puts_the_part_first() -> None:
    assert reason_de("same-sounding family name") == "Nachname gleich klingend"
    assert reason_de("double given name shortened") == "Doppelname gekürzt (Vorname)"
