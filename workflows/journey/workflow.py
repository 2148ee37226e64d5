"""ClientJourney: one durable workflow per client (`journey-<client_id>`) that orchestrates the journey.

Facts arrive as signals from the event bridge and the pure state machine (`state.py`)
decides what they mean. The workflow itself acts when a deadline of its policy falls due
(`deadlines.py`): it assigns a case manager, raises a contact_overdue task for each missed
contact interval and a plan_review task when the cooperation plan is due (§ 15 Abs. 3),
requests the monthly continuation checks after an employment start (K2E3) and closes the
case after sustained employment. Staff reach it through two updates (exit, change of case
manager) whose validators refuse before anything is written. It waits in one place, for
the earliest deadline, a fact or a staff request; operators find it by its search
attributes and read in its current details what it waits for.
"""

from __future__ import annotations

import contextlib
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey, SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from pydantic import ValidationError

    from workflows.activities import models as act
    from workflows.journey import steps
    from workflows.journey.acting import CALL_TIMEOUT, Acting
    from workflows.journey.deadlines import Due, next_due, upcoming
    from workflows.journey.describe import details, doing
    from workflows.journey.legacy import FirstVersion
    from workflows.journey.policy import JourneyPolicy
    from workflows.journey.signals import CaseWorkerChange, Deadline, ExitRequest, Fact, JourneyStart, JourneyView
    from workflows.journey.state import EntryKind, JourneyState, apply, note

ORCHESTRATOR = "journey-orchestrator-v2"  # workflow.patched id: runs recorded before it follow the facts only
STAGE = SearchAttributeKey.for_keyword("JourneyStage")
OFFICE = SearchAttributeKey.for_keyword("OfficeId")
CASE_WORKER = SearchAttributeKey.for_keyword("CaseWorkerId")
PROGRAM = SearchAttributeKey.for_keyword("ProgramId")
TARGET_GROUPS = SearchAttributeKey.for_keyword_list("TargetGroups")
NEXT_DUE = SearchAttributeKey.for_datetime("NextDueAt")
# A staff member waits for this one: a few quick attempts, then the failure reaches them.
INTERACTIVE = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=3)
ROUNDING = timedelta(milliseconds=1)


