"""Journey payloads under per-person keys (crypto-shredding) and the retention rule of the erasure sweep."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from temporalio.api.common.v1 import Payload
from temporalio.converter import ActivitySerializationContext, WorkflowSerializationContext

from workflows.codec import EncryptionCodec
from workflows.erasure.retention import past_retention, retention_cutoff
from workflows.payload_keys import PayloadKeyStore, PayloadsErased, client_of

KEY = bytes(range(32))
PLAIN = Payload(metadata={"encoding": b"json/plain"}, data=b'{"note": "Jens Petersen"}')


def codec_for(store: PayloadKeyStore, workflow_id: str) -> EncryptionCodec:
    return EncryptionCodec(KEY, persons=store).with_context(WorkflowSerializationContext("default", workflow_id))


async def test_a_journey_is_encrypted_with_its_clients_key_and_erasing_it_makes_the_history_undecodable(tmp_path):
    store = PayloadKeyStore(tmp_path, KEY)
    erased, kept = uuid4(), uuid4()
    sealed = (await codec_for(store, f"journey-{erased}").encode([PLAIN]))[0]
    other = (await codec_for(store, f"journey-{kept}").encode([PLAIN]))[0]
    assert sealed.metadata["encryption-key-id"] == f"person/{erased}".encode()
    reader = EncryptionCodec(KEY, persons=store)  # the codec server: no context, the key id says whose
    assert await reader.decode([sealed]) == [PLAIN]

    assert store.erase(erased) is True and store.erase(erased) is False  # again: nothing more to do
    with pytest.raises(PayloadsErased):
        await reader.decode([sealed])
    with pytest.raises(PayloadsErased):  # nor is a new key made for an erased person
        await codec_for(store, f"journey-{erased}").encode([PLAIN])
    assert await reader.decode([other]) == [PLAIN]


async def test_payloads_sealed_before_person_keys_and_other_workflows_use_the_codec_key(tmp_path):
    store = PayloadKeyStore(tmp_path, KEY)
    old = (await EncryptionCodec(KEY).encode([PLAIN]))[0]  # a history recorded before this change
    assert await codec_for(store, f"journey-{uuid4()}").decode([old]) == [PLAIN]
    run = (await codec_for(store, "payments-2026-12").encode([PLAIN]))[0]
    assert run.metadata["encryption-key-id"] == b"lotse-1"
    assert list(tmp_path.iterdir()) == []  # no key made for a workflow that belongs to nobody


def test_only_journey_ids_name_a_client():
    client = uuid4()
    assert client_of(f"journey-{client}") == client
    assert client_of("hearing-123") is None and client_of(None) is None and client_of("journey-not-a-uuid") is None


def test_the_retention_period_runs_ten_years_from_the_closing_of_the_case():
    now = datetime(2036, 3, 1, 2, 30, tzinfo=UTC)
    assert retention_cutoff(now) == datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
    assert past_retention(datetime(2026, 2, 28, tzinfo=UTC), now)
    assert not past_retention(datetime(2026, 3, 1, 3, 0, tzinfo=UTC), now)
    assert retention_cutoff(datetime(2028, 2, 29, tzinfo=UTC), 1) == datetime(2027, 2, 28, tzinfo=UTC)
    with pytest.raises(ValueError):
        retention_cutoff(now, 0)


async def test_a_hearing_assigned_to_its_client_is_under_the_clients_key_and_shredded_with_it(tmp_path):
    """Art. 17 GDPR: a hearing (`hearing-<incident>`) names no client; assigned before its start, it is the client's."""
    store = PayloadKeyStore(tmp_path, KEY)
    client, incident = uuid4(), uuid4()
    store.assign(f"hearing-{incident}", client)
    store.assign(f"hearing-{incident}", uuid4())  # never re-assigned: its payloads exist under the first key
    assert store.owner(f"hearing-{incident}") == client and store.owner(f"hearing-{uuid4()}") is None
    activity = EncryptionCodec(KEY, persons=store).with_context(
        ActivitySerializationContext("default", "1", "send_letter", "hearings", f"hearing-{incident}", "Hearing", False)
    )
    sealed = [*(await codec_for(store, f"hearing-{incident}").encode([PLAIN])), *(await activity.encode([PLAIN]))]
    assert {p.metadata["encryption-key-id"] for p in sealed} == {f"person/{client}".encode()}
    journey = (await codec_for(store, f"journey-{client}").encode([PLAIN]))[0]
    store.erase(client)
    reader = EncryptionCodec(KEY, persons=store)
    for payload in (*sealed, journey):
        with pytest.raises(PayloadsErased):
            await reader.decode([payload])
    with pytest.raises(ValueError):
        store.assign("../journey", client)
