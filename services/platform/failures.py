"""Which failures are waited out and which are bugs or poison: one answer for the relay and the consumers.

Transient: the database or the broker cannot be reached right now (refused or dropped
connections, timeouts, a server shutting down or starting up). Retrying the same work later
succeeds once it is back. A Kafka error that will not heal (a record too large, no authorisation)
is not transient: waiting would stall the relay for ever. Everything else — invalid data, a broken
rule, a bug — does not heal by waiting either: a consumer dead-letters the message, the relay's
supervisor logs it and restarts the relay.
"""

from __future__ import annotations

from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,  # the driver's "cannot connect / server going away" class
    InterfaceError,  # the connection under the driver was closed
    KafkaConnectionError,
    KafkaTimeoutError,  # a send that found no broker in time (aiokafka marks it not retriable)
    ConnectionError,
    TimeoutError,
    OSError,
)
# SQLSTATEs that heal by waiting, for drivers that raise them as a plain DBAPIError (asyncpg does):
# connection exceptions (class 08), insufficient resources (53), the server shutting down, crashed or
# still starting (57P01–57P03).
TRANSIENT_SQLSTATES = ("08", "53", "57P01", "57P02", "57P03")


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, KafkaError) and exc.retriable:  # a leader moving, a broker not ready, a request timing out
        return True
    if isinstance(exc, DBAPIError) and (exc.connection_invalidated or _sqlstate(exc).startswith(TRANSIENT_SQLSTATES)):
        return True
    return isinstance(exc, TRANSIENT_ERRORS)


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or "")
