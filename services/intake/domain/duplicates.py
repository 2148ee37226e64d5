"""Whether two registrations may be the same person: a score from 0 to 100 and the reasons. No I/O here.

Nothing here decides: a pair at or above THRESHOLD is proposed to staff, who merge it or mark it "not the
same person". The score weighs the name (NAME_WEIGHT), the birth date (BIRTH_WEIGHT) and the postcode
(POSTCODE_WEIGHT); a pair is not comparable at all (None) when either is missing:

- **Names** are compared part by part, family with family and given with given (or crosswise, when a clerk
  swapped them: SWAPPED_PENALTY), token by token as the search compares them (`search.likeness`: Müller =
  Mueller, Muller, typos, the same sound by Kölner Phonetik, a name and its beginning). The shorter part's
  tokens each take their best match in the other's; a double name written shortened ("Müller" for
  "Müller-Lüdenscheidt", "Anna" for "Anna-Lena") costs SHORTENED_PENALTY per left-out token. Each part must
  reach MIN_PART_SCORE, so twins (same family name and birth date, different given names) are not proposed.
- **Birth dates** match exactly, with day and month transposed (1980-05-07 / 1980-07-05, a German clerk
  reading a date written the other way round), or with one digit off in the written date YYYYMMDD (a typo:
  1980-05-17 / 1980-05-12, 1980 / 1986). Anything else — also the same year — is no match.
- **Postcodes** the same count; a different one costs only its weight (people move).
- **Sex**, where both registrations state it and they differ, costs SEX_PENALTY: it keeps "Jan" and "Jana"
  apart without refusing a pair whose sex was entered wrongly once.
"""

from __future__ import annotations

from calendar import isleap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from uuid import UUID

from services.intake.domain.names import NameToken, name_tokens
from services.intake.domain.search import Likeness, likeness

THRESHOLD = 80  # chosen on the generated register (bench/duplicates_quality.py): precision and recall by threshold
NAME_WEIGHT, BIRTH_WEIGHT, POSTCODE_WEIGHT = 0.6, 0.3, 0.1
MIN_PART_SCORE = 70.0
SHORTENED_PENALTY = 5.0
SWAPPED_PENALTY = 5.0
SEX_PENALTY = 40.0
NOT_STATED = "not_stated"


class BirthDateMatch(StrEnum):
    EXACT = "exact birth date"
    TRANSPOSED = "birth date with day and month transposed"
    ONE_DIGIT = "birth date one digit off"


_BIRTH_SCORES = {BirthDateMatch.EXACT: 100.0, BirthDateMatch.TRANSPOSED: 85.0, BirthDateMatch.ONE_DIGIT: 75.0}
_WORDS = {
    Likeness.EXACT: "same",
    Likeness.VARIANT: "spelling variant of",
    Likeness.PREFIX: "shortened",
    Likeness.PHONETIC: "same-sounding",
    Likeness.SIMILAR: "similar",
}


@dataclass(frozen=True)
class OnFile:
    """A person as registered, as far as the comparison needs them."""

    client_id: UUID
    client_number: str
    given_name: str
    family_name: str
    birth_date: date
    postcode: str
    office_id: str
    sex: str = NOT_STATED


@dataclass(frozen=True)
class Resemblance:
    score: int  # 0..100
    reasons: tuple[str, ...]  # which parts matched how, e.g. ("same family name", "exact birth date")


@dataclass(frozen=True)
class PossibleDuplicate:
    other: OnFile
    resemblance: Resemblance


@dataclass(frozen=True)
class _Part:
    score: float
    likeness: Likeness
    shortened: bool


def birth_date_match(a: date, b: date) -> BirthDateMatch | None:
    if a == b:
        return BirthDateMatch.EXACT
    if a.year == b.year and (a.day, a.month) == (b.month, b.day):
        return BirthDateMatch.TRANSPOSED
    if sum(x != y for x, y in zip(_written(a), _written(b), strict=True)) == 1:
        return BirthDateMatch.ONE_DIGIT
    return None


