"""The problem answers every route may give, declared once in the OpenAPI documents (RFC 9457 shape).

Routes list only their successes; the problem answers are declared where the routers are included
(`services/platform/service_app.py`, `workflows/journey_api.py`), each as `application/problem+json`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from services.platform.http.problems import PROBLEM_JSON

_REASONS = {
    400: "the body is not readable (malformed JSON)",
    401: "no token, or one that is invalid or expired",
    403: "a role or office the caller does not have",
    404: "the resource does not exist (or not yet)",
    409: "the resource's state forbids the request, or it changed concurrently",
    413: "the body is larger than the service accepts",
    422: "a field is invalid or breaks a rule; `errors` names it",
    502: "a service the request needed refused it",
    503: "a component the request needed did not answer",
}
# What every route of the four services may answer besides its successes.
SERVICE_PROBLEMS = (400, 401, 403, 404, 409, 413, 422, 503)


class FieldProblem(BaseModel):
    field: str = Field(description="the field, dotted (`person.birth_date`; `query.office_id` for a parameter)")
    reason: str


class Problem(BaseModel):
    """Problem details (RFC 9457); some problems add members, e.g. `max_bytes` with a 413."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldProblem] | None = Field(None, description="with a 422: each invalid field and why")


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for `include_router`: each status as a `Problem` in `application/problem+json`."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {s: {"description": _REASONS[s], "content": {PROBLEM_JSON: {"schema": schema}}} for s in statuses}


def document_problems(app: FastAPI) -> None:
    """Adds `Problem` to the document's components: the responses refer to it by `$ref`, as FastAPI's
    `model=` would document it under `application/json` only."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(problem.pop("$defs", {}))
            schemas["Problem"] = problem
            app.openapi_schema = document
        return app.openapi_schema

    setattr(app, "openapi", openapi)  # noqa: B010  (mypy refuses assigning to a method)
