"""Staff's decision on a possible duplicate: "not the same person", or a merge that keeps one client. No I/O here.

Nothing is merged automatically. A merge keeps the client staff name (`keep`) and marks the other merged into
it; for each field of the surviving record staff choose whose value it keeps (`take_from_merged`: the fields
taken from the merged-away record, every other field stays). Target groups, availability and household stay
the survivor's. A pair once decided is never proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from services.intake.domain.model import IntakeError
from services.platform.errors import Conflict

MERGEABLE_FIELDS = ("given_name", "family_name", "birth_date", "residence_postcode", "sex")


class PairStatus(StrEnum):
    OPEN = "open"
    NOT_SAME_PERSON = "not_same_person"
    MERGED = "merged"
    SUPERSEDED = "superseded"  # one of the two was merged with a third client meanwhile


class Decision(StrEnum):
    NOT_SAME_PERSON = "not_same_person"
    MERGE = "merge"


class MergedAway(LookupError):
    """A client merged into another: its references now belong to `merged_into` (HTTP 410)."""

    def __init__(self, client_id: UUID, merged_into: UUID) -> None:
        super().__init__(f"client {client_id} was merged into client {merged_into}")
        self.client_id, self.merged_into = client_id, merged_into


@dataclass(frozen=True)
class DecidePair:
    pair_id: UUID
    decision: Decision
    keep: UUID | None = None
    take_from_merged: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Merge:
    surviving: UUID
    merged: UUID
    taken: frozenset[str]

    def fields_from(self) -> dict[str, str]:
        """For each field of the surviving record, the client whose value it holds: the merge record."""
        return {f: str(self.merged if f in self.taken else self.surviving) for f in MERGEABLE_FIELDS}


def pair_of(first: UUID, second: UUID) -> tuple[UUID, UUID]:
    """A pair's one order (the lower id first), so the same two clients are one pair."""
    low, high = sorted((first, second), key=str)
    return low, high


def check_decision(cmd: DecidePair, status: PairStatus, clients: Iterable[UUID]) -> Merge | None:
    """The merge a decision asks for (None for "not the same person"); refuses a decided pair or a bad choice."""
    if status is not PairStatus.OPEN:
        raise Conflict(f"the pair was already decided: {status.value}")
    if cmd.decision is Decision.NOT_SAME_PERSON:
        if cmd.keep is not None or cmd.take_from_merged:
            raise IntakeError("keep", "only a merge keeps a client and takes fields")
        return None
    both = list(clients)
    if cmd.keep not in both:
        raise IntakeError("keep", "must be one of the pair's two clients")
    if unknown := sorted(cmd.take_from_merged - set(MERGEABLE_FIELDS)):
        raise IntakeError("take_from_merged", f"not a field a merge takes: {', '.join(unknown)}")
    merged = next(c for c in both if c != cmd.keep)
    return Merge(cmd.keep, merged, cmd.take_from_merged)
