"""The journey's step for a migrated client (issue #13): carry the legacy record's parts and report them.

One activity, `carry_migration`: once coaching has the case (a 404 is retried for a while: consumer lag; then
the obstacles are refused as "no case"), it reads the record's obstacles from intake (opened from their seal, audited
there), hands them to coaching, which keeps them sealed under its own person key until the first plan, reads
what coaching took over (case manager, appointments, obstacles) and writes each part's outcome back into
intake's import report. Then the benefits household of the record (`household` part): read from intake (opened from
its seal, audited), entered at benefits by `PUT /households/{id}` as a clerk enters it — benefits decides it (a
grant) or refuses it with its 422 reasons (field and rule text; benefits' problem texts name no member).
The obstacles, the household and the reasons pass between the services inside this activity only: its
input and result are ids and outcomes, so nothing of them reaches Temporal's history. Every call is idempotent
(the same key per step, the same answer again changes nothing), so a retried activity doubles nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from temporalio import activity
from temporalio.exceptions import ApplicationError

from workflows.journey import activity_models as m
from workflows.service_client import DEFAULT_RETRYABLE, ServiceClient

# Intake registered the client and coaching has the case by now: a 404 is an answer, not consumer lag.
KNOWN = DEFAULT_RETRYABLE - {404}
REASON_LENGTH, REASONS = 200, 50  # what intake's report takes: characters per reason, reasons per part
# With the journey's backoff (1 s doubling to 1 min) ten attempts wait about eight minutes for coaching's case.
NO_CASE_AFTER_ATTEMPTS = 10
NO_CASE = "Kein Fall im Coaching: die Vermittlungshemmnisse wurden nicht übernommen."
NO_HOUSEHOLD = "Kein Haushalt in der Leistungsberechnung: die Angaben zur Bedarfsgemeinschaft wurden nicht übernommen."


class MigrationActivities:
    def __init__(self, intake: ServiceClient, coaching: ServiceClient, benefits: ServiceClient) -> None:
        self._intake = intake
        self._coaching = coaching
        self._benefits = benefits

    @activity.defn(name=m.CARRY_MIGRATION)
    async def carry_migration(self, req: m.CarryMigration) -> m.MigrationCarried:
        client = req.client_id
        case_found = await self._case_found(client)  # first: each attempt that waits for it reads nothing sealed
        imported = await self._intake.get(f"/imports/records/{client}/obstacles", retryable=KNOWN)
        if not case_found:
            refused = await self._no_case(req, bool(imported["obstacles"]))
            return _with(refused, await self._household(req))
        if imported["obstacles"]:
            await self._coaching.send(
                "PUT",
                f"/cases/{client}/migration/obstacles",
                {"obstacles": imported["obstacles"]},
                idempotency_key=f"{req.idempotency_key}/obstacles",
            )
        parts = await self._takeover(client)
        for part in parts:
            body = {"outcome": part["outcome"], "reasons": [_short(r) for r in part["reasons"][:REASONS]]}
            await self._intake.send(
                "PUT",
                f"/imports/records/{client}/downstream/{part['part']}",
                body,
                idempotency_key=f"{req.idempotency_key}/{part['part']}",
                retryable=KNOWN,
            )
        carried = [m.CarriedPart(part=p["part"], outcome=p["outcome"]) for p in parts]
        return _with(m.MigrationCarried(client_id=client, parts=carried), await self._household(req))

    async def _household(self, req: m.CarryMigration) -> m.CarriedPart | None:
        """Enters the imported household at benefits and reports the outcome; None when none was imported."""
        imported = await self._intake.get(f"/imports/records/{req.client_id}/household", retryable=KNOWN)
        if imported["household"] is None:
            return None
        outcome, reasons = await self._enter_household(imported["household_id"], imported["household"], req)
        await self._intake.send(
            "PUT",
            f"/imports/records/{req.client_id}/downstream/household",
            {"outcome": outcome, "reasons": [_short(r) for r in reasons[:REASONS]]},
            idempotency_key=f"{req.idempotency_key}/household",
            retryable=KNOWN,
        )
        return m.CarriedPart(part="household", outcome=outcome)

    async def _enter_household(
        self, household_id: str, body: dict[str, Any], req: m.CarryMigration
    ) -> tuple[Literal["carried", "refused"], list[str]]:
        """Benefits' answer: entered (decided, or kept until its rule tables have the month's figures: still
        entered), or refused with its reasons. A 404 is consumer lag (benefits has not yet seen the household's
        registration) for as long as the case's waiting lasts; then the household is refused as not found."""
        patient = not activity.in_activity() or activity.info().attempt < NO_CASE_AFTER_ATTEMPTS
        try:
            await self._benefits.send(
                "PUT",
                f"/households/{household_id}",
                body,
                idempotency_key=f"{req.idempotency_key}/household",
                retryable=DEFAULT_RETRYABLE if patient else KNOWN,
            )
        except ApplicationError as error:
            problem = error.details[0] if error.details else {}
            if error.type == "http_422" and isinstance(problem, dict) and problem.get("kept"):
                return "carried", []
            if error.type == "http_422":
                return "refused", _reasons(problem)
            if error.type == "http_404":
                return "refused", [NO_HOUSEHOLD]
            raise
        return "carried", []

    async def _case_found(self, client: Any) -> bool:
        """A 404 is retried while coaching may still be consuming the registration; after that, there is no case
        (erased, or never opened): an answer for the report, not a reason to retry for ever."""
        patient = not activity.in_activity() or activity.info().attempt < NO_CASE_AFTER_ATTEMPTS
        try:
            await self._coaching.get(f"/cases/{client}", retryable=DEFAULT_RETRYABLE if patient else KNOWN)
        except ApplicationError as error:
            if error.type == "http_404":
                return False
            raise
        return True

    async def _no_case(self, req: m.CarryMigration, had_obstacles: bool) -> m.MigrationCarried:
        if not had_obstacles:
            return m.MigrationCarried(client_id=req.client_id, parts=[])
        await self._intake.send(
            "PUT",
            f"/imports/records/{req.client_id}/downstream/obstacles",
            {"outcome": "refused", "reasons": [NO_CASE]},
            idempotency_key=f"{req.idempotency_key}/obstacles",
            retryable=KNOWN,
        )
        refused = m.CarriedPart(part="obstacles", outcome="refused")
        return m.MigrationCarried(client_id=req.client_id, parts=[refused])

    async def _takeover(self, client: Any) -> list[dict[str, Any]]:
        """What coaching took over; nothing when the record named no case manager, appointment or obstacle."""
        try:
            takeover = await self._coaching.get(f"/cases/{client}/migration", retryable=KNOWN)
        except ApplicationError as error:
            if error.type == "http_404":  # a migrated record with nothing for coaching to take over
                return []
            raise
        parts: list[dict[str, Any]] = takeover["parts"]
        return parts

    def all(self) -> list[object]:
        return [self.carry_migration]


def _with(carried: m.MigrationCarried, part: m.CarriedPart | None) -> m.MigrationCarried:
    return carried if part is None else carried.model_copy(update={"parts": [*carried.parts, part]})


def _reasons(problem: Any) -> list[str]:
    """Benefits' 422 as the report's reasons: each field with its rule text (never an input value)."""
    errors = problem.get("errors") if isinstance(problem, dict) else None
    if errors:
        return [f"{e.get('field')}: {e.get('reason')}" for e in errors]
    return [str(problem.get("detail") or "refused") if isinstance(problem, dict) else "refused"]


def _short(reason: str) -> str:
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"
