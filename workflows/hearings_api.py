"""The hearings API (served with the journeys API): staff open a hearing, record the statement, decide.

POST /hearings starts `hearing-<incident id>` (USE_EXISTING: the same incident opens one hearing, however
often it is sent); GET /hearings/{incident_id} is its `state` query; POST …/statement and …/decision are
updates whose validators refuse before anything is written (409/422 problem details naming the field).
Case managers and benefits clerks act for the offices in their token; operators may read every hearing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from temporalio.client import Client, WorkflowQueryFailedError, WorkflowUpdateFailedError
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import Conflict, NotFound, RuleViolation
from services.platform.http.fields import OfficeId, StaffDate
from workflows.codec import assign_payloads
from workflows.hearing import kinds
from workflows.hearing.kinds import Duty, IncidentKind
from workflows.hearing.models import (
    Decision,
    HearingFacts,
    HearingPolicy,
    HearingStart,
    HearingState,
    Outcome,
    Statement,
    Status,
)
from workflows.hearing.workflow import Hearing, hearing_id
from workflows.search_attributes import HEARING_OPEN, OFFICE

router = APIRouter(prefix="/hearings", tags=["hearings"])
HearingReader = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.BENEFITS_CLERK, Role.OPERATOR))]
HearingStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.BENEFITS_CLERK))]
T = TypeVar("T")
# A closed workflow takes no update; its state still answers queries, so the refusal is the API's.
CLOSED = frozenset({Status.CLOSED_NO_REDUCTION, Status.CLOSED_REDUCED, Status.REFUSED_BY_BENEFITS, Status.TOO_LATE})


class HearingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    incident_id: UUID = Field(description="the missed appointment's or the recorded breach's id")
    client_id: UUID
    household_id: UUID
    office_id: OfficeId
    kind: IncidentKind
    duty: Duty | None = Field(None, description="for a breach: the duty of § 31 (own_efforts, work, measure, …)")
    sperrzeit_from: StaffDate | None = Field(None, description="a Sperrzeit's first day (§ 31b Abs. 1 S. 2)")
    occurred_on: StaffDate
    notice_given: bool = Field(description="written notice of the consequences was given")
    consecutive_misses: int = Field(1, ge=1, le=99)
    repeated_breach: bool = False
    mental_illness_known: bool = Field(False, description="a flag only, never a diagnosis")
    unable_in_writing: bool = Field(False, description="§ 31a Abs. 2 S. 2: signs the client cannot answer in writing")
    statement_days: int = Field(14, ge=1, le=60, description="the Jobcenter's deadline for the statement")

    def to_start(self, by: StaffUser) -> HearingStart:
        refused = kinds.refusal(self.kind, self.duty, self.sperrzeit_from)
        if refused is not None:
            raise RuleViolation(*refused)
        facts = HearingFacts(**self.model_dump(exclude={"statement_days"}), opened_by=by.staff_id)
        return HearingStart(facts=facts, policy=HearingPolicy(statement_days=self.statement_days))


class StatementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received_on: StaffDate
    personal_hearing_requested: bool = Field(False, description="§ 31a Abs. 2 S. 1: the client asks to be heard")
    mental_illness_known: bool = Field(False, description="§ 31a Abs. 2 S. 2: a flag only, never a diagnosis")
    unable_in_writing: bool = Field(False, description="§ 31a Abs. 2 S. 2: signs the client cannot answer in writing")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome = Field(description="important_reason, hardship (§ 31a Abs. 3) or reduction")


class Hearings:
    def __init__(self, client: Client, task_queue: str) -> None:
        self._client, self._task_queue = client, task_queue

    async def open(self, start: HearingStart) -> HearingState:
        """A running hearing of the incident is used as it is; a closed one is never opened again."""
        incident_id = start.facts.incident_id
        assign_payloads(self._client.data_converter, hearing_id(incident_id), start.facts.client_id)
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                Hearing.run,
                start,
                id=hearing_id(incident_id),
                task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                search_attributes=TypedSearchAttributes(
                    [SearchAttributePair(OFFICE, start.facts.office_id), SearchAttributePair(HEARING_OPEN, True)]
                ),
            )
        return await self.state(incident_id)

    async def state(self, incident_id: UUID) -> HearingState:
        handle = self._client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
        return await _translated(incident_id, lambda: handle.query(Hearing.state))

    async def record_statement(self, incident_id: UUID, statement: Statement) -> HearingState:
        handle = self._client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
        return await _translated(incident_id, lambda: handle.execute_update(Hearing.record_statement, statement))

    async def decide(self, incident_id: UUID, decision: Decision) -> HearingState:
        handle = self._client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
        return await _translated(incident_id, lambda: handle.execute_update(Hearing.decide, decision))


async def _translated(incident_id: UUID, call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except WorkflowUpdateFailedError as error:
        raise _refusal(error.cause) from error
    except WorkflowQueryFailedError as error:
        raise HTTPException(503, "the hearing did not answer its query") from error
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            raise NotFound("hearing of incident", incident_id) from error
        if error.status is RPCStatusCode.FAILED_PRECONDITION:
            raise Conflict(f"the hearing of incident {incident_id} has ended") from error
        raise HTTPException(503, f"Temporal did not answer: {error.message}") from error


def _refusal(cause: BaseException | None) -> Exception:
    if not isinstance(cause, ApplicationError):
        return HTTPException(503, f"the hearing did not answer: {cause}")
    detail: Any = cause.details[0] if cause.details else {}
    if cause.type == "rejected_409":
        return Conflict(cause.message)
    if cause.type == "rejected_422" and isinstance(detail, dict):
        return RuleViolation(str(detail.get("field", "body")), str(detail.get("reason", cause.message)))
    return HTTPException(502, f"the hearing refused: {cause.message}")


def may_read(user: StaffUser, state: HearingState) -> None:
    if Role.OPERATOR not in user.roles:
        user.require_office(state.facts.office_id)


def get_hearings(request: Request) -> Hearings:
    hearings: Hearings = request.app.state.hearings
    return hearings


HearingsDep = Annotated[Hearings, Depends(get_hearings)]


@router.post("", status_code=201, response_model=HearingState, summary="Open the hearing of an incident")
async def open_hearing(body: HearingIn, hearings: HearingsDep, user: HearingStaff) -> HearingState:
    """Idempotent by `incident_id`: a second request answers the running hearing's state."""
    user.require_office(body.office_id)
    state = await hearings.open(body.to_start(user))
    may_read(user, state)
    return state


