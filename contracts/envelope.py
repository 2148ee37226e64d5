"""CloudEvents 1.0 over Kafka in binary mode: attributes as `ce_*` headers, data as JSON.

The mapping itself is the CloudEvents SDK's Kafka binding; this module only ties it to
our event models, so every producer and consumer in Lotse shares one envelope.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from contracts.events import Event, event_class

_FORMAT = JSONFormat()
CONTENT_TYPE = "application/json"


class InvalidEnvelope(ValueError):
    """A record that is not a valid Lotse CloudEvent (goes to the dead-letter topic)."""


@dataclass(frozen=True)
class KafkaRecord:
    key: bytes
    headers: list[tuple[str, bytes]]
    value: bytes


@dataclass(frozen=True)
class Envelope:
    id: UUID
    source: str
    time: datetime
    data: Event

    @property
    def type(self) -> str:
        return self.data.type


def to_record(envelope: Envelope) -> KafkaRecord:
    event = CloudEvent(
        attributes={
            "id": str(envelope.id),
            "source": envelope.source,
            "type": envelope.data.type,
            "specversion": "1.0",
            "time": envelope.time,
            "subject": envelope.data.partition_key(),
            "datacontenttype": CONTENT_TYPE,
            "partitionkey": envelope.data.partition_key(),
        },
        data=json.loads(envelope.data.model_dump_json()),
    )
    message = ce_kafka.to_binary(event, _FORMAT)
    key = message.key.encode() if isinstance(message.key, str) else (message.key or b"")
    return KafkaRecord(key=key, headers=list(message.headers.items()), value=message.value)


def from_record(key: bytes | None, headers: list[tuple[str, bytes]], value: bytes) -> Envelope:
    """Parse and validate a record; raises InvalidEnvelope with the reason."""
    try:
        message = ce_kafka.KafkaMessage(headers=dict(headers), key=key, value=value)
        event = ce_kafka.from_binary(message, _FORMAT, CloudEvent)
        model = event_class(event.get_type())
        data = model.model_validate(event.get_data())
        time = event.get_time()
        if time is None:
            raise ValueError("ce_time is missing")
        return Envelope(id=UUID(event.get_id()), source=event.get_source(), time=time, data=data)
    except KeyError as exc:
        raise InvalidEnvelope(f"unknown event type {exc}") from exc
    except Exception as exc:  # the SDK and pydantic raise many kinds; all mean "not a valid event"
        raise InvalidEnvelope(f"{type(exc).__name__}: {exc}") from exc
