"""A Lotse service as its own uvicorn process on a free port, as `make run` starts it: killable for fault tests."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from deploy.launcher.process import ManagedProcess, free_port
from services.platform.privacy.keys import ensure_key_ring
from services.platform.settings import env_prefix

REPO_ROOT = Path(__file__).resolve().parents[2]


def _healthy(url: str) -> bool:
    return httpx.get(url, timeout=2).status_code == 200


@dataclass
class ServiceProcess:
    name: str
    database_url: str
    bootstrap_servers: str
    public_key: Path
    log_dir: Path
    port: int = field(default_factory=free_port)
    consumers: bool = True  # off when a test needs only the HTTP API and the outbox relay (starts faster)
    _process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServiceProcess:
        prefix = env_prefix(self.name)
        env = {
            **os.environ,
            f"{prefix}DATABASE_URL": self.database_url,
            f"{prefix}KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            f"{prefix}JWT_PUBLIC_KEY_FILE": str(self.public_key),
            f"{prefix}RELAY_IDLE_SECONDS": "0.05",
            f"{prefix}DATA_KEY_FILE": str(ensure_key_ring(self.public_key.parent / f"{self.name}-data.key")),
            f"{prefix}START_CONSUMERS": str(self.consumers).lower(),
        }
        argv = [
            sys.executable,
            "-m",
            "uvicorn",
            f"services.{self.name}.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
        ]
        self._process = ManagedProcess(
            self.name, argv, self.log_dir / f"{self.name}.log", env=env, cwd=REPO_ROOT
        ).start()
        self._process.wait_until(lambda: _healthy(f"{self.url}/health"), 60, f"{self.name} /health")
        return self

    def kill(self) -> None:
        """SIGKILL, as a crash: open transactions roll back, the outbox relay stops mid-batch."""
        if self._process is not None:
            self._process.kill()

    def stop(self) -> None:
        if self._process is not None:
            self._process.stop()
