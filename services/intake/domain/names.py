"""German names as the search compares them. No I/O here.

A name is split into tokens at spaces and hyphens ("Anna-Lena" → anna, lena), particles such as
"von", "zu", "van der" are left out (a clerk types "Bülow" for "von Bülow"), and each token is kept in
two spellings of the letters a–z: `expanded` writes umlauts as the German alphabet spells them without
dots (ä → ae, ß → ss: Müller = Mueller), `folded` drops the dots (ä → a: Müller = Muller), for people
who type a name without umlauts. Other accents are dropped (é → e).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from services.intake.domain.phonetics import cologne_key

PARTICLES = frozenset(
    {"von", "vom", "zu", "zum", "zur", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten",
     "ter", "op", "und"}
)  # fmt: skip
_EXPANDED = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"}
_FOLDED = {**_EXPANDED, "ä": "a", "ö": "o", "ü": "u"}
_SEPARATORS = re.compile(r"[\s\-‐‑–—,;/.]+")
_APOSTROPHES = re.compile(r"['’`´]")


@dataclass(frozen=True)
class NameToken:
    expanded: str  # müller → mueller
    folded: str  # müller → muller
    phonetic: str  # Kölner Phonetik of `expanded`: 657

    @property
    def prefix(self) -> str:
        """The leading letters a candidate must share when its sound differs (the SQL narrowing)."""
        return self.folded[:4] if len(self.folded) >= 6 else self.folded[:3]


def _spelt(word: str, table: dict[str, str]) -> str:
    letters = "".join(table.get(c, c) for c in word)
    decomposed = unicodedata.normalize("NFKD", letters)
    return "".join(c for c in decomposed if "a" <= c <= "z")


def name_tokens(text: str) -> tuple[NameToken, ...]:
    """The tokens of a name or of free search text, particles left out unless the name is nothing else."""
    words = [w for w in _SEPARATORS.split(_APOSTROPHES.sub("", unicodedata.normalize("NFC", text).casefold())) if w]
    kept = [w for w in words if w not in PARTICLES] or words
    tokens = []
    for word in kept:
        expanded = _spelt(word, _EXPANDED)
        if expanded:
            tokens.append(NameToken(expanded, _spelt(word, _FOLDED), cologne_key(expanded)))
    return tuple(dict.fromkeys(tokens))
