"""Settings of the worker process (Temporal worker, event→signal bridge, journeys API), `LOTSE_WORKER_*`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from workflows.journey.policy import JourneyPolicy

TASK_QUEUE = "journeys"
API_PORT = 8005  # deploy/launcher/ports.py JOURNEYS_API
MAX_CACHED_WORKFLOWS = 1000  # the SDK's default


class BridgeSettings(BaseSettings):
    """What the event→signal bridge needs; a bridge-only process (`workflows.bridge_process`) reads just these."""

    model_config = SettingsConfigDict(env_prefix="LOTSE_WORKER_", extra="ignore")

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = TASK_QUEUE
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    codec_key_file: Path
    # Each journey's payloads under a key of its client, kept here (workflows/payload_keys.py), shared with the
    # other workers and the codec server; unset: every payload under the codec key, as before.
    payload_keys_dir: Path | None = None
    # Journeys started by the bridge run on this calendar: unset = real time (a month of 30 days);
    # the demo compresses a month to seconds.
    seconds_per_month: float | None = Field(None, gt=0)
    # Records of one topic handled at the same time by one bridge (different clients; one client's in order).
    bridge_max_in_flight: int = Field(64, ge=1, le=1000)
    # How often finished records are committed; a crash redelivers at most this long's worth (journeys dedup).
    bridge_commit_seconds: float = Field(0.5, gt=0, le=60)

    def journey_policy(self) -> JourneyPolicy:
        return JourneyPolicy.compressed(self.seconds_per_month)


class WorkerSettings(BridgeSettings):
    # The worker calls the services' APIs as the `journey_worker` role with tokens it signs itself;
    # in production the identity provider's client-credentials flow replaces this key.
    jwt_signing_key_file: Path
    jwt_issuer: str = "lotse-dev"
    jwt_audience: str = "lotse"
    intake_url: str = "http://127.0.0.1:8001"
    coaching_url: str = "http://127.0.0.1:8002"
    placement_url: str = "http://127.0.0.1:8003"
    benefits_url: str = "http://127.0.0.1:8004"
    reporting_url: str = "http://127.0.0.1:8006"
    # Erasure after the retention period (workflows/erasure/): years after the case closed.
    retention_years: int = Field(10, ge=1, le=100)
    # False when the bridge runs only in processes of its own (`lotse-stack run --bridges`).
    bridge_in_worker: bool = True
    # The journeys API (staff tokens verified with the identity provider's public key); unset: not served.
    jwt_public_key_file: Path | None = None
    api_host: str = "127.0.0.1"
    api_port: int = API_PORT
    # Where operators open a journey in the Temporal UI (each listed journey links there); unset: no links.
    temporal_ui_url: str | None = None
    # Journeys kept in the worker's sticky cache: a journey evicted from it is replayed from its whole history
    # for its next fact, timer or query (the client file's `GET /journeys/{id}`). About 0.25 MB each; the
    # demo district holds 6,650 journeys, one office about 850.
    max_cached_workflows: int = Field(MAX_CACHED_WORKFLOWS, ge=0)
    api_exit_wait_seconds: float = Field(
        10.0, gt=0, description="how long POST …/exit waits for the case to close before it answers 202"
    )
