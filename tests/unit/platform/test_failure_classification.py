"""Which failures the relay and the consumers wait out (retried, not committed) and which are dead-lettered."""

from __future__ import annotations

from aiokafka.errors import (
    KafkaConnectionError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
    TopicAuthorizationFailedError,
)
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from contracts.envelope import InvalidEnvelope
from contracts.events import ClientRegisteredV1
from services.platform.failures import is_transient


def test_a_database_or_broker_outage_is_transient_and_retried():
    assert is_transient(OperationalError("SELECT 1", {}, ConnectionRefusedError("db down")))
    assert is_transient(KafkaConnectionError())
    assert is_transient(ConnectionResetError())


class DriverError(Exception):
    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def test_postgresql_shutting_down_or_starting_up_is_transient_though_the_driver_raises_a_plain_dbapi_error():
    assert is_transient(DBAPIError("SELECT 1", {}, DriverError("the database system is shutting down", "57P03")))
    assert is_transient(DBAPIError("SELECT 1", {}, DriverError("terminating connection", "57P01")))
    assert is_transient(DBAPIError("SELECT 1", {}, DriverError("connection failure", "08006")))
    assert not is_transient(DBAPIError("SELECT 1", {}, DriverError("division by zero", "22012")))
    assert not is_transient(DBAPIError("SELECT 1", {}, Exception("no state")))


def test_invalid_events_and_rule_breaks_are_poison_and_dead_lettered():
    try:
        ClientRegisteredV1.model_validate({"office_id": 1})
    except ValidationError as exc:
        validation = exc
    assert not is_transient(validation)
    assert not is_transient(InvalidEnvelope("unknown event type"))
    assert not is_transient(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_transient(KeyError("missing"))


def test_kafka_errors_that_heal_by_waiting_are_transient_and_those_that_never_heal_are_not():
    assert is_transient(KafkaTimeoutError())
    assert is_transient(NotLeaderForPartitionError())
    assert not is_transient(MessageSizeTooLargeError())
    assert not is_transient(TopicAuthorizationFailedError())
