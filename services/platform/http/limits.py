"""A ceiling on request bodies: larger ones get 413 problem details and are never parsed.

A pure ASGI middleware, so any ASGI app can use it (the services, the journeys API, the codec
server): `install_body_limit(app, max_bytes)` on a FastAPI app. A declared `Content-Length`
over the limit is refused before the app runs (no route, no token check, no JSON parser sees
it); a body without one (chunked) is counted while the app reads it and refused at the first
byte over the limit.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.platform.http.problems import problem

DEFAULT_MAX_BODY_BYTES = 1024 * 1024


class RequestBodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is larger than {max_bytes} bytes")
        self.max_bytes = max_bytes


def too_large(max_bytes: int) -> Response:
    return problem(413, "Content too large", f"the request body is larger than {max_bytes} bytes", max_bytes=max_bytes)


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await too_large(self.max_bytes)(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise RequestBodyTooLarge(self.max_bytes)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except RequestBodyTooLarge:
            if started:
                raise
            await too_large(self.max_bytes)(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length itself
    return None


async def _body_too_large(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestBodyTooLarge)
    return too_large(exc.max_bytes)


def install_body_limit(app: FastAPI, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
    """Refuse request bodies over `max_bytes` with 413 (problem details) on `app`."""
    app.add_middleware(BodySizeLimit, max_bytes=max_bytes)
    # FastAPI hands an HTTPException raised while reading the body to the app's handlers; this one
    # answers in the same shape as the refusal by Content-Length.
    app.add_exception_handler(RequestBodyTooLarge, _body_too_large)
