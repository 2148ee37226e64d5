"""Ranking the candidates the database narrowed: German spellings, typos, double names; the order of pages."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from services.intake.domain.model import IntakeError
from services.intake.domain.search import Candidate, SearchCriteria, after, check_criteria, rank


def person(given: str, family: str, number: int = 0, born: date = date(1980, 5, 17)) -> Candidate:
    return Candidate(uuid4(), f"L-{number:06d}", given, family, born, "24321", "lutjenburg")


def found(query: str, *people: Candidate) -> list[tuple[str, int]]:
    return [
        (f"{h.candidate.given_name} {h.candidate.family_name}", h.score) for h in rank(SearchCriteria(query), people)
    ]


MUELLERS = (
    person("Anna", "Möller", 1),
    person("Anna", "Muller", 2),
    person("Anna", "Mueller", 3),
    person("Anna", "Müller", 4),
)


def test_a_search_for_mueller_finds_müller_as_the_same_name() -> None:
    hits = dict(found("Mueller", *MUELLERS))
    assert hits["Anna Müller"] == hits["Anna Mueller"] == 100


def test_a_search_for_müller_ranks_müller_and_mueller_then_muller_then_möller() -> None:
    ranked = found("Müller", *MUELLERS)
    assert [name for name, _ in ranked] == ["Anna Mueller", "Anna Müller", "Anna Muller", "Anna Möller"]
    scores = [score for _, score in ranked]
    assert scores[0] == scores[1] == 100 > scores[2] > scores[3] >= 80


def test_a_search_typed_without_umlauts_finds_the_name_with_them_first_among_the_others() -> None:
    ranked = found("Muller", *MUELLERS)
    assert ranked[0] == ("Anna Muller", 100)
    assert dict(ranked)["Anna Müller"] == 95
    assert ranked[-1][0] == "Anna Möller"


def test_strauss_and_strauß_are_the_same_name_either_way() -> None:
    people = (person("Jens", "Strauß"), person("Jana", "Strauss"))
    assert sorted(found("Strauss", *people)) == [("Jana Strauss", 100), ("Jens Strauß", 100)]
    assert sorted(found("Strauß", *people)) == [("Jana Strauss", 100), ("Jens Strauß", 100)]


def test_a_one_letter_typo_still_finds_the_client() -> None:
    petersen = person("Jens", "Petersen")
    for typo in ("Petersne", "Petrsen", "Peterson", "Pettersen"):
        hits = rank(SearchCriteria(typo), [petersen, person("Jens", "Paulsen")])
        assert [h.candidate for h in hits][:1] == [petersen], typo
        assert 80 <= hits[0].score < 100


def test_names_that_sound_alike_are_found_with_the_reason_phonetic() -> None:
    hits = rank(SearchCriteria("Meyer"), [person("Karl", "Maier")])
    assert hits[0].score >= 80 and hits[0].match == "phonetic family name"


def test_a_double_name_is_found_by_either_of_its_names_but_ranks_after_the_single_name() -> None:
    double, single = person("Anna", "Müller-Lüdenscheidt"), person("Anna", "Müller")
    assert [h.candidate for h in rank(SearchCriteria("Müller"), [double, single])] == [single, double]
    assert [h.candidate for h in rank(SearchCriteria("Lüdenscheidt"), [double, single])] == [double]


def test_a_double_given_name_and_family_name_as_free_text_in_any_order() -> None:
    anna_lena = person("Anna-Lena", "Schmitt")
    for query in ("Anna-Lena Schmitt", "schmitt anna lena", "Schmidt Anna-Lena"):
        hits = rank(SearchCriteria(query), [anna_lena, person("Anna", "Schmitt"), person("Lena", "Meier")])
        assert hits[0].candidate == anna_lena, query
    assert rank(SearchCriteria("Anna-Lena Schmitt"), [anna_lena])[0].match == "exact family name, exact given name"


def test_a_word_of_the_query_that_matches_no_name_of_the_client_rules_the_client_out() -> None:
    assert found("Müller Anna", person("Anna", "Schmitt")) == []


def test_the_beginning_of_a_name_finds_it() -> None:
    hits = rank(SearchCriteria("Schmi"), [person("Anna", "Schmitt")])
    assert hits[0].score == 85 and hits[0].match == "beginning of family name"


def test_particles_need_not_be_typed() -> None:
    assert found("Bülow", person("Karl", "von Bülow")) == [("Karl von Bülow", 100)]


def test_without_a_name_every_candidate_matches_with_the_reasons_of_the_criteria() -> None:
    hits = rank(SearchCriteria(birth_date=date(1980, 5, 17), postcode="24321"), MUELLERS)
    assert {h.score for h in hits} == {100} and hits[0].match == "exact birth date, postcode"


def test_pages_continue_after_the_last_hit_without_overlap_or_gap() -> None:
    people = [person("Anna", "Müller", n) for n in range(7)] + [person("Anna", "Möller", n) for n in range(7, 10)]
    hits = rank(SearchCriteria("Müller"), people)
    first, rest = hits[:4], after(hits, hits[3].order_key)
    assert first + rest == hits


def test_a_search_needs_a_criterion_and_a_name_needs_letters() -> None:
    with pytest.raises(IntakeError) as nothing:
        check_criteria(SearchCriteria())
    assert nothing.value.field == "query"
    with pytest.raises(IntakeError) as no_letters:
        check_criteria(SearchCriteria(name="1234"))
    assert no_letters.value.field == "query.name"
