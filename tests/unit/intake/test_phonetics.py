"""Kölner Phonetik against the examples of its published description (Postel 1969; the German Wikipedia
article's worked examples) and the names intake meets every day."""

from __future__ import annotations

import pytest

from services.intake.domain.names import name_tokens
from services.intake.domain.phonetics import cologne_key

PUBLISHED = [
    ("mullerludenscheidt", "65752682"),  # "Müller-Lüdenscheidt", the article's first example
    ("wikipedia", "3412"),
    ("breschnew", "17863"),
]


@pytest.mark.parametrize(("word", "key"), PUBLISHED)
def test_the_published_examples_give_the_published_keys(word: str, key: str) -> None:
    assert cologne_key(word) == key


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("christ", "4782"),  # C at the start before H: 4, H silent
        ("cesar", "887"),  # C at the start before E: 8
        ("xaver", "4837"),  # X gives 48
        ("hexe", "048"),  # H silent, so the leading vowel's 0 stays
        ("phillip", "351"),  # P before H: 3
        ("stadt", "822"),  # D T T → 2 0 2 2: only neighbours collapse, then the 0 goes
        ("matz", "68"),  # T before Z: 8
        ("sachse", "848"),  # C after a vowel before H: 4
        ("schulz", "858"),  # C after S: 8, H silent
    ],
)
def test_each_rule_of_the_letter_table_gives_its_digit(word: str, key: str) -> None:
    assert cologne_key(word) == key


@pytest.mark.parametrize(
    "names",
    [
        ("Müller", "Mueller", "Muller", "Möller", "Miller"),
        ("Meier", "Mayer", "Maier", "Meyer"),
        ("Schmidt", "Schmitt", "Schmid"),
        ("Strauß", "Strauss", "Straus"),
        ("Fischer", "Vischer"),
    ],
)
def test_names_that_sound_alike_share_one_key(names: tuple[str, ...]) -> None:
    keys = {name_tokens(n)[0].phonetic for n in names}
    assert len(keys) == 1, keys


def test_a_leading_vowel_keeps_its_zero_and_other_zeros_go() -> None:
    assert cologne_key("anna") == "06"
    assert cologne_key("otto") == "02"


def test_letters_outside_a_to_z_are_skipped() -> None:
    assert cologne_key("o'brien-2") == cologne_key("obrien")
