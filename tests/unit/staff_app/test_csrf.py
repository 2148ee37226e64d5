"""The CSRF check of every form: the session's token as a form field or htmx's header, nothing else."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi import HTTPException
from starlette.requests import Request

from staff_app.csrf import check_csrf
from staff_app.sessions import Session


def posted(form: dict[str, str], headers: dict[str, str] | None = None) -> Request:
    body = urlencode(form).encode()
    raw_headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": "POST", "path": "/", "headers": raw_headers, "query_string": b""}
    return Request(scope, receive)


async def test_a_form_with_the_sessions_token_passes():
    session = Session.begin(idle_until=0)
    await check_csrf(posted({"csrf_token": session.csrf_token}), session)


async def test_htmx_may_send_the_token_as_a_header():
    session = Session.begin(idle_until=0)
    await check_csrf(posted({}, {"X-CSRF-Token": session.csrf_token}), session)


@pytest.mark.parametrize("form", [{}, {"csrf_token": ""}, {"csrf_token": "guessed"}])
async def test_a_form_without_the_sessions_token_is_refused_with_403(form):
    session = Session.begin(idle_until=0)
    with pytest.raises(HTTPException) as refused:
        await check_csrf(posted(form), session)
    assert refused.value.status_code == 403


async def test_the_token_of_another_session_is_refused():
    mine, theirs = Session.begin(idle_until=0), Session.begin(idle_until=0)
    with pytest.raises(HTTPException):
        await check_csrf(posted({"csrf_token": theirs.csrf_token}), mine)