def near_birth_dates(born: date) -> list[date]:
    """Every date `birth_date_match` accepts for `born`: what the database narrows candidates by. Each digit
    of the written date YYYYMMDD changed to every other (the valid dates among them), and day and month
    transposed."""
    year, month, day = born.year, born.month, born.day
    found = {born}
    for place in (1000, 100, 10, 1):
        for y in _digit_changed(year, place):
            if y >= 1 and day <= _days_in(y, month):
                found.add(date(y, month, day))
    for place in (10, 1):
        for m in _digit_changed(month, place):
            if 1 <= m <= 12 and day <= _days_in(year, m):
                found.add(date(year, m, day))
        for d in _digit_changed(day, place):
            if 1 <= d <= _days_in(year, month):
                found.add(date(year, month, d))
    if day <= 12:
        found.add(date(year, day, month))
    return sorted(found)


def _digit_changed(number: int, place: int) -> range:
    """`number` with its digit at `place` (1000, 100, 10, 1) set to each of 0–9."""
    base = number - number // place % 10 * place
    return range(base, base + 10 * place, place)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    return 29 if month == 2 and isleap(year) else _MONTH_DAYS[month - 1]


def _written(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime leaves years before 1000 unpadded


@lru_cache(maxsize=65_536)
def _token_likeness(a: NameToken, b: NameToken) -> tuple[float, Likeness]:
    """Either way round (a name and its beginning). Cached: common names meet each other again and again."""
    return max(likeness(a, b), likeness(b, a))


def _part(a: Sequence[NameToken], b: Sequence[NameToken]) -> _Part | None:
    short, long = sorted((a, b), key=len)
    if not short:
        return None
    best = [max(((_token_likeness(s, t), t) for t in long), key=lambda o: o[0]) for s in short]
    matched = {t for _, t in best}
    left_out = sum(1 for t in long if t not in matched)
    score = sum(s for (s, _), _ in best) / len(best) - SHORTENED_PENALTY * left_out
    if score < MIN_PART_SCORE:
        return None
    return _Part(score, min(kind for (_, kind), _ in best), left_out > 0)


def _words(part: _Part, name: str) -> str:
    shortened = "double " if part.shortened else ""
    if part.shortened and part.likeness == Likeness.EXACT:
        return f"{shortened}{name} shortened"
    return f"{_WORDS[part.likeness]} {shortened}{name}"


def _names(a: OnFile, b: OnFile) -> tuple[float, list[str]] | None:
    fa, ga, fb, gb = (name_tokens(n) for n in (a.family_name, a.given_name, b.family_name, b.given_name))
    options = []
    if (family := _part(fa, fb)) and (given := _part(ga, gb)):
        options.append(((family.score + given.score) / 2, [_words(family, "family name"), _words(given, "given name")]))
    if (crossed := _part(fa, gb)) and (crossed_back := _part(ga, fb)):
        score = (crossed.score + crossed_back.score) / 2 - SWAPPED_PENALTY
        options.append((score, ["given and family name swapped"]))
    return max(options, key=lambda o: o[0], default=None)


def resemblance(a: OnFile, b: OnFile) -> Resemblance | None:
    """How alike two registrations are; None when their names or birth dates do not match at all."""
    born = birth_date_match(a.birth_date, b.birth_date)
    if born is None:
        return None
    names = _names(a, b)
    if names is None:
        return None
    name_score, reasons = names
    same_postcode = a.postcode == b.postcode
    score = NAME_WEIGHT * name_score + BIRTH_WEIGHT * _BIRTH_SCORES[born] + POSTCODE_WEIGHT * 100.0 * same_postcode
    reasons += [born.value, "same postcode" if same_postcode else "different postcode"]
    if NOT_STATED not in (a.sex, b.sex) and a.sex != b.sex:
        score -= SEX_PENALTY
        reasons.append("different sex recorded")
    return Resemblance(max(0, round(score)), tuple(reasons))


def possible_duplicates(person: OnFile, others: Iterable[OnFile]) -> list[PossibleDuplicate]:
    """The others who may be `person`, at or above THRESHOLD, best first."""
    found = [
        PossibleDuplicate(other, r)
        for other in others
        if other.client_id != person.client_id
        and (r := resemblance(person, other)) is not None
        and r.score >= THRESHOLD
    ]
    return sorted(found, key=lambda d: (-d.resemblance.score, d.other.client_number))
