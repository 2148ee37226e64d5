"""The KldB 2010 as placement loads it: the BA's structure (five digits, the fifth the requirement level)."""

from __future__ import annotations

import pytest

from services.placement.app import load_occupations
from services.placement.domain.occupations import RequirementLevel, group_of, level_of, subgroup_of
from services.platform.errors import RuleViolation

KLDB = load_occupations()


def test_the_fifth_digit_is_the_requirement_level():
    assert level_of("29301") is RequirementLevel.HELPER
    assert level_of("29302") is RequirementLevel.SKILLED
    assert level_of("43414") is RequirementLevel.EXPERT
    assert (group_of("29302"), subgroup_of("29302")) == ("293", "2930")


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("29302", "Köche/Köchinnen (ohne Spezialisierung) – fachlich ausgerichtete Tätigkeiten"),
        ("51311", "Berufe in der Lagerwirtschaft – Helfer-/Anlerntätigkeiten"),
        ("82101", "Berufe in der Altenpflege (ohne Spezialisierung) – Helfer-/Anlerntätigkeiten"),
        ("52122", "Berufskraftfahrer/innen (Güterverkehr/LKW) – fachlich ausgerichtete Tätigkeiten"),
    ],
)
def test_the_demo_districts_occupations_carry_the_bas_titles(code, title):
    assert KLDB.title(code) == title


def test_groups_keep_their_leading_zeros_and_every_occupation_has_its_subgroup():
    assert KLDB.groups["011"] == "Offiziere" and KLDB.groups["01"].startswith("Angehörige")
    assert len(KLDB.occupations) == 1301  # the Berufsgattungen of the 2020 revision
    assert all(code[:4] in KLDB.groups for code in KLDB.occupations)


def test_the_berufenet_job_titles_lead_to_their_occupation():
    assert KLDB.code_of_job_title("Koch/Köchin") == "29302"
    assert KLDB.code_of_job_title("Küchenhelfer/in") == "29301"
    assert KLDB.code_of_job_title("Altenpflegehelfer/in") == "82101"
    assert KLDB.code_of_job_title("Zauberlehrling") is None


def test_a_code_the_classification_lacks_is_refused_naming_the_field():
    with pytest.raises(RuleViolation) as refused:
        KLDB.require("target_occupations", "29309")
    assert refused.value.field == "target_occupations"
    assert KLDB.source.startswith("Bundesagentur für Arbeit")
