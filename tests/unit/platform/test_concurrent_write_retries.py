"""A consumer's handler that clashes with a concurrent writer is applied again, not dead-lettered at once."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy.exc import IntegrityError

from contracts.envelope import Envelope
from contracts.events import ClientRegisteredV1
from services.platform.consumer import CONCURRENT_WRITE_ATTEMPTS, retrying_concurrent_writes

ENVELOPE = Envelope(
    id=uuid4(),
    source="/lotse/test",
    time=datetime.now(UTC),
    data=ClientRegisteredV1(client_id=uuid4(), household_id=uuid4(), office_id="plon", registered_at=datetime.now(UTC)),
)


def clash() -> IntegrityError:
    return IntegrityError("INSERT INTO decisions …", {}, Exception("UNIQUE constraint failed"))


async def test_a_clash_that_clears_is_applied_on_a_later_attempt() -> None:
    calls = 0

    async def handler(_: Envelope) -> None:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise clash()

    await retrying_concurrent_writes(handler, ENVELOPE)
    assert calls == 3


async def test_a_clash_that_persists_is_raised_after_the_last_attempt() -> None:
    calls = 0

    async def handler(_: Envelope) -> None:
        nonlocal calls
        calls += 1
        raise clash()

    with pytest.raises(IntegrityError):
        await retrying_concurrent_writes(handler, ENVELOPE)
    assert calls == CONCURRENT_WRITE_ATTEMPTS
