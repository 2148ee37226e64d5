"""The first version of ClientJourney (follow facts until sustained), kept for the runs that started with it.

Journeys live for months: a run whose history was written by this version replays through
this code (`workflow.patched` returns False for it) and keeps its behaviour until it ends or
continues as new, when the next run starts on the orchestrator. Nothing here may change the
commands it issues for a recorded history (tests/histories/v1-*.json are replayed in tests);
only conditions that recorded histories never meet were added (a staff exit request).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate

with workflow.unsafe.imports_passed_through():
    from workflows.journey.inbox import Inbox
    from workflows.journey.messages import JourneyStart
    from workflows.journey.state import JourneyState, Stage, apply
    from workflows.search_attributes import CASE_WORKER, OFFICE, PROGRAM, STAGE, TARGET_GROUPS

IDLE_CHECK = timedelta(days=30)


class FirstVersion:
    """The v1 loop over the state and the inbox it shares with ClientJourney."""

    def __init__(self, state: JourneyState, inbox: Inbox) -> None:
        self._state = state
        self._inbox = inbox

    async def follow_facts(self) -> None:
        while self._state.stage is not Stage.SUSTAINED and not self._exit_requested():
            self._describe()
            try:
                await workflow.wait_condition(
                    lambda: bool(self._inbox) or self._exit_requested(),
                    timeout=IDLE_CHECK,
                    timeout_summary="no news about this client",
                )
            except TimeoutError:
                continue
            self._apply_pending()
            if workflow.info().is_continue_as_new_suggested() and not self._exit_requested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(
                    JourneyStart(client_id=self._state.client_id, state=self._state.model_dump(mode="json"))
                )
        self._describe()

    def _exit_requested(self) -> bool:
        return self._state.exit_reason is not None

    def _apply_pending(self) -> None:
        for fact in self._inbox.take():  # v1 reads every fact strictly: an unreadable one fails the task
            apply(self._state, fact.event_id, fact.event(), workflow.now())
        s = self._state
        updates: list[SearchAttributeUpdate[Any]] = [STAGE.value_set(s.stage)]
        if s.office_id:
            updates.append(OFFICE.value_set(s.office_id))
        if s.case_worker_id:
            updates.append(CASE_WORKER.value_set(s.case_worker_id))
        if s.program_id:
            updates.append(PROGRAM.value_set(s.program_id))
        if s.target_groups:
            updates.append(TARGET_GROUPS.value_set(s.target_groups))
        workflow.upsert_search_attributes(updates)

    def _describe(self) -> None:
        workflow.set_current_details(_WAITING_FOR.get(self._state.stage, "Closing."))


_WAITING_FOR = {
    Stage.REGISTERED: "Registered; waiting for coaching to assign a case manager.",
    Stage.COACHING: "In coaching; waiting for contacts and for the case manager to declare readiness for placement.",
    Stage.JOB_SEARCH: "Searching for a job; waiting for placement to report an employment start.",
    Stage.EMPLOYED: "Employed; waiting for the monthly confirmations (6 needed for K2E3) or the end of employment.",
    Stage.SUSTAINED: "Sustained: employed in each of the 6 months after the start.",
}
