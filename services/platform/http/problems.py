"""Errors as RFC 9457 problem details that name the field and the reason."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from starlette.exceptions import HTTPException

from services.platform.errors import Conflict, NotFound, NotPermitted, RuleViolation
from services.platform.failures import is_transient

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 2  # a locked SQLite file or a PostgreSQL restart is usually over within seconds


def problem(status: int, title: str, detail: str | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, **extra}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc if part != "body") or "body"


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field(tuple(e["loc"])), "reason": e["msg"]} for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
    return problem(422, "Invalid request", detail, errors=errors)


async def _rule(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RuleViolation)
    return problem(422, "Invalid request", str(exc), errors=[{"field": exc.field, "reason": exc.reason}])


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    response = problem(exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _not_found(_: Request, exc: Exception) -> JSONResponse:
    return problem(404, "Not found", str(exc))


async def _forbidden(_: Request, exc: Exception) -> JSONResponse:
    return problem(403, "Forbidden", str(exc))


async def _conflict(_: Request, exc: Exception) -> JSONResponse:
    return problem(409, "Conflict", str(exc))


async def _concurrent_write(_: Request, exc: Exception) -> JSONResponse:
    # A unique constraint refused the write: someone changed the same thing at the same moment.
    return problem(409, "Conflict", "changed concurrently by another request; read it again and retry")


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")


async def _data_exception(_: Request, exc: Exception) -> JSONResponse:
    # Defence in depth behind the field types: a value the database refuses as data (SQLSTATE class 22, e.g.
    # 22021 for a NUL byte in text on PostgreSQL) is the caller's input, not a fault of ours. asyncpg's
    # errors reach SQLAlchemy as a plain DBAPIError carrying the SQLSTATE, hence the check on both.
    assert isinstance(exc, DBAPIError)
    if isinstance(exc, DataError) or _sqlstate(exc).startswith("22"):
        return problem(422, "Invalid request", "a value in the request cannot be stored or compared by the database")
    if is_transient(exc):
        # The database did not answer in time (a SQLite file locked past its busy timeout under load, a
        # PostgreSQL restart): the transaction was rolled back, nothing changed, the same request can be sent
        # again. One classification for requests, the relay and the consumers (`platform/failures.py`).
        response = problem(503, "Service unavailable", "the database did not answer in time; nothing was changed")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    raise exc


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(RuleViolation, _rule)
    app.add_exception_handler(NotPermitted, _forbidden)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(Conflict, _conflict)
    app.add_exception_handler(IntegrityError, _concurrent_write)
    app.add_exception_handler(DBAPIError, _data_exception)
