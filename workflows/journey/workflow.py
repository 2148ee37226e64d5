"""ClientJourney: one durable workflow per client (`journey-<client_id>`), driven by facts.

It only orchestrates: facts arrive as signals from the event bridge, the pure state
machine in `state.py` decides, and the workflow keeps its search attributes and
current details current so operators can find and understand every journey.
"""

from __future__ import annotations

from collections import deque
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

with workflow.unsafe.imports_passed_through():
    from workflows.journey.signals import Fact, JourneyStart
    from workflows.journey.state import JourneyState, Stage, apply

STAGE = SearchAttributeKey.for_keyword("JourneyStage")
OFFICE = SearchAttributeKey.for_keyword("OfficeId")
CASE_WORKER = SearchAttributeKey.for_keyword("CaseWorkerId")
PROGRAM = SearchAttributeKey.for_keyword("ProgramId")
TARGET_GROUPS = SearchAttributeKey.for_keyword_list("TargetGroups")
IDLE_CHECK = timedelta(days=30)


@workflow.defn(name="ClientJourney")
class ClientJourney:
    @workflow.init
    def __init__(self, start: JourneyStart) -> None:
        self._state = (JourneyState.model_validate(start.state) if start.state
                       else JourneyState(client_id=start.client_id))
        self._facts: deque[Fact] = deque()

    @workflow.run
    async def run(self, start: JourneyStart) -> JourneyState:
        while not self._state.finished:
            self._describe()
            try:
                await workflow.wait_condition(lambda: bool(self._facts), timeout=IDLE_CHECK,
                                              timeout_summary="no news about this client")
            except TimeoutError:
                continue
            self._apply_pending()
            if workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(JourneyStart(client_id=self._state.client_id,
                                                      state=self._state.model_dump(mode="json")))
        self._describe()
        return self._state

    @workflow.signal
    def fact(self, fact: Fact) -> None:
        """A fact from Kafka, at least once: duplicates are dropped by event id."""
        self._facts.append(fact)

    @workflow.query
    def state(self) -> JourneyState:
        return self._state

    def _apply_pending(self) -> None:
        while self._facts:
            fact = self._facts.popleft()
            apply(self._state, fact.event_id, fact.event(), workflow.now())
        self._upsert_search_attributes()

    def _upsert_search_attributes(self) -> None:
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
        workflow.set_current_details(_WAITING_FOR[self._state.stage])


_WAITING_FOR = {
    Stage.REGISTERED: "Registered; waiting for coaching to assign a case manager.",
    Stage.COACHING: "In coaching; waiting for contacts and for the case manager to declare readiness for placement.",
    Stage.JOB_SEARCH: "Searching for a job; waiting for placement to report an employment start.",
    Stage.EMPLOYED: "Employed; waiting for the monthly confirmations (6 needed for K2E3) or the end of employment.",
    Stage.SUSTAINED: "Sustained: employed in each of the 6 months after the start.",
}
