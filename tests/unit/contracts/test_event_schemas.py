"""The event contract: committed JSON Schemas, backward compatibility, CloudEvents envelope."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from contracts import schema_registry
from contracts.envelope import Envelope, InvalidEnvelope, from_record, to_record
from contracts.events import EVENT_TYPES, ClientRegisteredV1


def test_every_event_model_still_accepts_what_its_committed_schema_promised():
    committed = schema_registry.committed()
    for name, schema in schema_registry.generate().items():
        assert name in committed, f"{name} has no committed schema: run `make schemas`"
        assert schema_registry.breaking_changes(committed[name], schema) == [], name


def test_the_committed_schemas_are_the_generated_ones():
    assert schema_registry.committed() == schema_registry.generate(), "run `make schemas` and commit the result"


def test_every_event_type_is_versioned():
    assert all(name.endswith(".v1") and cls.type == name for name, cls in EVENT_TYPES.items())


@pytest.fixture
def schema():
    return copy.deepcopy(schema_registry.generate()[ClientRegisteredV1.type])


def test_removing_a_field_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    del changed["properties"]["office_id"]
    assert schema_registry.breaking_changes(schema, changed) == ["field 'office_id' was removed"]


def test_changing_a_fields_type_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["office_id"] = {"type": "integer"}
    assert schema_registry.breaking_changes(schema, changed) == ["field 'office_id' changed type"]


def test_a_new_required_field_is_a_breaking_change_and_a_new_optional_one_is_not(schema):
    optional = copy.deepcopy(schema)
    optional["properties"]["programme"] = {"type": "string"}
    assert schema_registry.breaking_changes(schema, optional) == []
    required = copy.deepcopy(optional)
    required["required"].append("programme")
    assert schema_registry.breaking_changes(schema, required) == ["field 'programme' became required"]


def registration() -> Envelope:
    event = ClientRegisteredV1(client_id=uuid4(), household_id=uuid4(), office_id="plon",
                               target_groups=["single_parent"], registered_at=datetime.now(UTC))
    return Envelope(id=uuid4(), source="/lotse/intake", time=datetime.now(UTC), data=event)


def test_an_event_travels_as_a_binary_mode_cloudevent_keyed_by_the_client():
    envelope = registration()
    record = to_record(envelope)
    headers = dict(record.headers)
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"de.lotse.intake.client_registered.v1"
    assert headers["ce_id"] == str(envelope.id).encode()
    assert headers["content-type"] == b"application/json"
    assert record.key == str(envelope.data.client_id).encode()  # type: ignore[attr-defined]
    assert from_record(record.key, record.headers, record.value) == envelope


def test_a_record_of_an_unknown_type_is_invalid_with_the_reason():
    record = to_record(registration())
    headers = [(k, b"de.lotse.unknown.v1" if k == "ce_type" else v) for k, v in record.headers]
    with pytest.raises(InvalidEnvelope, match="unknown event type"):
        from_record(record.key, headers, record.value)


def test_events_carry_no_personal_fields():
    personal = {"name", "given_name", "family_name", "birth_date", "address", "postcode", "health"}
    for name, schema in schema_registry.generate().items():
        assert personal.isdisjoint(schema["properties"]), name
