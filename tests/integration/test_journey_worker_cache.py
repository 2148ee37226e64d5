"""The journey worker's sticky cache is sized by its settings: an evicted journey is replayed for every query."""

from __future__ import annotations

from pathlib import Path

from workflows.settings import MAX_CACHED_WORKFLOWS, WorkerSettings
from workflows.worker import journey_worker


def cache_size(tmp_path: Path) -> int:
    keys = WorkerSettings(codec_key_file=tmp_path / "codec.key", jwt_signing_key_file=tmp_path / "signing.pem")
    return keys.max_cached_workflows


async def test_a_worker_for_the_whole_district_caches_as_many_journeys_as_its_environment_says(
    journey_client, tmp_path, monkeypatch
):
    monkeypatch.setenv("LOTSE_WORKER_MAX_CACHED_WORKFLOWS", "7000")
    worker = journey_worker(journey_client, "cache-sized", max_cached_workflows=cache_size(tmp_path))
    assert worker.config()["max_cached_workflows"] == 7000


async def test_without_a_setting_the_worker_keeps_the_sdk_default_of_a_thousand(journey_client, tmp_path):
    worker = journey_worker(journey_client, "cache-default", max_cached_workflows=cache_size(tmp_path))
    assert worker.config()["max_cached_workflows"] == MAX_CACHED_WORKFLOWS == 1000
