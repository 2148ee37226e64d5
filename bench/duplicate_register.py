"""A generated register with known duplicates and known look-alikes, and the duplicate detector measured on it.

`register(seed)` makes people (German names with their umlauts, ß and double names; a third of the family
names among the fifty-six most common, the common ones far more often, the rest made up; thirty given names
per sex, far fewer than a district's, so people who share a name are more frequent than in life), registers
some of them a second time the way a clerk gets it wrong, and adds different people who look alike. Every
registration carries the id of the person behind it, so the truth of every pair is known.

Second registrations of one person (each kind about equally often, some with two mistakes at once):
  typo (a letter left out, doubled, swapped or wrong, in either name), umlaut spelling (ü → ue or u, ß → ss),
  first and family name swapped, a double name shortened, day and month of the birth date transposed, one
  digit of the birth date wrong, a move to another postcode (also another office).
Different people who look alike:
  the same common name born in the same year, twins (same family name, birth date and address, other given
  names), siblings (same family name and address, a few years apart), parent and child of the same name
  (same address, a generation apart), spouses (same family name and address).

`measure(people)` registers them in order and checks each against those before, as Lotse does: candidates
by `near_birth_dates`, scored by `possible_duplicates`. Precision is the share of proposed pairs that are one
person; recall the share of one person's pairs that were proposed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from uuid import UUID

from services.intake.domain.duplicates import (
    THRESHOLD,
    OnFile,
    Resemblance,
    near_birth_dates,
    resemblance,
)

FAMILY = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
    "Köhler", "Groß", "Weiß", "Jäger", "Böhm", "Günther", "Fuß", "Strauß", "Meißner", "Petersen", "Hansen",
    "Jensen", "Lorenzen", "Thomsen", "Yılmaz", "Kowalski", "Nowak", "Popescu", "Kovalenko", "Haddad",
    "Müller-Lüdenscheidt", "Schmidt-Hansen", "Weber-Krause", "von Bülow", "Öztürk", "Dąbrowski",
)  # fmt: skip
FEMALE = (
    "Anna", "Maria", "Julia", "Sabine", "Claudia", "Katharina", "Nicole", "Stefanie", "Sandra", "Petra",
    "Monika", "Jennifer", "Leonie", "Lea", "Mia", "Sophie", "Hülya", "Anna-Lena", "Marie-Luise", "Birgit",
    "Jana", "Hanna", "Ursula", "Gisela", "Aylin", "Olena", "Fatma", "Agnieszka", "Ioana", "Lena",
)  # fmt: skip
MALE = (
    "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Jens", "Heiko", "Sven", "Lukas", "Jonas",
    "Felix", "Paul", "Jan", "Tim", "Jörg", "Björn", "Günter", "Karl-Heinz", "Hans-Peter", "Klaus",
    "Mehmet", "Ahmad", "Piotr", "Andrii", "Mihai", "Uwe", "Dirk", "Frank", "Max", "Moritz",
)  # fmt: skip
# The other two thirds of family names: made up from two parts, as varied as a district's long tail of names.
MADE_UP_FAMILY = tuple(
    a + b
    for a in ("Har", "Bran", "Wes", "Lüt", "Kro", "Ahl", "Dit", "Fen", "Gro", "Hol", "Jak", "Kle", "Mar", "Nie",
              "Ost", "Reh", "Sie", "Tam", "Wit", "Zie", "Bö", "Dre", "Ga", "Hü")
    for b in ("mann", "sen", "berg", "dorf", "feld", "hagen", "ke", "ler", "ow", "rich", "stedt", "ström", "wald",
              "ing", "er", "s")
)  # fmt: skip
POSTCODES = ("24321", "24238", "24250", "24257", "24306", "24326", "24211", "24223", "24226", "24235")
SPELLINGS = {"ü": ("ue", "u"), "ö": ("oe", "o"), "ä": ("ae", "a"), "ß": ("ss",)}
DUPLICATE_KINDS = ("typo", "umlaut", "swapped", "shortened", "transposed", "digit", "moved")
LOOK_ALIKE_KINDS = ("namesake", "twins", "siblings", "parent_and_child", "spouses")


@dataclass(frozen=True)
class Registration:
    on_file: OnFile
    person: UUID  # who it really is
    kind: str  # "original", a duplicate kind ("typo+moved") or a look-alike kind


@dataclass
class Quality:
    threshold: int
    true_pairs: int
    proposed: int
    correct: int
    missed_by_kind: dict[str, int] = field(default_factory=dict)
    false_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true_pairs if self.true_pairs else 1.0


def _id(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128))


def _weighted(rng: random.Random, names: Sequence[str]) -> str:
    return rng.choices(names, weights=[1 / (rank + 1) for rank in range(len(names))])[0]  # Zipf: common names


def _birth_date(rng: random.Random, year: int | None = None) -> date:
    start = date(year or rng.randint(1960, 2006), 1, 1)
    return start + timedelta(days=rng.randrange(365))


def _given(rng: random.Random) -> tuple[str, str]:
    sex = rng.choice(("female", "male"))
    return _weighted(rng, FEMALE if sex == "female" else MALE), sex


def person(rng: random.Random, number: int) -> OnFile:
    given, sex = _given(rng)
    family = _weighted(rng, FAMILY) if rng.random() < 1 / 3 else rng.choice(MADE_UP_FAMILY)
    return OnFile(_id(rng), f"L-{number:06d}", given, family, _birth_date(rng), rng.choice(POSTCODES), "", sex)


def _typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name)) if len(name) > 2 else 0
    match rng.choice(("drop", "double", "swap", "wrong")):
        case "drop":
            return name[:i] + name[i + 1 :]
        case "double":
            return name[:i] + name[i] + name[i:]
        case "swap" if i + 1 < len(name):
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        case _:
            return name[:i] + rng.choice("aeinrst") + name[i + 1 :]


def _respelt(rng: random.Random, name: str) -> str | None:
    letters = [c for c in name.lower() if c in SPELLINGS]
    if not letters:
        return None
    letter = rng.choice(letters)
    written = rng.choice(SPELLINGS[letter])
    return name.replace(letter, written).replace(letter.upper(), written.capitalize())


def _shortened(name: str) -> str | None:
    parts = name.replace(" ", "-").split("-")
    return parts[0] if len(parts) > 1 and parts[0] not in {"von"} else (parts[-1] if len(parts) > 1 else None)


def _digit_off(rng: random.Random, born: date) -> date:
    return rng.choice([d for d in near_birth_dates(born) if d != born and abs((d - born).days) < 365 * 60])


def _mistake(rng: random.Random, kind: str, p: OnFile) -> OnFile | None:
    """`p` as a clerk registered them again with one kind of mistake; None when the kind does not apply."""
    match kind:
        case "typo":
            if rng.random() < 0.5:
                return replace(p, family_name=_typo(rng, p.family_name))
            return replace(p, given_name=_typo(rng, p.given_name))
        case "umlaut":
            family, given = _respelt(rng, p.family_name), _respelt(rng, p.given_name)
            return replace(p, family_name=family) if family else (replace(p, given_name=given) if given else None)
        case "swapped":
            return replace(p, given_name=p.family_name, family_name=p.given_name)
        case "shortened":
            family, given = _shortened(p.family_name), _shortened(p.given_name)
            return replace(p, family_name=family) if family else (replace(p, given_name=given) if given else None)
        case "transposed":
            if p.birth_date.day > 12 or p.birth_date.day == p.birth_date.month:
                return None
            return replace(p, birth_date=date(p.birth_date.year, p.birth_date.day, p.birth_date.month))
        case "digit":
            return replace(p, birth_date=_digit_off(rng, p.birth_date))
        case _:
            return replace(p, postcode=rng.choice([c for c in POSTCODES if c != p.postcode]))


def duplicate(rng: random.Random, p: OnFile, number: int) -> tuple[OnFile, str] | None:
    kinds = rng.sample(DUPLICATE_KINDS, 2 if rng.random() < 0.3 else 1)
    again: OnFile | None = p
    for kind in kinds:
        again = _mistake(rng, kind, again) if again else None
    if again is None:
        return None
    sex = p.sex if rng.random() < 0.5 else "not_stated"
    return replace(again, client_id=_id(rng), client_number=f"L-{number:06d}", sex=sex), "+".join(kinds)


def look_alike(rng: random.Random, kind: str, p: OnFile, number: int) -> OnFile:
    given, sex = _given(rng)
    while given == p.given_name:
        given, sex = _given(rng)
    new = replace(p, client_id=_id(rng), client_number=f"L-{number:06d}", given_name=given, sex=sex)
    match kind:
        case "namesake":
            born = _birth_date(rng, p.birth_date.year)
            return replace(new, given_name=p.given_name, sex=p.sex, birth_date=born, postcode=rng.choice(POSTCODES))
        case "twins":
            return new
        case "siblings":
            return replace(new, birth_date=p.birth_date + timedelta(days=rng.randint(300, 3650)))
        case "parent_and_child":
            born = p.birth_date - timedelta(days=rng.randint(20 * 365, 35 * 365))
            return replace(new, given_name=p.given_name, sex=p.sex, birth_date=born)
        case _:
            return replace(new, birth_date=_birth_date(rng))


def register(seed: int = 13, people: int = 5000, duplicates: int = 600, look_alikes: int = 600) -> list[Registration]:
    """The register in the order of registration: originals, then second registrations and look-alikes mixed."""
    rng = random.Random(seed)
    originals = [Registration(person(rng, n), _id(rng), "original") for n in range(people)]
    later: list[Registration] = []
    while len(later) < duplicates:
        base = rng.choice(originals)
        if made := duplicate(rng, base.on_file, people + len(later)):
            later.append(Registration(made[0], base.person, made[1]))
    for i in range(look_alikes):
        base, kind = rng.choice(originals), LOOK_ALIKE_KINDS[i % len(LOOK_ALIKE_KINDS)]
        later.append(Registration(look_alike(rng, kind, base.on_file, people + duplicates + i), _id(rng), kind))
    rng.shuffle(later)
    return originals + later


Scorer = Callable[[OnFile, OnFile], Resemblance | None]
ScoredPair = tuple[Registration, Registration, int]


def scored_pairs(people: Iterable[Registration], scorer: Scorer = resemblance) -> list[ScoredPair]:
    """Each registration checked against those before it (candidates by `near_birth_dates`, as intake narrows):
    every comparable pair (earlier, later, score), at any score."""
    by_birth_date: dict[date, list[Registration]] = defaultdict(list)
    pairs = []
    for later in people:
        for day in near_birth_dates(later.on_file.birth_date):
            for earlier in by_birth_date.get(day, ()):
                if (found := scorer(later.on_file, earlier.on_file)) is not None:
                    pairs.append((earlier, later, found.score))
        by_birth_date[later.on_file.birth_date].append(later)
    return pairs


def measure(
    people: Sequence[Registration],
    scorer: Scorer = resemblance,
    threshold: int = THRESHOLD,
    scored: Sequence[ScoredPair] | None = None,
) -> Quality:
    """Precision and recall of proposing the pairs at or above `threshold` (`scored`: pairs already scored)."""
    seen: dict[UUID, int] = defaultdict(int)
    true_pairs = 0
    for r in people:
        true_pairs += seen[r.person]
        seen[r.person] += 1
    quality = Quality(threshold, true_pairs, 0, 0)
    found_true: set[tuple[UUID, UUID]] = set()
    for earlier, later, score in scored if scored is not None else scored_pairs(people, scorer):
        if score < threshold:
            continue
        quality.proposed += 1
        if earlier.person == later.person:
            quality.correct += 1
            found_true.add((earlier.on_file.client_id, later.on_file.client_id))
        else:
            kind = later.kind if later.kind != "original" else earlier.kind
            quality.false_by_kind[kind] = quality.false_by_kind.get(kind, 0) + 1
    originals = {r.person: r for r in people if r.kind == "original"}
    for r in people:
        original = originals.get(r.person)
        if r.kind != "original" and original and (original.on_file.client_id, r.on_file.client_id) not in found_true:
            quality.missed_by_kind[r.kind] = quality.missed_by_kind.get(r.kind, 0) + 1
    return quality
