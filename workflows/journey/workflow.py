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

The workflow composes its parts, which share its state: the inbox of facts (`inbox.py`), the
steps it performs (`actions.py`), what it publishes (`publishing.py`) and, for runs recorded
before the orchestrator, the first version's loop (`first_version.py`).
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from workflows.hearing.models import JOURNEY_HEARING_SIGNAL, HearingNews
    from workflows.journey import outcomes
    from workflows.journey.actions import Actions
    from workflows.journey.deadlines import Due, next_due, upcoming
    from workflows.journey.describe import details, doing
    from workflows.journey.first_version import FirstVersion
    from workflows.journey.inbox import Inbox
    from workflows.journey.messages import CaseWorkerChange, Deadline, ExitRequest, Fact, JourneyStart, JourneyView
    from workflows.journey.policy import JourneyPolicy
    from workflows.journey.publishing import Publisher
    from workflows.journey.state import JourneyState, hear_hearing

ORCHESTRATOR = "journey-orchestrator-v2"  # workflow.patched id: runs recorded before it follow the facts only
# workflow.patched id: runs recorded before it let a late readiness or job-search opening move a client
# who is back in coaching (see JourneyState.pairs_placement_announcements).
PAIRED_PLACEMENT_ANNOUNCEMENTS = "journey-paired-placement-announcements"
# workflow.patched id: runs recorded before it never heard a hearing; since, the journey keeps the client's open
# hearings and shows `HearingOpen` while one is (a hearing tells it with the `hearing` signal).
HEARINGS = "journey-hearings"
# workflow.patched id: runs recorded before it went quiet in `employed` (only the monthly continuation checks);
# since, the coach gets post-hire contacts in the policy's weeks and a job_at_risk task on an early warning, and
# the journey hears the proposal's pipeline (JourneyState.supports_after_hire).
POST_HIRE_SUPPORT = "journey-post-hire-support"
# workflow.patched id: runs recorded before it never carried a migrated client's legacy record; since, a migrated
# journey carries it once after the assignment (the obstacles into coaching, the outcomes into intake's report).
MIGRATION_CARRY = "journey-migration-carry"
# workflow.patched id, asked on a compressed policy only (the demo): runs recorded before it, and every journey on
# the real calendar, let coaching date the assignment today; since, the journey dates it on the calendar pinned to
# the registration day (`dating.py`), so staff's entries on the simulated days after it are not refused.
DATED_ASSIGNMENT = "journey-dated-assignment"
ROUNDING = timedelta(milliseconds=1)


