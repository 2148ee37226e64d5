"""The worker's bearer token: signed once and reused, so activity calls do not each load the RSA key."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from services.platform.auth.staff import Role
from services.platform.auth.tokens import generate_key_pair, verify
from workflows import service_client
from workflows.service_client import TOKEN_REUSE_SECONDS, ServiceClient
from workflows.settings import WorkerSettings


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_key_pair(tmp_path / "keys")


def client(private: Path, tmp_path: Path, clock: Callable[[], float] = time.monotonic) -> ServiceClient:
    settings = WorkerSettings(codec_key_file=tmp_path / "codec.key", jwt_signing_key_file=private)
    return ServiceClient("http://coaching.test", settings, clock=clock)


async def test_every_call_within_half_the_lifetime_carries_the_same_verified_worker_token(
    keys: tuple[Path, Path], tmp_path: Path
) -> None:
    private, public = keys
    worker = client(private, tmp_path)
    first, second = worker.token(), worker.token()
    assert first == second
    user = verify(first, public.read_bytes(), "lotse-dev", "lotse")
    assert user.roles == frozenset({Role.JOURNEY_WORKER})
    await worker.aclose()


async def test_a_new_token_is_signed_once_half_its_lifetime_has_passed(
    keys: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now, signed = [1000.0], list[float]()

    def issue(*args: object, **kwargs: object) -> str:
        signed.append(now[0])
        return f"t{len(signed)}"

    monkeypatch.setattr(service_client, "issue", issue)
    worker = client(keys[0], tmp_path, clock=lambda: now[0])
    assert worker.token() == "t1"
    now[0] += TOKEN_REUSE_SECONDS - 1
    assert worker.token() == "t1"
    now[0] += 1
    assert worker.token() == "t2"
    assert signed == [1000.0, 1000.0 + TOKEN_REUSE_SECONDS]
    await worker.aclose()
