"""Small groups in a breakdown are shown as "*", so that no figure points at a person (no I/O).

The rule follows the Federal Employment Agency's statistics ("Statistische Geheimhaltung", § 16 BStatG as the
BA applies it to its SGB II statistics): "Zahlenwerte von 1 oder 2 und Daten, aus denen rechnerisch auf einen
solchen Zahlenwert geschlossen werden kann, werden anonymisiert."

1. Primary: a figure of a group is suppressed when a count of people it is made of is 1 or 2 — its numerator or
   its denominator, or for an average of monthly rates (K1E3, K1E4, K3E3, K3E4) any month's numerator or
   denominator, since those are shown as its parts. 0 is shown: it points at nobody. A sum of money (K1, K1E1,
   the programme savings) counts no people; it is suppressed with the count of the people it is paid to or saved
   for (`FOLLOWS`: K1E2's ELB stock, the programme success's cohort).
2. Secondary: the whole is always known (the same query without a breakdown), so a single suppressed group of a
   key would be the whole minus the other groups. Then the other group with the smallest denominator is
   suppressed as well (one that counts somebody, if there is one).

It applies to the groups of a breakdown — by sex, programme, target group, office, and the programmes of the
yardsticks —, not to the figures of an office or the Jobcenter as a whole: those are the units the Verordnung
reports (§ 3) and a team lead's own figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar

from services.reporting.domain.quotient import Figure

SMALLEST_SHOWN = 3  # a count of 1 or 2 is suppressed
FOLLOWS = {"K1": "K1E2", "K1E1": "K1E2", "programme_savings": "programme_success"}
K = TypeVar("K")


@dataclass(frozen=True)
class Suppressed:
    """A figure shown as "*": what it is, without its numbers."""

    key: str
    name: str
    paragraph: str
    month: date
    target: Decimal | None = None
    suppressed: ClassVar[bool] = True

    @classmethod
    def of(cls, figure: Figure) -> "Suppressed":
        return cls(figure.key, figure.name, figure.paragraph, figure.month, figure.target)


Shown = Figure | Suppressed


def _few(count: Decimal) -> bool:
    return 0 < count < SMALLEST_SHOWN


def reveals_few(figure: Figure) -> bool:
    """The primary rule for a figure that counts people (see `FOLLOWS` for sums of money)."""
    if figure.parts:  # an average of rates: numerator and denominator are rates and months, the parts count
        return any(_few(p.numerator) or _few(p.denominator) for p in figure.parts)
    return _few(figure.numerator) or _few(figure.denominator)


def _size(figure: Figure) -> Decimal:
    """How many the figure counts, to pick the smallest group for the secondary rule."""
    return sum((p.denominator for p in figure.parts), Decimal(0)) if figure.parts else figure.denominator


def _primary(figures: Sequence[Shown]) -> set[str]:
    """The keys the primary rule hides in one group (a figure suppressed already stays so)."""
    keys = {f.key for f in figures}
    counted = {f.key for f in figures if isinstance(f, Suppressed) or (f.key not in FOLLOWS and reveals_few(f))}
    return counted | {k for k, follows in FOLLOWS.items() if k in keys and follows in counted}


def suppress(groups: Sequence[tuple[K, Sequence[Shown]]]) -> list[tuple[K, list[Shown]]]:
    """The groups of one breakdown (each a value and its figures), with small groups' figures suppressed."""
    hidden = [_primary(figures) for _, figures in groups]
    keys = {f.key for _, figures in groups for f in figures}
    for key in sorted(keys):
        cells = [(i, f) for i, (_, figures) in enumerate(groups) for f in figures if f.key == key]
        if sum(key in hidden[i] for i, _ in cells) == 1:
            others = [(i, f) for i, f in cells if key not in hidden[i] and isinstance(f, Figure)]
            if others:
                i, _ = min(others, key=lambda cell: (_size(cell[1]) == 0, _size(cell[1]), cell[0]))
                hidden[i].add(key)
    return [
        (value, [Suppressed.of(f) if isinstance(f, Figure) and f.key in hidden[i] else f for f in figures])
        for i, (value, figures) in enumerate(groups)
    ]


def is_suppressed(shown: Shown) -> bool:
    return isinstance(shown, Suppressed)
