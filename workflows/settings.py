"""Settings of the worker process (Temporal worker + event→signal bridge), `LOTSE_WORKER_*`."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

TASK_QUEUE = "journeys"


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSE_WORKER_", extra="ignore")

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = TASK_QUEUE
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    codec_key_file: Path
    # The worker calls the services' APIs as the `journey_worker` role with tokens it signs itself;
    # in production the identity provider's client-credentials flow replaces this key.
    jwt_signing_key_file: Path
    jwt_issuer: str = "lotse-dev"
    jwt_audience: str = "lotse"
    intake_url: str = "http://127.0.0.1:8001"
    coaching_url: str = "http://127.0.0.1:8002"
    placement_url: str = "http://127.0.0.1:8003"
    benefits_url: str = "http://127.0.0.1:8004"
