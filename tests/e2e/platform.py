"""The running platform as end-to-end tests see it: URLs, processes, staff tokens, Temporal."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import Client

from deploy.launcher.process import ManagedProcess
from deploy.launcher.stack import LocalStack, StackConfig
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import issue
from workflows.codec import encrypted_data_converter, load_key

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Platform:
    stack: LocalStack

    @classmethod
    @contextlib.contextmanager
    def running(cls, data_dir: Path, seconds_per_month: float | None) -> Iterator[Platform]:
        """The project's own launcher (as `make run` uses it) on free ports, stopped on leaving."""
        config = StackConfig.on_free_ports(data_dir, REPO_ROOT / ".local" / "kafka" / "lib", seconds_per_month)
        stack = LocalStack(config)
        try:
            stack.start()
            yield cls(stack)
        finally:
            stack.stop()

    @property
    def config(self) -> StackConfig:
        return self.stack.config

    @property
    def bootstrap(self) -> str:
        return self.config.bootstrap

    def url(self, name: str) -> str:
        port = self.config.journeys_api_port if name == "journeys" else self.config.service_ports[name]
        return f"http://127.0.0.1:{port}"

    def process(self, name: str) -> ManagedProcess:
        return next(p for p in self.stack.processes if p.name == name)

    def headers(self, *roles: Role, office: str = "*", staff_id: str = "e2e-staff") -> dict[str, str]:
        key = (self.config.data_dir / "keys" / "jwt-signing-key.pem").read_bytes()
        user = StaffUser(staff_id, frozenset(roles), frozenset({office}))
        return {"Authorization": f"Bearer {issue(key, user, 'lotse-dev', 'lotse')}"}

    async def temporal(self) -> Client:
        """A client that reads the journeys' encrypted payloads (it holds the codec key)."""
        assert self.stack.temporal is not None
        key_file = self.config.data_dir / "keys" / "payload-codec.key"
        converter = encrypted_data_converter(load_key(key_file), key_file.parent / "payload-keys")
        return await Client.connect(self.stack.temporal.target, data_converter=converter)
