"""A migrated client's placement obstacles as the legacy system had them (bulk migration, issue #13). No I/O.

They are not a plan: nobody agreed them with the client (§ 15 SGB II). Coaching keeps them sealed until the
case manager agrees the first plan, shown to the plan's readers as "aus der Migration übernommen" so they can
be taken into it. What cannot be kept is refused with a reason that names no obstacle: the kind is the person's
data (health and addiction are special categories, GDPR Art. 9), and the reason goes into intake's import report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.coaching.domain.model import CaseStatus, ObstacleKind

OBSTACLES = "obstacles"  # the part as intake's import report names it
KNOWN = {kind.value: kind for kind in ObstacleKind}


@dataclass(frozen=True)
class ImportedObstacles:
    """What coaching keeps of the imported obstacles (each kind once, in the legacy order), and why not the rest."""

    kept: list[ObstacleKind]
    refusals: list[str]

    @property
    def outcome(self) -> str:
        return "refused" if self.refusals else "carried"


def take_imported(kinds: Sequence[str], status: CaseStatus) -> ImportedObstacles:
    """The imported kinds coaching knows; none for a closed case (nobody would take them into a plan)."""
    if status is CaseStatus.CLOSED:
        return ImportedObstacles([], ["Der Fall ist geschlossen: die Vermittlungshemmnisse wurden nicht übernommen."])
    kept = list(dict.fromkeys(KNOWN[k] for k in kinds if k in KNOWN))
    unknown = len([k for k in kinds if k not in KNOWN])
    if not unknown:
        return ImportedObstacles(kept, [])
    some = "Ein Vermittlungshemmnis" if unknown == 1 else f"{unknown} Vermittlungshemmnisse"
    rest = "; die übrigen wurden übernommen." if kept else "."
    return ImportedObstacles(kept, [f"{some} unbekannter Art nicht übernommen{rest}"])


def takeover_with(parts: Sequence[dict[str, object]], taken: ImportedObstacles) -> list[dict[str, object]]:
    """The takeover's parts with the obstacles' outcome in place of any earlier one (a repeated write)."""
    others = [p for p in parts if p.get("part") != OBSTACLES]
    return [*others, {"part": OBSTACLES, "outcome": taken.outcome, "reasons": list(taken.refusals)}]
