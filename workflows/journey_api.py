"""The journeys API (served by the worker process): staff read a journey and send it requests; with it the
hearings API (hearings_api.py) and the payment runs API (payment_runs_api.py).

GET /journeys and GET /journeys/count list and count journeys from Temporal visibility (journey_lists.py).
GET /journeys/{client_id} is the journey's `view` query (state, history, deadlines);
POST /journeys/{client_id}/exit and PUT /journeys/{client_id}/case-worker are Temporal
updates whose validators refuse before anything is written: refusals become 409/422
problem details, as do coaching's answers to a change of case worker. Ids and reasons are
checked as coaching checks them (422 naming the field) before a request reaches Temporal.
Case managers act for the offices in their token (checked against the journey's office);
operators for all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response
from temporalio.client import (
    Client,
    WorkflowQueryFailedError,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
    WorkflowUpdateStage,
)
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import Conflict, NotFound, NotPermitted, RuleViolation
from services.platform.http.guards import install_http_guards
from services.platform.http.problem_responses import SERVICE_PROBLEMS, problem_responses
from services.platform.service_app import TokenVerifier
from workflows.bridge import journey_id
from workflows.hearings_api import Hearings
from workflows.hearings_api import router as hearings_router
from workflows.journey.messages import CaseWorkerChange, ExitRequest, JourneyView
from workflows.journey.state import JourneyState
from workflows.journey_lists import JourneyLists, JourneyStaff
from workflows.journey_lists import router as lists_router
from workflows.payment_runs_api import PaymentRuns
from workflows.payment_runs_api import router as payment_runs_router
from workflows.settings import TASK_QUEUE

router = APIRouter(prefix="/journeys", tags=["journeys"])
T = TypeVar("T")


class Journeys:
    """The journeys as Temporal holds them, seen through queries and updates."""

    def __init__(self, client: Client, exit_wait_seconds: float = 10.0) -> None:
        self._client = client
        self._exit_wait = timedelta(seconds=exit_wait_seconds)

    async def view(self, client_id: UUID) -> JourneyView:
        handle = self._client.get_workflow_handle(journey_id(client_id))
        return await _translated(client_id, lambda: handle.query("view", result_type=JourneyView))

    async def exit(self, client_id: UUID, request: ExitRequest) -> tuple[bool, JourneyState]:
        """(True, closed state) once the case is closed; (False, state) if closing takes longer."""
        handle = self._client.get_workflow_handle(journey_id(client_id))
        update = await _translated(
            client_id,
            lambda: handle.start_update(
                "exit", request, wait_for_stage=WorkflowUpdateStage.ACCEPTED, result_type=JourneyState
            ),
        )
        try:  # a refusal by the validator surfaces here, with the update's outcome
            return True, await _translated(client_id, lambda: update.result(rpc_timeout=self._exit_wait))
        except WorkflowUpdateRPCTimeoutOrCancelledError:
            return False, (await self.view(client_id)).state

    async def change_case_worker(self, client_id: UUID, change: CaseWorkerChange) -> JourneyState:
        handle = self._client.get_workflow_handle(journey_id(client_id))
        return await _translated(
            client_id, lambda: handle.execute_update("change_case_manager", change, result_type=JourneyState)
        )


async def _translated(client_id: UUID, call: Callable[[], Awaitable[T]]) -> T:
    """Temporal's answers as the platform's errors (and so as problem details)."""
    try:
        return await call()
    except WorkflowUpdateFailedError as error:
        raise _refusal(error.cause) from error
    except WorkflowQueryFailedError as error:
        raise HTTPException(503, "the journey did not answer its query") from error
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            raise NotFound("journey of client", client_id) from error
        if error.status is RPCStatusCode.FAILED_PRECONDITION:
            raise Conflict(f"the journey of client {client_id} has ended") from error
        raise HTTPException(503, f"Temporal did not answer: {error.message}") from error


def _refusal(cause: BaseException | None) -> Exception:
    if not isinstance(cause, ApplicationError):
        return HTTPException(503, f"the journey did not answer: {cause}")
    detail = cause.details[0] if cause.details else None
    match cause.type:
        case "rejected_409" | "http_409":
            return Conflict(cause.message if cause.type == "rejected_409" else _problem_detail(detail, cause.message))
        case "rejected_422":
            return RuleViolation(*_field_reason(detail, cause.message))
        case "http_422":
            return RuleViolation(*_coaching_field_reason(detail, cause.message))
        case _:
            return HTTPException(502, f"coaching refused the journey's request: {cause.message}")


def _field_reason(detail: Any, fallback: str) -> tuple[str, str]:
    if isinstance(detail, dict) and "field" in detail:
        return str(detail["field"]), str(detail.get("reason", fallback))
    return "body", fallback


def _coaching_field_reason(problem: Any, fallback: str) -> tuple[str, str]:
    errors = problem.get("errors") if isinstance(problem, dict) else None
    if errors:
        return _field_reason(errors[0], fallback)
    return "case_worker_id", _problem_detail(problem, fallback)


def _problem_detail(problem: Any, fallback: str) -> str:
    return str(problem.get("detail") or problem.get("title") or fallback) if isinstance(problem, dict) else fallback


def authorise(user: StaffUser, office_id: str | None) -> None:
    if Role.OPERATOR in user.roles:
        return
    if office_id is None:
        raise NotPermitted("the journey names no office yet: only operators may act on it")
    user.require_office(office_id)


async def open_journey(journeys: Journeys, client_id: UUID, user: StaffUser) -> JourneyState:
    """The journey the user may act on; 409 once it has closed (its workflow takes no more requests)."""
    state = (await journeys.view(client_id)).state
    authorise(user, state.office_id)
    if state.closed:
        raise Conflict(f"the journey of client {client_id} is closed ({state.closed_reason})")
    return state


def get_journeys(request: Request) -> Journeys:
    journeys: Journeys = request.app.state.journeys
    return journeys


JourneysDep = Annotated[Journeys, Depends(get_journeys)]


@router.get("/{client_id}", response_model=JourneyView, summary="A client's journey: state, history, deadlines")
async def get_journey(client_id: UUID, journeys: JourneysDep, user: JourneyStaff) -> JourneyView:
    view = await journeys.view(client_id)
    authorise(user, view.state.office_id)
    return view


@router.post(
    "/{client_id}/exit",
    response_model=JourneyState,
    summary="The client leaves: close the journey",
    responses={202: {"description": "exit accepted; the case is still being closed"}},
)
async def exit_journey(
    client_id: UUID, body: ExitRequest, journeys: JourneysDep, user: JourneyStaff, response: Response
) -> JourneyState:
    """Reasons: moved_away, withdrew, retirement_age. 409 when the journey is closed or closing."""
    await open_journey(journeys, client_id, user)
    done, state = await journeys.exit(client_id, body)
    response.status_code = 200 if done else 202
    return state


@router.put("/{client_id}/case-worker", response_model=JourneyState, summary="Hand the case to another case manager")
async def change_case_worker(
    client_id: UUID, body: CaseWorkerChange, journeys: JourneysDep, user: JourneyStaff
) -> JourneyState:
    """409 unless the journey is in coaching, job_search or employed; 422 for the same person or when coaching
    refuses the case worker (unknown, other office, not a case manager); 409 when they are over capacity."""
    await open_journey(journeys, client_id, user)
    return await journeys.change_case_worker(client_id, body)


async def health() -> dict[str, str]:
    return {"status": "ok"}


def create_app(
    client: Client,
    public_key: bytes,
    issuer: str,
    audience: str,
    exit_wait_seconds: float = 10.0,
    temporal_ui_url: str | None = None,
    task_queue: str = TASK_QUEUE,
    payment_runs: PaymentRuns | None = None,
) -> FastAPI:
    app = FastAPI(
        title="Lotse journeys",
        version="1",
        openapi_tags=[
            {
                "name": "journeys",
                "description": "Client journeys (Temporal workflows): lists and counts, state, exit, case worker",
            },
            {"name": "hearings", "description": "Hearings before a reduction (§ 24 SGB X, §§ 31–32 SGB II)"},
            {"name": "payments", "description": "The monthly payment run (Temporal): start a month's run, watch it"},
        ],
        description="A client's journey from registration to sustained employment, and the requests staff send it.",
    )
    app.state.journeys = Journeys(client, exit_wait_seconds)
    app.state.journey_lists = JourneyLists(client, temporal_ui_url)
    app.state.hearings = Hearings(client, task_queue)
    app.state.payment_runs = payment_runs or PaymentRuns(client)
    app.state.token_verifier = TokenVerifier(public_key, issuer, audience)
    install_http_guards(app)
    app.add_api_route("/health", health, methods=["GET"], tags=["operations"])
    # The lists first: `/journeys/count` is no client id.
    app.include_router(lists_router, responses=problem_responses(*SERVICE_PROBLEMS, 502))
    app.include_router(router, responses=problem_responses(*SERVICE_PROBLEMS, 502))
    app.include_router(hearings_router, responses=problem_responses(*SERVICE_PROBLEMS, 502))
    app.include_router(payment_runs_router, responses=problem_responses(*SERVICE_PROBLEMS, 502))
    return app
