"""What every Lotse HTTP app installs: problem details, unexpected errors as 500s, a body size limit."""

from __future__ import annotations

from fastapi import FastAPI

from services.platform.http.limits import DEFAULT_MAX_BODY_BYTES, install_body_limit
from services.platform.http.problem_responses import document_problems
from services.platform.http.problems import install_problem_handlers
from services.platform.http.server_errors import install_unexpected_errors


def install_http_guards(app: FastAPI, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
    install_problem_handlers(app)
    document_problems(app)
    install_unexpected_errors(app)
    install_body_limit(app, max_body_bytes)  # added last, so outermost: an oversized body meets nothing else
