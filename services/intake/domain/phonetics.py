"""Kölner Phonetik (Hans Joachim Postel, 1969): a phonetic key for German names. No I/O here.

Names that sound alike get the same digits: Müller, Mueller, Möller → 657; Meier, Mayer, Maier → 67;
Schmidt, Schmitt → 862. The key is computed on a name already folded to the letters a–z
(`names.fold`), so ä/ae and ß/ss give the same key.

The rules, letter by letter (the letter's neighbours decide some codes):
A E I J O U Y → 0 · H → (none) · B → 1 · P → 1, before H 3 · D T → 2, before C S Z 8 · F V W → 3 ·
G K Q → 4 · C → 4 at the start before A H K L O Q R U X, elsewhere before A H K O Q U X unless after
S Z, else 8 · X → 48, after C K Q 8 · L → 5 · M N → 6 · R → 7 · S Z → 8.
Then repeated digits collapse into one and every 0 but a leading one is dropped.
"""

from __future__ import annotations

_SIMPLE = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("sz", "8"),
}
_C_HARD_AT_START = frozenset("ahkloqrux")
_C_HARD = frozenset("ahkoqux")


def _code(word: str, index: int) -> str:
    letter = word[index]
    before = word[index - 1] if index > 0 else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    match letter:
        case "h":
            return ""
        case "p":
            return "3" if after == "h" else "1"
        case "d" | "t":
            return "8" if after in {"c", "s", "z"} and after else "2"
        case "c":
            if index == 0:
                return "4" if after in _C_HARD_AT_START and after else "8"
            return "4" if after in _C_HARD and after and before not in {"s", "z"} else "8"
        case "x":
            return "8" if before in {"c", "k", "q"} and before else "48"
        case _:
            return _SIMPLE.get(letter, "")


def cologne_key(word: str) -> str:
    """The Kölner Phonetik digits of a folded word (letters a–z; anything else is skipped)."""
    letters = "".join(c for c in word if "a" <= c <= "z")
    digits = "".join(_code(letters, i) for i in range(len(letters)))
    collapsed = "".join(d for i, d in enumerate(digits) if i == 0 or d != digits[i - 1])
    return collapsed[:1] + collapsed[1:].replace("0", "")
