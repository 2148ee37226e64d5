"""Hearing: one durable workflow per incident (`hearing-<incident id>`) from the incident to the decision.

Opened from a missed appointment with notice or a recorded breach of duty, it raises a letter task for
the case manager in coaching, gives the client the policy's days for a statement (recorded by staff as
an update), then waits for the decision of an authorised person (an update): an important reason or
hardship (§ 31a Abs. 3) ends it without a reduction; a reduction is determined through benefits, and a
durable timer before each further month it changes asks benefits to decide that month. Six months after
the incident (§ 31b Abs. 1 S. 3) it runs out into "too late" by itself and refuses a decision — in every
state: a decided reduction still waiting for the client's household runs out too.

Started with `seconds_per_month` (the demo, by the bridge), its days lie on the compressed calendar pinned to
the incident's day at the moment it started (rules.hearing_calendar): the statement deadline, the six months,
the letter's due time, `decided_on` (the determination day benefits is given) and the months' timers. Hearings
started without it (and their recorded histories) stay on the real calendar unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from uuid import UUID

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError

with workflow.unsafe.imports_passed_through():
    # Whole module names: `from package import submodule` would load the submodule inside the sandbox.
    import workflows.hearing.kinds as kinds
    import workflows.hearing.models as m
    import workflows.hearing.rules as rules
    from workflows.hearing.describe import details
    from workflows.search_attributes import HEARING_OPEN, OFFICE

CALL_TIMEOUT = timedelta(seconds=30)
RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1))
# The household lookup waits for a journey to hear the registration (seconds), but may also never answer (a
# client without a journey): its retries back off to hours so six months of them stay a few hundred.
LOOKUP_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(hours=6))
# Workflow change: the wait for the household ends at the determination deadline (§ 31b Abs. 1 S. 3).
HOUSEHOLD_BY_DEADLINE = "hearing-household-by-deadline"
# Workflow change: the hearing tells the client's journey when it opens and when it closes (signal `hearing`),
# so the journey shows `HearingOpen`; hearings recorded before it told nobody.
TELLS_JOURNEY = "hearing-tells-journey"
# Workflow change: a hearing started with `seconds_per_month` dates its days on the demo's compressed calendar.
COMPRESSED = "hearing-compressed-calendar"


def hearing_id(incident_id: object) -> str:
    return f"hearing-{incident_id}"


@workflow.defn(name="Hearing")
class Hearing:
    @workflow.init
    def __init__(self, start: m.HearingStart) -> None:
        now, facts, policy = workflow.now(), start.facts, start.policy
        # Only a hearing started on a compressed calendar asks for the patch: older histories never had one.
        compressed = start.seconds_per_month is not None and workflow.patched(COMPRESSED)
        self._calendar = rules.hearing_calendar(facts.occurred_on, now, start.seconds_per_month if compressed else None)
        self._state = m.HearingState(
            facts=facts,
            policy=policy,
            status=m.Status.AWAITING_STATEMENT,
            opened_at=now,
            opened_on=self._today() if compressed else None,
            statement_due=rules.statement_due(self._today(), policy.statement_days),
            determination_deadline=rules.determination_deadline(facts.occurred_on, policy.determination_months),
            personal_hearing=rules.personal_hearing(facts),
            paragraph=kinds.paragraph(facts.kind, facts.duty),
        )

    @workflow.run
    async def run(self, start: m.HearingStart) -> m.HearingState:
        self._publish()
        told = asyncio.create_task(self._tell_journey()) if workflow.patched(TELLS_JOURNEY) else None
        if self._state.facts.household_id is None:  # opened by the bridge: looked up while the client is heard
            asyncio.create_task(self._resolve_household())  # noqa: RUF006 - the workflow holds it till it ends
        letter = asyncio.create_task(self._send_letter())
        await self._wait_for_statement()
        if await self._wait_for_decision():
            await self._carry_out(self._decision)
        else:
            self._settle(m.Status.TOO_LATE)
        letter.cancel()
        if told is not None:
            await told
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    @workflow.query
    def state(self) -> m.HearingState:
        return self._state

    @workflow.update
    async def record_statement(self, statement: m.Statement) -> m.HearingState:
        self._state = rules.after_statement(self._state, statement)
        self._publish()
        return self._state

    @record_statement.validator
    def _may_record_statement(self, statement: m.Statement) -> None:
        _refuse(lambda: rules.check_statement(self._state, statement, self._today()))

    @workflow.update
    async def decide(self, decision: m.Decision) -> m.HearingState:
        """Returns once the decision is carried out (a reduction determined, or the hearing closed)."""
        self._state.decision = decision.model_copy(update={"decided_on": self._today()})
        await workflow.wait_condition(lambda: not self._state.open)
        return self._state

    @decide.validator
    def _may_decide(self, decision: m.Decision) -> None:
        _refuse(lambda: rules.check_decision(self._state, decision, self._today()))

    def _today(self) -> date:
        """The day in Germany on the hearing's calendar."""
        return self._calendar.day(workflow.now())

    # --- the steps ------------------------------------------------------------------------

    @property
    def _decision(self) -> m.Decision:
        assert self._state.decision is not None
        return self._state.decision

    async def _send_letter(self) -> None:
        facts, due = self._state.facts, self._state.statement_due
        try:
            task = await self._raise_letter_task(facts, due)
        except ActivityError as error:  # the hearing goes on: staff see that the letter is theirs to send
            self._state.letter_problem = _reason(error)
        else:
            self._state.letter_task_id = task.task_id
        self._publish()

    async def _raise_letter_task(self, facts: m.HearingFacts, due: date) -> m.RaisedTask:
        task: m.RaisedTask = await workflow.execute_activity(
            m.RAISE_LETTER_TASK,
            m.LetterTask(
                client_id=facts.client_id,
                due_at=self._calendar.moment(workflow.now()) + timedelta(days=self._state.policy.letter_due_days),
                detail=f"Anhörung {facts.incident_id}: Stellungnahme bis {due:%d.%m.%Y}",
                idempotency_key=self._key("letter"),
            ),
            result_type=m.RaisedTask,
            start_to_close_timeout=CALL_TIMEOUT,
            retry_policy=RETRY,
            summary="letter task for the case manager",
        )
        return task

    async def _resolve_household(self) -> None:
        facts = self._state.facts
        resolved: m.ResolvedHousehold = await workflow.execute_activity(
            m.RESOLVE_HOUSEHOLD,
            m.HouseholdOf(client_id=facts.client_id),
            result_type=m.ResolvedHousehold,
            start_to_close_timeout=CALL_TIMEOUT,
            retry_policy=LOOKUP_RETRY,
            summary="the client's household",
        )
        facts.household_id = resolved.household_id
        self._publish()

    async def _household_id(self) -> UUID:
        """Known from the start when staff opened the hearing; else once the lookup has answered."""
        if self._state.facts.household_id is None:  # no wait otherwise: recorded hearings replay unchanged
            await workflow.wait_condition(lambda: self._state.facts.household_id is not None)
        assert self._state.facts.household_id is not None
        return self._state.facts.household_id

    async def _household_known_in_time(self) -> bool:
        """A determination needs the household; waiting for it ends where the six months of § 31b do."""
        if self._state.facts.household_id is not None or not workflow.patched(HOUSEHOLD_BY_DEADLINE):
            return True  # before the patch the wait had no end: recorded hearings replay unchanged
        until = rules.over_at(self._calendar, self._state.determination_deadline)
        known = await self._wait_until(lambda: self._state.facts.household_id is not None, until, "household (§ 31b)")
        if not known:
            self._state.refusal = "household not found within the six months of § 31b Abs. 1 S. 3 SGB II"
        return known

    async def _tell_journey(self) -> None:
        """Opened, then closed (once decided or run out): the journey's `HearingOpen` follows. A journey that has
        ended, or never started, cannot hear it; the hearing goes on all the same."""
        await self._signal_journey(m.HearingNews(incident_id=self._state.facts.incident_id, open=True))
        await workflow.wait_condition(lambda: not self._state.open)
        await self._signal_journey(m.HearingNews(incident_id=self._state.facts.incident_id, open=False))

    async def _signal_journey(self, news: m.HearingNews) -> None:
        journey = workflow.get_external_workflow_handle(f"journey-{self._state.facts.client_id}")
        try:
            await journey.signal(m.JOURNEY_HEARING_SIGNAL, news)
        except FailureError as error:
            workflow.logger.info("the client's journey did not hear hearing %s: %s", news.incident_id, error)

    async def _wait_for_statement(self) -> None:
        until = rules.over_at(self._calendar, min(self._state.statement_due, self._state.determination_deadline))
        if await self._wait_until(lambda: self._state.statement is not None, until, "statement due"):
            return
        if self._state.status is m.Status.AWAITING_STATEMENT:
            self._state.status = m.Status.STATEMENT_OVERDUE
            self._publish()

    async def _wait_for_decision(self) -> bool:
        until = rules.over_at(self._calendar, self._state.determination_deadline)
        return await self._wait_until(lambda: self._state.decision is not None, until, "six months (§ 31b)")

    async def _wait_until(self, condition: Callable[[], bool], until: datetime, summary: str) -> bool:
        timeout = until - workflow.now()
        if condition():
            return True
        if timeout <= timedelta(0):
            return False
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(condition, timeout=timeout, timeout_summary=summary)
        return bool(condition())

    async def _carry_out(self, decision: m.Decision) -> None:
        if decision.outcome is not m.Outcome.REDUCTION:
            self._settle(m.Status.CLOSED_NO_REDUCTION)
            return
        if not await self._household_known_in_time():
            self._settle(m.Status.TOO_LATE)
            return
        try:
            reduction = await self._determine(decision)
        except ActivityError as error:
            self._state.refusal = _reason(error)
            self._settle(m.Status.REFUSED_BY_BENEFITS)
            return
        self._state.reduction = m.ReductionApplied(
            reduction_id=reduction.reduction_id,
            consequence=reduction.consequence,
            first_month=reduction.first_month,
            change_months=reduction.change_months,
        )
        if reduction.consequence == "no_reduction":
            self._settle(m.Status.CLOSED_NO_REDUCTION)
            return
        self._settle(m.Status.REDUCING)
        await self._decide_months(decision.decided_by)
        self._settle(m.Status.CLOSED_REDUCED)

    async def _determine(self, decision: m.Decision) -> m.DeterminedReduction:
        facts = self._state.facts
        assert decision.decided_on is not None
        result: m.DeterminedReduction = await workflow.execute_activity(
            m.DETERMINE_REDUCTION,
            m.DetermineReduction(
                household_id=await self._household_id(),
                client_id=facts.client_id,
                incident=facts.kind,
                occurred_on=facts.occurred_on,
                determined_on=decision.decided_on,
                consecutive_misses=facts.consecutive_misses,
                determined_by=decision.decided_by,
                sperrzeit_from=facts.sperrzeit_from,
                idempotency_key=self._key("reduction"),
            ),
            result_type=m.DeterminedReduction,
            start_to_close_timeout=CALL_TIMEOUT,
            retry_policy=RETRY,
            summary="determine the reduction in benefits",
        )
        return result

    async def _decide_months(self, decided_by: str) -> None:
        reduction = self._state.reduction
        assert reduction is not None
        for month in rules.months_to_decide(reduction.first_month, reduction.change_months):
            at = self._calendar.worker_moment(rules.decide_month_at(month, self._state.policy.month_lead_days))
            wait = at - workflow.now()
            if wait > timedelta(0):
                await workflow.sleep(wait, summary=f"until {month:%Y-%m} is decided")
            decided: m.DecidedMonth = await workflow.execute_activity(
                m.DECIDE_REDUCED_MONTH,
                m.DecideMonth(
                    household_id=await self._household_id(),
                    reduction_id=reduction.reduction_id,
                    month=month,
                    decided_by=decided_by,
                    idempotency_key=self._key(f"month/{month:%Y-%m}"),
                ),
                result_type=m.DecidedMonth,
                start_to_close_timeout=CALL_TIMEOUT,
                retry_policy=RETRY,
                summary=f"decide {month:%Y-%m}",
            )
            reduction.months_decided.append(month)
            reduction.month_decisions.append(decided.decision_id)
            self._publish()

    # --- what operators and staff see -----------------------------------------------------

    def _settle(self, status: m.Status) -> None:
        self._state.status = status
        self._publish()

    def _publish(self) -> None:
        workflow.upsert_search_attributes(
            [OFFICE.value_set(self._state.facts.office_id), HEARING_OPEN.value_set(self._state.open)]
        )
        workflow.set_current_details(details(self._state))

    def _key(self, step: str) -> str:
        """The same step of the same hearing → the same key, whatever the attempt."""
        info = workflow.info()
        return f"{info.workflow_id}/{info.first_execution_run_id}/{step}"


def _refuse(check: Callable[[], None]) -> None:
    try:
        check()
    except rules.Refused as refused:
        raise ApplicationError(
            refused.reason,
            {"field": refused.field, "reason": refused.reason},
            type="rejected_409" if refused.conflict else "rejected_422",
            non_retryable=True,
        ) from None


def _reason(error: ActivityError) -> str:
    cause = error.cause
    return cause.message if isinstance(cause, ApplicationError) else str(error)
