"""`Idempotency-Key` on state-changing POSTs: the stored reply is part of the same transaction.

A retried request with the same key, target and body gets the first reply again and
changes nothing; the same key with a different body or for another resource (method and
path) is refused (422). The stored hash of the request is keyed (`request_hash.py`). Keys and their
replies are deleted after `idempotency_retention_hours` (by the outbox relay's housekeeping); a retry
after that runs the request again.

Stored replies are sealed with the service's key ring (`sealed:` + the sealed value, bound to the key and
principal): a reply often names the person (a registration's holds the name). Erasure opens them to drop every
reply naming the erased client (`forget_replies_naming`). Replies stored before this are in clear, read as
they are, and expire with the retention.

The reply is shaped by the matched route's `response_model`, as FastAPI does for routes that return
a model: fields the model does not declare (a special-category field on the use case's result) are
left out, and a result that breaks the model is a bug — logged, answered with 500, nothing committed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated, Any
from uuid import UUID

from fastapi import Header, Request, Response
from fastapi.exceptions import ResponseValidationError
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.http.request_hash import RequestHasher
from services.platform.plumbing_tables import PlumbingTables
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.unit_of_work import Transaction, UnitOfWork

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="Client-chosen key; a retry with the same key returns the first result",
    ),
]
UseCase = Callable[[Transaction], Awaitable[BaseModel]]
SEALED = b"sealed:"
REPLY_FIELD = "idempotency_keys.response_body"  # the associated data of a sealed reply
_request_target: ContextVar[str] = ContextVar("idempotency_request_target", default="")
_response_model: ContextVar[Any] = ContextVar("idempotency_response_model", default=None)


async def remember_request_target(request: Request) -> None:
    """App-wide dependency: the key is bound to the resource it was used on, not only to the body;
    the reply is shaped by the response model of the route that matched."""
    _request_target.set(f"{request.method} {request.url.path}")
    _response_model.set(getattr(request.scope.get("route"), "response_model", None))


@lru_cache(maxsize=512)
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def reply_body(result: BaseModel) -> bytes:
    """The JSON the route declares: `result` validated by the route's response model, extra fields dropped."""
    model = _response_model.get()
    if model is None:
        return result.model_dump_json().encode()
    adapter = _adapter(model)
    content = result.model_dump(by_alias=True)
    try:
        value = adapter.validate_python(content)
    except ValidationError as exc:
        # Without the input: the log must not receive the personal data the reply was about to carry.
        raise ResponseValidationError(exc.errors(include_url=False, include_input=False)) from None
    return adapter.dump_json(value, by_alias=True)


class IdempotentExecutor:
    def __init__(self, uow: UnitOfWork, tables: PlumbingTables, hasher: RequestHasher) -> None:
        self._uow = uow
        self._table = tables.idempotency_keys
        self._hasher = hasher
        self._cipher = FieldCipher(hasher.ring)

    async def run(
        self, key: str | None, user: StaffUser, request: BaseModel | None, use_case: UseCase, status_code: int = 201
    ) -> Response:
        payload = f"{_request_target.get()}\n{request.model_dump_json() if request else ''}".encode()
        try:
            return await self._run_once(key, user.staff_id, payload, use_case, status_code)
        except IntegrityError:
            if key is None:
                raise
            # A concurrent request with the same key won the race: answer as it did.
            async with self._uow.transaction() as tx:
                stored = await self._stored(tx, key, user.staff_id, payload)
            if stored is None:
                raise
            return stored

    async def _run_once(
        self, key: str | None, principal: str, payload: bytes, use_case: UseCase, status_code: int
    ) -> Response:
        async with self._uow.transaction() as tx:
            if key is not None and (stored := await self._stored(tx, key, principal, payload)) is not None:
                return stored
            body = reply_body(await use_case(tx))  # before the commit: a reply that breaks its model rolls back
            if key is not None:
                await tx.session.execute(
                    self._table.insert().values(
                        key=key,
                        principal=principal,
                        request_hash=self._hasher.digest(payload),
                        status_code=status_code,
                        response_body=self._sealed(body, key, principal),
                        created_at=datetime.now(UTC),
                    )
                )
        return Response(body, status_code=status_code, media_type="application/json")

    async def _stored(self, tx: Transaction, key: str, principal: str, payload: bytes) -> Response | None:
        row = (
            (
                await tx.session.execute(
                    select(self._table).where(self._table.c.key == key, self._table.c.principal == principal)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        if not self._hasher.matches(payload, row["request_hash"]):
            raise RuleViolation("Idempotency-Key", "already used for a different request")
        return Response(
            self._opened(row["response_body"], key, principal),
            status_code=row["status_code"],
            media_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )

    async def forget_replies_naming(self, session: AsyncSession, client_id: UUID) -> int:
        """Erasure: every stored reply that names the client goes; how many."""
        needle, table = str(client_id).encode(), self._table
        rows = (await session.execute(select(table.c.key, table.c.principal, table.c.response_body))).all()
        named = [(key, who) for key, who, body in rows if needle in self._opened(body, key, who)]
        for key, who in named:
            await session.execute(delete(table).where(table.c.key == key, table.c.principal == who))
        return len(named)

    def _sealed(self, body: bytes, key: str, principal: str) -> bytes:
        return SEALED + self._cipher.seal(body, field_context(REPLY_FIELD, f"{principal}/{key}")).encode()

    def _opened(self, stored: bytes, key: str, principal: str) -> bytes:
        if not stored.startswith(SEALED):
            return stored  # stored in clear before replies were sealed
        return self._cipher.open(stored[len(SEALED) :].decode(), field_context(REPLY_FIELD, f"{principal}/{key}"))
