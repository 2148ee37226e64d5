"""`lotse-migrate` sends a batch again when intake answers 503 (its database busy), as Retry-After says."""

from __future__ import annotations

import httpx
import pytest

from services.intake.imports.cli import ATTEMPTS, _post


def client(answers: list[httpx.Response], sent: list[bytes]) -> httpx.Client:
    def reply(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return answers.pop(0)

    return httpx.Client(base_url="http://intake", transport=httpx.MockTransport(reply))


def busy() -> httpx.Response:
    return httpx.Response(503, headers={"Retry-After": "3"}, json={"status": 503})


def test_a_busy_answer_is_waited_out_and_the_same_batch_sent_again():
    sent: list[bytes] = []
    waits: list[float] = []
    done = httpx.Response(200, json={"records": [{"outcome": "registered"}]})
    with client([busy(), busy(), done], sent) as http:
        reply = _post(http, {"source": "f.csv records 1-1", "records": [{"legacy_id": "A-1"}]}, sleep=waits.append)
    assert reply.json()["records"] == [{"outcome": "registered"}]
    assert waits == [3.0, 3.0]
    assert len(sent) == 3 and len(set(sent)) == 1  # the very same body each time


def test_it_gives_up_after_the_last_attempt_and_other_errors_are_not_retried():
    sent: list[bytes] = []
    with client([busy() for _ in range(ATTEMPTS)], sent) as http, pytest.raises(httpx.HTTPStatusError):
        _post(http, {"records": []}, sleep=lambda _: None)
    assert len(sent) == ATTEMPTS
    sent.clear()
    with client([httpx.Response(422, json={})], sent) as http, pytest.raises(httpx.HTTPStatusError):
        _post(http, {"records": []}, sleep=lambda _: None)
    assert len(sent) == 1
