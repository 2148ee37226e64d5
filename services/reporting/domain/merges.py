"""Which client a merged-away registration's facts count for (no I/O): the end of its chain of merges."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID


def survivor_of(client_id: UUID, merged_into: Mapping[UUID, UUID]) -> UUID:
    """Follows merges (A into B, later B into C: A counts for C); a cycle, which intake never makes, stops."""
    seen = {client_id}
    while (next_id := merged_into.get(client_id)) is not None and next_id not in seen:
        seen.add(next_id)
        client_id = next_id
    return client_id
