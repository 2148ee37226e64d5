"""Settings of the staff app, from `LOTSE_STAFF_APP_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "LOTSE_STAFF_APP_"


class OidcSettings(BaseSettings):
    """The Jobcenter's identity provider (OpenID Connect, authorization-code flow with PKCE)."""

    model_config = SettingsConfigDict(extra="ignore")

    issuer: str = Field(description="the provider's issuer URL; its /.well-known/openid-configuration is read")
    client_id: str
    client_secret: str | None = Field(None, description="null for a public client (PKCE alone)")
    scope: str = "openid profile"
    roles_claim: str = "roles"
    offices_claim: str = "offices"


class StaffAppSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", env_nested_delimiter="__")

    intake_url: str = "http://127.0.0.1:8001"
    coaching_url: str = "http://127.0.0.1:8002"
    placement_url: str = "http://127.0.0.1:8003"
    benefits_url: str = "http://127.0.0.1:8004"
    journeys_url: str = "http://127.0.0.1:8005"
    reporting_url: str = "http://127.0.0.1:8006"
    temporal_ui_url: str = Field("http://127.0.0.1:8233", description="each client file links its journey there")
    temporal_namespace: str = "default"
    dev_keys_dir: Path | None = Field(
        None,
        description="the local signing key of `make run` (as for `lotse-token`): sign-in by choosing a staff "
        "member from the roster. Never set in production; there `oidc` is required",
    )
    oidc: OidcSettings | None = None
    public_url: str = Field("http://127.0.0.1:8010", description="where staff open the app (OIDC redirect, cookies)")
    database_url: str = Field(
        description="the staff app's own database, only its sessions (SQLAlchemy async URL): "
        "sqlite+aiosqlite:///<data dir>/databases/staff_app.db by default (the launcher sets it), "
        "postgresql+asyncpg://… in production; `python -m staff_app.migrate` creates its table"
    )
    session_key_file: Path = Field(
        description="32 random bytes that seal what a stored session holds (its CSRF token, the staff member's "
        "access token, the OIDC state); kept apart from the database, see staff_app/sessions.py"
    )
    idle_timeout_minutes: float = Field(30.0, gt=0, description="a session unused this long is signed out")
    service_timeout_seconds: float = Field(10.0, gt=0)
    htmx_file: Path | None = Field(None, description="htmx.min.js from the npm package htmx.org (set-up installs it)")

    @model_validator(mode="after")
    def _one_way_to_sign_in(self) -> StaffAppSettings:
        if self.dev_keys_dir is None and self.oidc is None:
            raise ValueError("set LOTSE_STAFF_APP_OIDC__* (production) or LOTSE_STAFF_APP_DEV_KEYS_DIR (make run)")
        return self

    @property
    def secure_cookies(self) -> bool:
        """Cookies only over TLS when the app is served over TLS."""
        return self.public_url.startswith("https://")

    def service_urls(self) -> dict[str, str]:
        return {
            "intake": self.intake_url,
            "coaching": self.coaching_url,
            "placement": self.placement_url,
            "benefits": self.benefits_url,
            "journeys": self.journeys_url,
            "reporting": self.reporting_url,
        }


def load_settings() -> StaffAppSettings:
    return StaffAppSettings(_env_prefix=ENV_PREFIX)