@workflow.defn(name="ClientJourney")
class ClientJourney(Acting, FirstVersion):
    @workflow.init
    def __init__(self, start: JourneyStart) -> None:
        self._state = (JourneyState.model_validate(start.state) if start.state
                       else JourneyState(client_id=start.client_id))
        self._policy = start.policy or JourneyPolicy()
        self._facts: deque[Fact] = deque()
        self._published: dict[str, Any] = {}
        self._changing_case_worker = False

    @workflow.run
    async def run(self, start: JourneyStart) -> JourneyState:
        if workflow.patched(ORCHESTRATOR):
            await self._orchestrate()
        else:
            await self._follow_facts_v1()
            if self._state.exit_reason is not None:
                await self._close(self._state.exit_reason)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    # --- messages -------------------------------------------------------------------------

    @workflow.signal
    def fact(self, fact: Fact) -> None:
        """A fact from Kafka, at least once: duplicates are dropped by event id."""
        self._facts.append(fact)

    @workflow.query
    def state(self) -> JourneyState:
        return self._state

    @workflow.query
    def view(self) -> JourneyView:
        dues = upcoming(self._state, self._policy, workflow.now())
        return JourneyView(state=self._state, details=details(self._state, dues), policy=self._policy,
                           deadlines=[Deadline(kind=d.kind, at=d.at, month=d.month.isoformat() if d.month else None)
                                      for d in dues])

    @workflow.update
    async def exit(self, request: ExitRequest) -> JourneyState:
        """The client leaves (moved away, withdrew, retirement age): the case is closed, then the journey."""
        steps.exit_requested(self._state, request.reason, workflow.now())
        await workflow.wait_condition(lambda: self._state.closed)
        return self._state

    @exit.validator
    def _may_exit(self, request: ExitRequest) -> None:
        _refuse(steps.exit_refusal(self._state))

    @workflow.update
    async def change_case_manager(self, change: CaseWorkerChange) -> JourneyState:
        """Hands the case to another case manager through coaching; its 422/409 reach the caller."""
        self._changing_case_worker = True
        try:
            key = self._key(f"case-worker/{len(self._state.history)}/{change.case_worker_id}")
            request = act.ChangeCaseWorker(client_id=self._state.client_id, case_worker_id=change.case_worker_id,
                                           reason=change.reason, idempotency_key=key)
            assignment = await workflow.execute_activity(
                act.CHANGE_CASE_WORKER, request, result_type=act.CaseAssignment, start_to_close_timeout=CALL_TIMEOUT,
                retry_policy=INTERACTIVE, summary=f"hand the case to {change.case_worker_id}")
        except ActivityError as error:
            raise _as_caller_error(error) from error
        finally:
            self._changing_case_worker = False
        steps.case_worker_changed(self._state, assignment.case_worker_id, change.reason, workflow.now())
        self._publish()
        return self._state

    @change_case_manager.validator
    def _may_change_case_manager(self, change: CaseWorkerChange) -> None:
        _refuse(steps.case_worker_change_refusal(self._state, change.case_worker_id))
        if self._changing_case_worker:
            _refuse(steps.Refusal(409, "case_worker_id", "another change of case manager is in progress"))

    # --- the loop -------------------------------------------------------------------------

    async def _orchestrate(self) -> None:
        while True:
            self._apply_facts()
            if self._state.closed:
                self._publish()
                return
            if self._state.exit_reason is not None:
                await self._close(self._state.exit_reason)
                continue
            now = workflow.now()
            due = next_due(self._state, self._policy, now)
            if due is not None and due.at <= now + ROUNDING:
                workflow.set_current_details(doing(self._state, due))
                await self._perform(due)
            elif self._continue_as_new_due():
                await self._continue_as_new()
            else:
                self._publish()
                await self._wait(due, now)

    async def _wait(self, due: Due | None, now: datetime) -> None:
        summary = f"{due.kind} due" if due is not None else "no deadline: waiting for facts"
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(self._news, timeout=due.at - now if due is not None else None,
                                          timeout_summary=summary)

    def _news(self) -> bool:
        return bool(self._facts) or self._state.exit_reason is not None

    def _apply_facts(self) -> None:
        while self._facts:
            fact = self._facts.popleft()
            try:
                apply(self._state, fact.event_id, fact.event(), workflow.now())
            except (KeyError, ValidationError) as error:
                note(self._state, workflow.now(), f"unreadable fact {fact.event_type} ignored: {error}",
                     EntryKind.FACT)

    # --- continue-as-new, search attributes -----------------------------------------------

    def _continue_as_new_due(self) -> bool:
        info, limit = workflow.info(), self._policy.max_history_events
        return info.is_continue_as_new_suggested() or (limit is not None and info.get_current_history_length() >= limit)

    async def _continue_as_new(self) -> None:
        await workflow.wait_condition(lambda: workflow.all_handlers_finished() or self._state.exit_reason is not None)
        if self._state.exit_reason is not None:
            return  # close first; the exit request waits for that
        self._apply_facts()  # facts that arrived meanwhile go into the state the next run starts with
        workflow.continue_as_new(JourneyStart(client_id=self._state.client_id, policy=self._policy,
                                              state=self._state.model_dump(mode="json")))

    def _publish(self) -> None:
        """Search attributes (ids only; upserted when they change) and the current details in words."""
        dues = upcoming(self._state, self._policy, workflow.now()) if not self._state.closed else []
        workflow.set_current_details(details(self._state, dues))
        s = self._state
        values: list[tuple[SearchAttributeKey[Any], Any]] = [
            (STAGE, s.stage.value), (OFFICE, s.office_id), (CASE_WORKER, s.case_worker_id), (PROGRAM, s.program_id),
            (TARGET_GROUPS, s.target_groups or None), (NEXT_DUE, dues[0].at if dues else None)]
        updates: list[SearchAttributeUpdate[Any]] = []
        for key, value in values:
            if self._published.get(key.name) != value:
                updates.append(key.value_set(value) if value is not None else key.value_unset())
                self._published[key.name] = value
        if updates:
            workflow.upsert_search_attributes(updates)

def _refuse(refusal: steps.Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal.reason, {"field": refusal.field, "reason": refusal.reason},
                               type=f"rejected_{refusal.status}", non_retryable=True)


def _as_caller_error(error: ActivityError) -> ApplicationError:
    cause = error.cause
    if isinstance(cause, ApplicationError):
        return ApplicationError(cause.message, *cause.details, type=cause.type, non_retryable=True)
    return ApplicationError(f"coaching did not answer: {error}", type="unavailable", non_retryable=True)


