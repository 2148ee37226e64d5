"""Finding a client at intake: what a search asks, how a candidate's name compares, the order of hits. No I/O here.

The database narrows the candidates (same office scope, exact birth date, postcode and client number, and a
name token that sounds alike or shares its first letters); this module ranks them. A query token's best
match among the candidate's name tokens counts: the same name (Müller = Mueller) 100, the same letters
without umlauts (Muller) 95, the start of the name (Schmi…) 85, else the edit similarity (rapidfuzz's
normalised Indel ratio) — at least 80 when the names sound alike (Kölner Phonetik: Meier = Mayer). The
name's score is the mean over the query's tokens, less UNMATCHED_PENALTY for each part of a double family
name that no query token matched (Müller before Müller-Lüdenscheidt for "Müller"). A candidate is no hit
when a query token matches none of its names (MIN_TOKEN_SCORE) or the score stays below MIN_NAME_SCORE.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from uuid import UUID

from rapidfuzz.distance import Indel

from services.intake.domain.model import IntakeError
from services.intake.domain.names import NameToken, name_tokens

MIN_NAME_SCORE = 70.0
MIN_TOKEN_SCORE = 60.0
UNMATCHED_PENALTY = 2.0
MAX_QUERY_TOKENS = 6


class Likeness(IntEnum):
    """How a query token matched, best last; the words appear in a hit's `match`."""

    SIMILAR = 1
    PHONETIC = 2
    PREFIX = 3
    VARIANT = 4
    EXACT = 5


_WORDS = {
    Likeness.EXACT: "exact",
    Likeness.VARIANT: "spelling variant of",
    Likeness.PREFIX: "beginning of",
    Likeness.PHONETIC: "phonetic",
    Likeness.SIMILAR: "similar",
}


@dataclass(frozen=True)
class SearchCriteria:
    name: str | None = None
    birth_date: date | None = None
    postcode: str | None = None
    client_number: str | None = None
    office_id: str | None = None

    def tokens(self) -> tuple[NameToken, ...]:
        return name_tokens(self.name) if self.name else ()


def check_criteria(criteria: SearchCriteria) -> tuple[NameToken, ...]:
    """The name's tokens; refuses a search without a criterion, or with a name of no letters or too many words.
    The fields are named as the search's query parameters."""
    tokens = criteria.tokens()
    if criteria.name is not None and not tokens:
        raise IntakeError("query.name", "holds no letters to search for")
    if len(tokens) > MAX_QUERY_TOKENS:
        raise IntakeError("query.name", f"at most {MAX_QUERY_TOKENS} words")
    if not (tokens or criteria.birth_date or criteria.postcode or criteria.client_number):
        raise IntakeError("query", "give at least one of name, birth_date, postcode, client_number")
    return tokens


@dataclass(frozen=True)
class Candidate:
    client_id: UUID
    client_number: str
    given_name: str
    family_name: str
    birth_date: date
    postcode: str
    office_id: str


@dataclass(frozen=True)
class Hit:
    candidate: Candidate
    score: int  # 0..100
    match: str  # a short reason, e.g. "phonetic family name, exact birth date"

    @property
    def order_key(self) -> tuple[int, str, str, str]:
        """Best first; equal scores by name, then by client number (unique), so pages never overlap."""
        c = self.candidate
        return (-self.score, c.family_name.casefold(), c.given_name.casefold(), c.client_number)


def likeness(query: NameToken, name: NameToken) -> tuple[float, Likeness]:
    if query.expanded == name.expanded:
        return 100.0, Likeness.EXACT
    if query.folded == name.folded:
        return 95.0, Likeness.VARIANT
    if len(query.folded) >= 3 and name.folded.startswith(query.folded):
        return 85.0, Likeness.PREFIX
    similar = 100.0 * max(
        Indel.normalized_similarity(query.expanded, name.expanded),
        Indel.normalized_similarity(query.folded, name.folded),
    )
    if query.phonetic == name.phonetic and similar < 80.0:
        return 80.0, Likeness.PHONETIC
    return similar, Likeness.PHONETIC if query.phonetic == name.phonetic else Likeness.SIMILAR


def _name_score(
    query: Sequence[NameToken], family: Sequence[NameToken], given: Sequence[NameToken]
) -> tuple[float, str] | None:
    scores: list[float] = []
    parts: dict[str, Likeness] = {}
    matched: set[NameToken | None] = set()
    for token in query:
        options = [(*likeness(token, t), "family name", t) for t in family]
        options += [(*likeness(token, t), "given name", t) for t in given]
        score, kind, part, name = max(options, key=lambda o: (o[0], o[1]), default=(0.0, Likeness.SIMILAR, "", None))
        if score < MIN_TOKEN_SCORE:
            return None
        scores.append(score)
        parts[part] = max(parts.get(part, kind), kind)
        matched.add(name)
    unmatched = sum(1 for t in family if t not in matched)
    reasons = [f"{_WORDS[parts[p]]} {p}" for p in ("family name", "given name") if p in parts]
    return sum(scores) / len(scores) - UNMATCHED_PENALTY * unmatched, ", ".join(reasons)


def _other_reasons(criteria: SearchCriteria) -> list[str]:
    return [
        reason
        for reason, given in (
            ("exact birth date", criteria.birth_date),
            ("postcode", criteria.postcode),
            ("client number", criteria.client_number),
        )
        if given
    ]


def rank(criteria: SearchCriteria, candidates: Iterable[Candidate]) -> list[Hit]:
    """The candidates that match, best first (candidates already agree on every criterion but the name)."""
    query, others = criteria.tokens(), _other_reasons(criteria)
    hits = []
    for candidate in candidates:
        score, reason = 100.0, ""
        if query:
            named = _name_score(query, name_tokens(candidate.family_name), name_tokens(candidate.given_name))
            if named is None or named[0] < MIN_NAME_SCORE:
                continue
            score, reason = named
        hits.append(Hit(candidate, round(score), ", ".join(r for r in [reason, *others] if r)))
    return sorted(hits, key=lambda h: h.order_key)


def after(hits: Sequence[Hit], key: tuple[int, str, str, str] | None) -> list[Hit]:
    """The hits that follow the last one of the previous page (its `order_key`)."""
    return list(hits) if key is None else [h for h in hits if h.order_key > key]