@workflow.defn(name="ClientJourney")
class ClientJourney:
    @workflow.init
    def __init__(self, start: JourneyStart) -> None:
        self._state = (
            JourneyState.model_validate(start.state) if start.state else JourneyState(client_id=start.client_id)
        )
        self._policy = start.policy or JourneyPolicy()
        self._inbox = Inbox(self._state)
        self._publisher = Publisher(self._state, self._policy)
        self._actions = Actions(self._state, self._policy, self._inbox, self._publisher)
        self._changing_case_worker = False
        self._hearing_news = False

    @workflow.run
    async def run(self, start: JourneyStart) -> JourneyState:
        self._state.pairs_placement_announcements = workflow.patched(PAIRED_PLACEMENT_ANNOUNCEMENTS)
        self._publisher.shows_hearings = workflow.patched(HEARINGS)
        self._state.supports_after_hire = workflow.patched(POST_HIRE_SUPPORT)
        self._state.carries_migration = workflow.patched(MIGRATION_CARRY)
        self._state.dates_assignment = not self._policy.on_real_calendar and workflow.patched(DATED_ASSIGNMENT)
        if workflow.patched(ORCHESTRATOR):
            await self._orchestrate()
        else:
            await FirstVersion(self._state, self._inbox).follow_facts()
            if self._state.exit_reason is not None:
                await self._actions.close(self._state.exit_reason)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    # --- messages -------------------------------------------------------------------------

    @workflow.signal
    def fact(self, fact: Fact) -> None:
        """A fact from Kafka, at least once: duplicates are dropped by event id."""
        self._inbox.put(fact)

    @workflow.signal(name=JOURNEY_HEARING_SIGNAL)
    def hearing(self, news: HearingNews) -> None:
        """A hearing of the client opened or closed (from the hearing workflow itself)."""
        if hear_hearing(self._state, news, workflow.now()):
            self._hearing_news = True

    @workflow.query
    def state(self) -> JourneyState:
        return self._state

    @workflow.query
    def view(self) -> JourneyView:
        dues = upcoming(self._state, self._policy, workflow.now())
        return JourneyView(
            state=self._state,
            details=details(self._state, dues),
            policy=self._policy,
            deadlines=[Deadline(kind=d.kind, at=d.at, month=d.month.isoformat() if d.month else None) for d in dues],
        )

    @workflow.update
    async def exit(self, request: ExitRequest) -> JourneyState:
        """The client leaves (moved away, withdrew, retirement age): the case is closed, then the journey."""
        outcomes.exit_requested(self._state, request.reason, workflow.now())
        await workflow.wait_condition(lambda: self._state.closed)
        return self._state

    @exit.validator
    def _may_exit(self, request: ExitRequest) -> None:
        _refuse(outcomes.exit_refusal(self._state))

    @workflow.update
    async def change_case_manager(self, change: CaseWorkerChange) -> JourneyState:
        """Hands the case to another case manager through coaching; its 422/409 reach the caller."""
        self._changing_case_worker = True
        try:
            assignment = await self._actions.change_case_worker(change)
        finally:
            self._changing_case_worker = False
        outcomes.case_worker_changed(self._state, assignment.case_worker_id, change.reason, workflow.now())
        self._publisher.publish()
        return self._state

    @change_case_manager.validator
    def _may_change_case_manager(self, change: CaseWorkerChange) -> None:
        _refuse(outcomes.case_worker_change_refusal(self._state, change.case_worker_id))
        if self._changing_case_worker:
            _refuse(outcomes.Refusal(409, "case_worker_id", "another change of case manager is in progress"))

    # --- the loop -------------------------------------------------------------------------

    async def _orchestrate(self) -> None:
        while True:
            self._inbox.apply()
            self._hearing_news = False  # the state has it: the publish below shows it
            if self._state.closed:
                self._publisher.publish()
                return
            if self._state.exit_reason is not None:
                await self._actions.close(self._state.exit_reason)
                continue
            now = workflow.now()
            due = next_due(self._state, self._policy, now)
            if due is not None and due.at <= now + ROUNDING:
                workflow.set_current_details(doing(self._state, due))
                await self._actions.perform(due)
            elif self._continue_as_new_due():
                await self._continue_as_new()
            else:
                self._publisher.publish()
                await self._wait(due, now)

    async def _wait(self, due: Due | None, now: datetime) -> None:
        summary = f"{due.kind} due" if due is not None else "no deadline: waiting for facts"
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(
                self._news, timeout=due.at - now if due is not None else None, timeout_summary=summary
            )

    def _news(self) -> bool:
        return self._hearing_news or bool(self._inbox) or self._state.exit_reason is not None

    # --- continue-as-new ------------------------------------------------------------------

    def _continue_as_new_due(self) -> bool:
        info, limit = workflow.info(), self._policy.max_history_events
        return info.is_continue_as_new_suggested() or (limit is not None and info.get_current_history_length() >= limit)

    async def _continue_as_new(self) -> None:
        await workflow.wait_condition(lambda: workflow.all_handlers_finished() or self._state.exit_reason is not None)
        if self._state.exit_reason is not None:
            return  # close first; the exit request waits for that
        self._inbox.apply()  # facts that arrived meanwhile go into the state the next run starts with
        workflow.continue_as_new(
            JourneyStart(
                client_id=self._state.client_id, policy=self._policy, state=self._state.model_dump(mode="json")
            )
        )


def _refuse(refusal: outcomes.Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(
            refusal.reason,
            {"field": refusal.field, "reason": refusal.reason},
            type=f"rejected_{refusal.status}",
            non_retryable=True,
        )
