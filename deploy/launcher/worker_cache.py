"""How many journeys the worker keeps in its sticky cache when the launcher starts it.

A journey evicted from the cache replays its whole history on its next query or fact, so
the cache must hold every running journey: the chosen offices of the demo district at their
seed size (journeys of earlier runs keep running in the kept data), or the simulated clients
when more, plus a margin. The limit costs no memory until journeys fill it (~0.25 MB each).
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator import district
from workflows.settings import MAX_CACHED_WORKFLOWS

MARGIN_PERCENT = 10  # more journeys than clients: re-registrations, clients of another run


def journey_cache_size(clients: int | None = None, offices: Sequence[str] | None = None) -> int:
    """Cached workflows for `clients` simulated over `offices` (default: the whole demo district)."""
    chosen = tuple(offices or district.DEMO_DISTRICT)
    district_size = sum(district.clients_per_office(None, chosen).values())
    journeys = max(district_size, clients or 0)
    return max(MAX_CACHED_WORKFLOWS, journeys + -(-journeys * MARGIN_PERCENT // 100))  # rounded up, in integers
