"""How names are split and spelt for the search: umlauts, ß, case, double names, particles."""

from __future__ import annotations

from services.intake.domain.names import name_tokens


def expanded(text: str) -> list[str]:
    return [t.expanded for t in name_tokens(text)]


def folded(text: str) -> list[str]:
    return [t.folded for t in name_tokens(text)]


def test_umlauts_are_written_out_and_dropped_in_the_two_spellings() -> None:
    assert expanded("Müller") == ["mueller"] and folded("Müller") == ["muller"]
    assert expanded("Jürgen Böhm Käthe") == ["juergen", "boehm", "kaethe"]


def test_sharp_s_and_capital_sharp_s_become_ss() -> None:
    assert expanded("Strauß") == expanded("STRAUẞ") == expanded("Strauss") == ["strauss"]


def test_case_does_not_matter() -> None:
    assert expanded("MÜLLER") == expanded("müller") == expanded("Müller")


def test_a_hyphenated_double_name_gives_each_of_its_names() -> None:
    assert expanded("Anna-Lena") == ["anna", "lena"]
    assert expanded("Müller–Lüdenscheidt") == ["mueller", "luedenscheidt"]  # with an en dash too


def test_particles_are_left_out_unless_the_name_is_nothing_else() -> None:
    assert expanded("von Bülow") == ["buelow"]
    assert expanded("van der Berg") == ["berg"]
    assert expanded("zu Guttenberg") == ["guttenberg"]
    assert expanded("Von") == ["von"]


def test_accents_of_other_languages_are_dropped_and_apostrophes_join() -> None:
    assert expanded("José Çelik") == ["jose", "celik"]
    assert expanded("O'Connor") == ["oconnor"]
    assert expanded("Łukasz Øberg") == ["lukasz", "oeberg"]


def test_composed_and_decomposed_umlauts_are_the_same_name() -> None:
    assert expanded("Mu\u0308ller") == expanded("M\u00fcller")


def test_a_name_without_letters_has_no_tokens() -> None:
    assert name_tokens("-- 123 --") == ()
