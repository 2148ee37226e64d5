"""What the journey shows of itself: search attributes (ids only) and its current details in words."""

from __future__ import annotations

from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

with workflow.unsafe.imports_passed_through():
    from workflows.journey.deadlines import upcoming
    from workflows.journey.describe import details
    from workflows.journey.policy import JourneyPolicy
    from workflows.journey.state import JourneyState
    from workflows.search_attributes import (
        CASE_WORKER,
        HEARING_OPEN,
        NEXT_DUE,
        OFFICE,
        PROGRAM,
        STAGE,
        TARGET_GROUPS,
    )


class Publisher:
    def __init__(self, state: JourneyState, policy: JourneyPolicy) -> None:
        self._state = state
        self._policy = policy
        self._published: dict[str, Any] = {}
        # `journey-hearings` (workflow.py): runs recorded before it never upserted `HearingOpen`.
        self.shows_hearings = False

    def publish(self) -> None:
        """The current details, and the search attributes that changed since they were last upserted."""
        s = self._state
        dues = upcoming(s, self._policy, workflow.now()) if not s.closed else []
        workflow.set_current_details(details(s, dues))
        values: list[tuple[SearchAttributeKey[Any], Any]] = [
            (STAGE, s.stage.value),
            (OFFICE, s.office_id),
            (CASE_WORKER, s.case_worker_id),
            (PROGRAM, s.program_id),
            (TARGET_GROUPS, s.target_groups or None),
            (NEXT_DUE, dues[0].at if dues else None),
        ]
        if self.shows_hearings:  # set while a hearing is open, unset otherwise: `HearingOpen = true` finds them
            values.append((HEARING_OPEN, True if s.hearings_open else None))
        updates: list[SearchAttributeUpdate[Any]] = []
        for key, value in values:
            if self._published.get(key.name) != value:
                updates.append(key.value_set(value) if value is not None else key.value_unset())
                self._published[key.name] = value
        if updates:
            workflow.upsert_search_attributes(updates)