@router.get("/{incident_id}", response_model=HearingState, summary="A hearing: status, deadlines, decision")
async def get_hearing(incident_id: UUID, hearings: HearingsDep, user: HearingReader) -> HearingState:
    state = await hearings.state(incident_id)
    may_read(user, state)
    return state


@router.post("/{incident_id}/statement", response_model=HearingState, summary="Record the client's statement")
async def record_statement(
    incident_id: UUID, body: StatementIn, hearings: HearingsDep, user: HearingStaff
) -> HearingState:
    state = await hearings.state(incident_id)
    may_read(user, state)
    if state.status in CLOSED:
        raise Conflict(f"the hearing is already {state.status.value}")
    statement = Statement(recorded_by=user.staff_id, **body.model_dump())
    return await hearings.record_statement(incident_id, statement)


@router.post("/{incident_id}/decision", response_model=HearingState, summary="Decide after the hearing")
async def decide(incident_id: UUID, body: DecisionIn, hearings: HearingsDep, user: HearingStaff) -> HearingState:
    """409 while the statement is still due, after six months (§ 31b Abs. 1 S. 3) or once decided; 422 for a
    reduction without notice of the consequences. A reduction answers once benefits has determined it."""
    state = await hearings.state(incident_id)
    may_read(user, state)
    if state.status is Status.TOO_LATE:
        raise Conflict("more than six months after the incident: no determination (§ 31b Abs. 1 S. 3)")
    if state.status in CLOSED:
        raise Conflict(f"the hearing is already {state.status.value}")
    return await hearings.decide(incident_id, Decision(outcome=body.outcome, decided_by=user.staff_id))
