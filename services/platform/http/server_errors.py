"""An unexpected error answers 500 problem details, is logged with its traceback, and the connection lives on.

Starlette's outermost `ServerErrorMiddleware` sends its 500 and then re-raises the exception to the
server, so that the server logs it. uvicorn takes an exception after a response has started for a
broken response and closes the connection: the client's next request on the same keep-alive
connection is reset. This middleware sits inside `ServerErrorMiddleware` and ends the exception
here instead; only a response that broke off half-way still closes the connection (nothing else
can end it).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.platform.http.problems import problem

log = logging.getLogger(__name__)


class UnexpectedErrors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = completed = False

        async def watching_send(message: Message) -> None:
            nonlocal started, completed
            started = started or message["type"] == "http.response.start"
            completed = completed or (message["type"] == "http.response.body" and not message.get("more_body"))
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if started and not completed:
                raise
            if not started:
                response = problem(500, "Internal server error", "an unexpected error; it has been logged")
                await response(scope, receive, send)


def install_unexpected_errors(app: FastAPI) -> None:
    app.add_middleware(UnexpectedErrors)
