"""The journey's inbox: facts the bridge signalled, kept in arrival order until the journey applies them."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from pydantic import ValidationError

    from workflows.journey.facts import (
        AFTER_HIRE_FACTS,
        MERGE_FACTS,
        MOVE_FACTS,
        PARTICIPATION_FACTS,
        REDUCTION_FACTS,
    )
    from workflows.journey.messages import Fact
    from workflows.journey.state import EntryKind, JourneyState, apply, note


# workflow.patched id: runs recorded before it could not read participation facts (unknown event types) and
# noted them as unreadable; where such a fact arrived, they replay so.
PARTICIPATIONS = "journey-participations"
# Reductions determined after a hearing and their lifting (benefits, §§ 31a, 32, 7b Abs. 4 SGB II): heard since
# this patch; the bridge did not route them before, so no run recorded earlier holds one.
REDUCTIONS = "journey-reductions"
# workflow.patched id: runs recorded before it noted a move as unreadable; since, the journey follows the client
# to the new office (`OfficeId`).
MOVES = "journey-follows-moves"
# workflow.patched id: runs recorded before it noted a merge as unreadable; since, a merged-away duplicate's journey
# closes as `merged` and the kept client's journey notes whom it took over.
MERGES = "journey-follows-merges"


class Inbox:
    def __init__(self, state: JourneyState) -> None:
        self._state = state
        self._facts: deque[Fact] = deque()

    def put(self, fact: Fact) -> None:
        self._facts.append(fact)

    def __bool__(self) -> bool:
        return bool(self._facts)

    def take(self) -> Iterator[Fact]:
        """Each pending fact once, oldest first."""
        while self._facts:
            yield self._facts.popleft()

    def apply(self) -> None:
        """Apply every pending fact to the state; a fact the journey cannot read is noted and dropped."""
        for fact in self.take():
            try:
                event = fact.event()
                if isinstance(event, PARTICIPATION_FACTS) and not workflow.patched(PARTICIPATIONS):
                    raise KeyError(fact.event_type)
                if isinstance(event, REDUCTION_FACTS) and not workflow.patched(REDUCTIONS):
                    raise KeyError(fact.event_type)
                if isinstance(event, MOVE_FACTS) and not workflow.patched(MOVES):
                    raise KeyError(fact.event_type)
                if isinstance(event, MERGE_FACTS) and not workflow.patched(MERGES):
                    raise KeyError(fact.event_type)
                if isinstance(event, AFTER_HIRE_FACTS) and not self._state.supports_after_hire:
                    raise KeyError(fact.event_type)
                apply(self._state, fact.event_id, event, workflow.now())
            except (KeyError, ValidationError) as error:
                note(self._state, workflow.now(), f"unreadable fact {fact.event_type} ignored: {error}", EntryKind.FACT)
