"""The journey's own steps: each calls one service through an activity and records what came of it.

A step runs when its deadline falls due (`deadlines.py`). Transient failures (network, 5xx,
404 while a service catches up) are retried with backoff until they pass; a service's "no"
(422, 409, 403) comes back as `Refused` and is recorded, so the journey goes on. Facts that
arrive while a step waits are applied at once; a staff exit request cuts a step short. A
change of case worker is a staff request: its failure goes back to the caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from workflows.journey import activity_models as act
    from workflows.journey import outcomes
    from workflows.journey.dating import assignment_day
    from workflows.journey.deadlines import Due, DueKind, missed_post_hire_contact, upcoming
    from workflows.journey.inbox import Inbox
    from workflows.journey.messages import CaseWorkerChange
    from workflows.journey.policy import JourneyPolicy
    from workflows.journey.publishing import Publisher
    from workflows.journey.state import JourneyState

TRANSIENT = RetryPolicy(
    initial_interval=timedelta(seconds=1), backoff_coefficient=2.0, maximum_interval=timedelta(minutes=1)
)
# A staff member waits for this one: a few quick attempts, then the failure reaches them.
# workflow.patched id: runs recorded before it upserted their search attributes only once a step ended, so
# visibility (GET /journeys) lagged the stage while a step's activity was being retried.
PUBLISH_WHILE_WAITING = "journey-publish-while-waiting"
INTERACTIVE = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=3)
CALL_TIMEOUT = timedelta(seconds=30)
R = TypeVar("R")


class Refused:
    """A service answered the journey's request with a non-retryable problem."""

    def __init__(self, error: ActivityError) -> None:
        cause = error.cause
        self.reason = cause.message if isinstance(cause, ApplicationError) else str(error)


INTERRUPTED = object()  # an exit request cut the step short


