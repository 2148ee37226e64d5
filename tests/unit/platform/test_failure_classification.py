"""Which consumer failures are retried (not committed) and which are dead-lettered."""

from __future__ import annotations

from aiokafka.errors import KafkaConnectionError
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError

from contracts.envelope import InvalidEnvelope
from contracts.events import ClientRegisteredV1
from services.platform.consumer import is_transient


def test_a_database_or_broker_outage_is_transient_and_retried():
    assert is_transient(OperationalError("SELECT 1", {}, ConnectionRefusedError("db down")))
    assert is_transient(KafkaConnectionError())
    assert is_transient(ConnectionResetError())


def test_invalid_events_and_rule_breaks_are_poison_and_dead_lettered():
    try:
        ClientRegisteredV1.model_validate({"office_id": 1})
    except ValidationError as exc:
        validation = exc
    assert not is_transient(validation)
    assert not is_transient(InvalidEnvelope("unknown event type"))
    assert not is_transient(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_transient(KeyError("missing"))