class Actions:
    """Performs the journey's steps on the state it shares with the workflow, its inbox and its publisher."""

    def __init__(self, state: JourneyState, policy: JourneyPolicy, inbox: Inbox, publisher: Publisher) -> None:
        self._state = state
        self._policy = policy
        self._inbox = inbox
        self._publisher = publisher

    async def perform(self, due: Due) -> None:
        match due.kind:
            case DueKind.ASSIGNMENT:
                await self._assign()
            case DueKind.CONTACT_OVERDUE | DueKind.PLAN_REVIEW:
                await self._raise_task(due)
            case DueKind.CONTINUATION_CHECK:
                await self._request_continuation_check(due)
            case DueKind.CLOSURE:
                await self.close(outcomes.SUSTAINED_EMPLOYMENT)
            case DueKind.PROGRAMME_END:
                await self._raise_programme_end(due)
            case DueKind.POST_HIRE_CONTACT:
                await self._raise_post_hire_contact(due)
            case DueKind.EARLY_WARNING:
                await self._raise_early_warning(due)
            case DueKind.MIGRATION_CARRY:
                await self._carry_migration()

    async def close(self, reason: str) -> None:
        request = act.CloseCase(client_id=self._state.client_id, reason=reason, idempotency_key=self._key("closure"))
        outcome = await self._call(
            act.CLOSE_CASE, request, type(None), f"close the case: {reason}", interruptible=False
        )
        outcomes.closed(
            self._state,
            reason,
            workflow.now(),
            "case closed" if not isinstance(outcome, Refused) else _refused(outcome),
        )
        self._publisher.publish()

    async def change_case_worker(self, change: CaseWorkerChange) -> act.CaseAssignment:
        """Hands the case over through coaching; its refusal (422/409) is raised for the caller."""
        key = self._key(f"case-worker/{len(self._state.history)}/{change.case_worker_id}")
        request = act.ChangeCaseWorker(
            client_id=self._state.client_id,
            case_worker_id=change.case_worker_id,
            reason=change.reason,
            idempotency_key=key,
        )
        try:
            assignment: act.CaseAssignment = await workflow.execute_activity(
                act.CHANGE_CASE_WORKER,
                request,
                result_type=act.CaseAssignment,
                start_to_close_timeout=CALL_TIMEOUT,
                retry_policy=INTERACTIVE,
                summary=f"hand the case to {change.case_worker_id}",
            )
        except ActivityError as error:
            raise _as_caller_error(error) from error
        return assignment

    # --- steps ----------------------------------------------------------------------------

    async def _assign(self) -> None:
        day = assignment_day(self._state, self._policy, workflow.now())
        # A dated assignment's key names its day: asked again on a later day (after no capacity), it is a new
        # request with another body, not a replay of the first.
        step = "assignment" if day is None else f"assignment/{day.isoformat()}"
        request = act.AssignCase(client_id=self._state.client_id, idempotency_key=self._key(step), assigned_on=day)
        summary = "assign a case manager" if day is None else f"assign a case manager on {day.isoformat()}"
        outcome = await self._call(act.ASSIGN_CASE_MANAGER, request, act.CaseAssignment, summary)
        now = workflow.now()
        if isinstance(outcome, act.CaseAssignment):
            # An assigned case answers with its assignment as it was: its day may be an earlier one than asked.
            on = (outcome.assigned_on or day) if day is not None else None
            outcomes.assigned(
                self._state, outcome.case_worker_id, outcome.program_id, outcome.contact_interval_days, now, on
            )
        elif isinstance(outcome, Refused):
            outcomes.assignment_postponed(self._state, outcome.reason, now + self._policy.assignment_retry, now)

    async def _raise_task(self, due: Due) -> None:
        kind = "contact_overdue" if due.kind is DueKind.CONTACT_OVERDUE else "plan_review"
        request = act.RaiseTask(
            client_id=self._state.client_id,
            kind=kind,
            due_at=due.at,
            detail=_task_detail(self._state, due),
            idempotency_key=self._key(due.step),
        )
        outcome = await self._call(act.RAISE_TASK, request, act.RaisedTask, f"raise a {kind} task")
        if outcome is INTERRUPTED or not self._still_due(due):
            return
        done = f"task {outcome.task_id} raised" if isinstance(outcome, act.RaisedTask) else _refused(outcome)
        record = outcomes.contact_overdue_raised if due.kind is DueKind.CONTACT_OVERDUE else outcomes.plan_review_raised
        record(self._state, due.at, workflow.now(), done)

    async def _raise_programme_end(self, due: Due) -> None:
        request = act.RaiseTask(
            client_id=self._state.client_id,
            kind="programme_end",
            due_at=due.at,
            detail=f"planned end of the participation in {self._state.program_id}: outcome and next steps",
            idempotency_key=self._key(due.step),
        )
        outcome = await self._call(act.RAISE_TASK, request, act.RaisedTask, "raise the end-of-programme task")
        if outcome is INTERRUPTED or not self._still_due(due):
            return
        done = f"task {outcome.task_id} raised" if isinstance(outcome, act.RaisedTask) else _refused(outcome)
        outcomes.programme_end_raised(self._state, workflow.now(), done)

    async def _raise_post_hire_contact(self, due: Due) -> None:
        week = self._policy.post_hire_contact_weeks[self._state.post_hire_contacts_raised]
        detail = f"support after the hire: contact the client in week {week} of the new job"
        outcome = await self._task("post_hire_contact", due, detail)
        if outcome is INTERRUPTED or not self._still_due(due):
            return
        missed = missed_post_hire_contact(self._state, self._policy)
        outcomes.post_hire_contact_raised(self._state, week, missed, workflow.now(), _done(outcome))

    async def _raise_early_warning(self, due: Due) -> None:
        count = len(self._state.warnings_pending)
        detail = "the job is at risk: " + "; ".join(self._state.warnings_pending)
        outcome = await self._task("job_at_risk", due, detail[:500])
        if outcome is not INTERRUPTED and self._state.warnings_pending:
            outcomes.warnings_raised(self._state, count, workflow.now(), _done(outcome))

    async def _carry_migration(self) -> None:
        request = act.CarryMigration(client_id=self._state.client_id, idempotency_key=self._key("migration-carry"))
        outcome = await self._call(
            act.CARRY_MIGRATION, request, act.MigrationCarried, "carry the legacy record into coaching"
        )
        if outcome is INTERRUPTED:
            return
        parts = (
            {str(p.part): str(p.outcome) for p in outcome.parts} if isinstance(outcome, act.MigrationCarried) else None
        )
        # Only which call refused and how (a service's problem text stays out of the journey's history).
        refusal = outcome.reason.split(": ", 1)[0] if isinstance(outcome, Refused) else None
        outcomes.migration_carried(self._state, parts, workflow.now(), refusal)

    async def _task(self, kind: act.TaskKind, due: Due, detail: str) -> act.RaisedTask | Refused | object:
        request = act.RaiseTask(
            client_id=self._state.client_id,
            kind=kind,
            due_at=due.at,
            detail=detail,
            idempotency_key=self._key(due.step),
        )
        return await self._call(act.RAISE_TASK, request, act.RaisedTask, f"raise a {kind} task")

    async def _request_continuation_check(self, due: Due) -> None:
        assert self._state.employment_id is not None and due.month is not None
        request = act.RequestContinuationCheck(
            employment_id=self._state.employment_id, month=due.month, idempotency_key=self._key(due.step)
        )
        outcome = await self._call(
            act.REQUEST_CONTINUATION_CHECK,
            request,
            act.ContinuationCheck,
            f"request the continuation check for {due.month:%Y-%m}",
        )
        if outcome is INTERRUPTED or not self._still_due(due):
            return
        done = (
            f"check {outcome.check_id} {outcome.status}"
            if isinstance(outcome, act.ContinuationCheck)
            else _refused(outcome)
        )
        outcomes.continuation_check_requested(self._state, due.month, workflow.now(), done)

    async def _call(
        self, activity: str, request: Any, result_type: type[R], summary: str, *, interruptible: bool = True
    ) -> R | Refused | object:
        """Run one activity; a refusal comes back as `Refused`, an exit request interrupts it.

        Facts that arrive meanwhile are applied and published at once, so a service that keeps the
        journey waiting (retries with backoff) holds back neither the state nor its search attributes.
        """
        handle = workflow.start_activity(
            activity,
            request,
            result_type=result_type,
            retry_policy=TRANSIENT,
            start_to_close_timeout=CALL_TIMEOUT,
            summary=summary,
        )
        cut_short: Callable[[], bool] = (lambda: self._state.exit_reason is not None) if interruptible else _never
        while not handle.done():
            await workflow.wait_condition(lambda: handle.done() or bool(self._inbox) or cut_short())
            news = bool(self._inbox)
            self._inbox.apply()
            if news and workflow.patched(PUBLISH_WHILE_WAITING):
                self._publisher.publish()
            if cut_short() and not handle.done():
                handle.cancel()
                await asyncio.gather(handle, return_exceptions=True)
                return INTERRUPTED
        try:
            result: R = await handle
            return result
        except ActivityError as error:
            return Refused(error)

    def _still_due(self, due: Due) -> bool:
        """Whether `due` is still the next of its kind: a fact that arrived meanwhile may have moved it."""
        current = next((d for d in upcoming(self._state, self._policy, workflow.now()) if d.kind is due.kind), None)
        return current is not None and current.step == due.step

    def _key(self, step: str) -> str:
        """Idempotency key: the same for every attempt and across continue-as-new, new for a new journey."""
        info = workflow.info()
        return f"{info.workflow_id}/{info.first_execution_run_id}/{step}"


def _never() -> bool:
    return False


def _done(outcome: object) -> str:
    return f"task {outcome.task_id} raised" if isinstance(outcome, act.RaisedTask) else _refused(outcome)


def _refused(outcome: object) -> str:
    return f"refused: {outcome.reason}" if isinstance(outcome, Refused) else "no answer"


def _as_caller_error(error: ActivityError) -> ApplicationError:
    cause = error.cause
    if isinstance(cause, ApplicationError):
        return ApplicationError(cause.message, *cause.details, type=cause.type, non_retryable=True)
    return ApplicationError(f"coaching did not answer: {error}", type="unavailable", non_retryable=True)


def _task_detail(state: JourneyState, due: Due) -> str:
    if due.kind is DueKind.CONTACT_OVERDUE:
        return f"no contact within {state.contact_interval_days} days (interval due {due.at:%Y-%m-%d %H:%M} UTC)"
    return "cooperation plan review due (§ 15 Abs. 3 SGB II)"
