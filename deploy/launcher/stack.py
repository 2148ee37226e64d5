"""The whole platform on 127.0.0.1 as plain processes: `make run` → `lotse-stack run`.

Order matters: Kafka (with topics) and the codec server, then Temporal (its UI points at
the codec server), then each service after its migrations, then the journey worker.
Data stays in `data_dir`, so a second run continues where the first stopped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from contracts.topics import all_topic_names
from deploy.launcher import ports
from deploy.launcher.bridges import BRIDGE_ARGV
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.process import LauncherError, ManagedProcess, free_ports
from deploy.launcher.temporal import TemporalDevServer
from deploy.launcher.worker_cache import journey_cache_size
from services.platform.auth.tokens import generate_key_pair
from services.platform.privacy.keys import ensure_key_ring
from services.platform.settings import env_prefix
from workflows.codec import ensure_key

SERVICES = tuple(ports.SERVICES)


def env_seconds(name: str, default: float) -> float:
    """A start-up wait from the environment (e.g. LOTSE_STARTUP_SECONDS=300), else `default`."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        seconds = float(text)
    except ValueError as exc:
        raise LauncherError(f"{name}={text!r} is not a number of seconds") from exc
    if seconds <= 0:
        raise LauncherError(f"{name}={text!r} must be positive")
    return seconds


# htmx for the staff app, from the npm package htmx.org that `lotse-stack install` puts in node_modules.
HTMX_FILE = Path(__file__).resolve().parents[2] / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"
# Every service has a key ring of its own: it seals special-category data (GDPR Art. 9) and keys
# the hash of idempotent requests (services/platform/http/request_hash.py).
DATA_KEY_SERVICES = SERVICES


@dataclass
class StackConfig:
    data_dir: Path
    kafka_lib_dir: Path
    kafka_port: int = ports.KAFKA
    kafka_controller_port: int = ports.KAFKA_CONTROLLER
    temporal_port: int = ports.TEMPORAL
    temporal_ui_port: int = ports.TEMPORAL_UI
    codec_port: int = ports.CODEC_SERVER
    service_ports: dict[str, int] = field(default_factory=lambda: dict(ports.SERVICES))
    journeys_api_port: int = ports.JOURNEYS_API  # served by the worker
    staff_app_port: int = ports.STAFF_APP
    # The compressed calendar: journeys' "month" in real seconds (None: real time). The simulator plays
    # the same calendar, so `lotse-stack run` sets both from one option.
    seconds_per_month: float | None = None
    # The worker's sticky cache: every running journey, or queries replay histories (worker_cache.py).
    max_cached_workflows: int = field(default_factory=journey_cache_size)
    # Bridges in the consumer groups of the event→signal bridge: the worker's own and `bridges - 1`
    # processes of their own (deploy/launcher/bridges.py).
    bridges: int = 1
    # How long a service, the staff app or the codec server may take to answer /health after its start, and
    # the worker its journeys API: a loaded machine needs more (helpers' stacks failed a fixed 60 s at a load of
    # 25 on two cores), so the environment may lengthen both for tests and benchmarks that start a stack.
    startup_seconds: float = field(default_factory=lambda: env_seconds("LOTSE_STARTUP_SECONDS", 60))
    worker_startup_seconds: float = field(default_factory=lambda: env_seconds("LOTSE_WORKER_STARTUP_SECONDS", 180))

    @classmethod
    def on_free_ports(cls, data_dir: Path, kafka_lib_dir: Path, seconds_per_month: float | None = None) -> StackConfig:
        """The same stack beside another one (tests, benchmarks): every port a free one."""
        kafka, controller, temporal, ui, codec, journeys, staff_app, *services = free_ports(7 + len(SERVICES))
        return cls(
            data_dir=data_dir,
            kafka_lib_dir=kafka_lib_dir,
            kafka_port=kafka,
            kafka_controller_port=controller,
            temporal_port=temporal,
            temporal_ui_port=ui,
            codec_port=codec,
            journeys_api_port=journeys,
            staff_app_port=staff_app,
            seconds_per_month=seconds_per_month,
            service_ports=dict(zip(SERVICES, services, strict=True)),
        )

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"


def service_env(name: str, config: StackConfig, public_key: Path) -> dict[str, str]:
    prefix = env_prefix(name)
    env = {
        f"{prefix}DATABASE_URL": f"sqlite+aiosqlite:///{config.data_dir / 'databases' / f'{name}.db'}",
        f"{prefix}KAFKA_BOOTSTRAP_SERVERS": config.bootstrap,
        f"{prefix}JWT_PUBLIC_KEY_FILE": str(public_key),
    }
    if name in DATA_KEY_SERVICES:  # created once and kept with the stack's data
        env[f"{prefix}DATA_KEY_FILE"] = str(ensure_key_ring(config.data_dir / "keys" / f"{name}-data.key"))
    return env


def worker_env(
    config: StackConfig, codec_key: Path, signing_key: Path, public_key: Path | None = None
) -> dict[str, str]:
    env = {
        "LOTSE_WORKER_TEMPORAL_ADDRESS": f"127.0.0.1:{config.temporal_port}",
        "LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS": config.bootstrap,
        "LOTSE_WORKER_CODEC_KEY_FILE": str(codec_key),
        "LOTSE_WORKER_PAYLOAD_KEYS_DIR": str(codec_key.parent / "payload-keys"),
        "LOTSE_WORKER_JWT_SIGNING_KEY_FILE": str(signing_key),
        "LOTSE_WORKER_API_PORT": str(config.journeys_api_port),
        "LOTSE_WORKER_TEMPORAL_UI_URL": f"http://127.0.0.1:{config.temporal_ui_port}",
        "LOTSE_WORKER_MAX_CACHED_WORKFLOWS": str(config.max_cached_workflows),
    }
    if public_key is not None:  # the journeys API verifies staff tokens with it
        env["LOTSE_WORKER_JWT_PUBLIC_KEY_FILE"] = str(public_key)
    for name, port in config.service_ports.items():
        env[f"LOTSE_WORKER_{name.upper()}_URL"] = f"http://127.0.0.1:{port}"
    if config.seconds_per_month is not None:
        env["LOTSE_WORKER_SECONDS_PER_MONTH"] = f"{config.seconds_per_month:g}"
    return env


def staff_app_env(config: StackConfig) -> dict[str, str]:
    """The staff app calls the services and the journeys API; sign-in from the roster with the local key.

    Its sessions lie in a database of its own beside the services'; their secrets are sealed with a key of
    their own, created once and kept with the stack's keys."""
    session_key = ensure_key(config.data_dir / "keys" / "staff-app-session.key")
    env = {
        "LOTSE_STAFF_APP_DATABASE_URL": f"sqlite+aiosqlite:///{config.data_dir / 'databases' / 'staff_app.db'}",
        "LOTSE_STAFF_APP_SESSION_KEY_FILE": str(session_key),
        "LOTSE_STAFF_APP_JOURNEYS_URL": f"http://127.0.0.1:{config.journeys_api_port}",
        "LOTSE_STAFF_APP_TEMPORAL_UI_URL": f"http://127.0.0.1:{config.temporal_ui_port}",
        "LOTSE_STAFF_APP_DEV_KEYS_DIR": str(config.data_dir / "keys"),
        "LOTSE_STAFF_APP_PUBLIC_URL": f"http://127.0.0.1:{config.staff_app_port}",
        "LOTSE_STAFF_APP_HTMX_FILE": str(HTMX_FILE),
    }
    for name, port in config.service_ports.items():
        env[f"LOTSE_STAFF_APP_{name.upper()}_URL"] = f"http://127.0.0.1:{port}"
    return env


class LocalStack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.kafka: KafkaServer | None = None
        self.temporal: TemporalDevServer | None = None
        self.processes: list[ManagedProcess] = []

    def start(self) -> None:
        c = self.config
        for d in (c.logs, c.data_dir / "databases", c.data_dir / "keys"):
            d.mkdir(parents=True, exist_ok=True)
        signing_key, public_key = generate_key_pair(c.data_dir / "keys")
        codec_key = ensure_key(c.data_dir / "keys" / "payload-codec.key")  # the worker and codec server only load it
        self.kafka = KafkaServer(
            c.data_dir / "kafka", c.kafka_port, c.kafka_controller_port, KafkaJars.ensure(c.kafka_lib_dir)
        ).start()
        self.kafka.ensure_topics(all_topic_names())
        self._start_codec_server(codec_key, public_key)
        self.temporal = TemporalDevServer(
            c.data_dir / "temporal",
            c.temporal_port,
            c.temporal_ui_port,
            codec_endpoint=f"http://127.0.0.1:{c.codec_port}",
        ).start()
        for name in SERVICES:
            self._start_service(name, public_key)
        worker = self._spawn(
            "worker", [sys.executable, "-m", "workflows.worker"], worker_env(c, codec_key, signing_key, public_key)
        )
        # The journeys API is served once the worker polls its task queues; its bridge subscribes right after.
        # Without this wait the stack counted as started while registrations found no journey for a minute
        # and more on a busy machine (the worker's start took 100 s at a load of 30 on two cores).
        api = f"http://127.0.0.1:{c.journeys_api_port}/health"
        worker.wait_until(lambda: _healthy(api), c.worker_startup_seconds, "the worker's journeys API /health")
        for n in range(2, c.bridges + 1):
            self._spawn(f"bridge-{n}", list(BRIDGE_ARGV), worker_env(c, codec_key, signing_key))
        self._start_staff_app()

    def _start_staff_app(self) -> None:
        port = self.config.staff_app_port
        env = staff_app_env(self.config)
        self._migrate("staff-app", [sys.executable, "-m", "staff_app.migrate"], env)
        argv = [sys.executable, "-m", "uvicorn", "staff_app.app:create_app", "--factory", "--host", "127.0.0.1"]
        process = self._spawn("staff-app", [*argv, "--port", str(port)], env)
        process.wait_until(
            lambda: _healthy(f"http://127.0.0.1:{port}/health"), self.config.startup_seconds, "the staff app /health"
        )

    def _start_codec_server(self, codec_key: Path, public_key: Path) -> None:
        # `temporal server start-dev` has no flag for the UI's "include credentials" codec setting:
        # the operator switches it on in the UI's codec settings (see summary()).
        env = {
            "LOTSE_CODEC_KEY_FILE": str(codec_key),
            "LOTSE_CODEC_PAYLOAD_KEYS_DIR": str(codec_key.parent / "payload-keys"),
            "LOTSE_CODEC_PORT": str(self.config.codec_port),
            "LOTSE_CODEC_JWT_PUBLIC_KEY_FILE": str(public_key),
            "LOTSE_CODEC_CORS_ORIGINS": f'["http://127.0.0.1:{self.config.temporal_ui_port}",'
            f'"http://localhost:{self.config.temporal_ui_port}"]',
        }
        process = self._spawn("codec-server", [sys.executable, "-m", "workflows.codec_server"], env)
        process.wait_until(
            lambda: _healthy(f"http://127.0.0.1:{self.config.codec_port}/health"),
            self.config.startup_seconds,
            "the codec server",
        )

    def _start_service(self, name: str, public_key: Path) -> None:
        env = service_env(name, self.config, public_key)
        self._migrate(name, [sys.executable, "-m", "services.platform.migrate", name], env)
        port = self.config.service_ports[name]
        process = self._spawn(
            name,
            [
                sys.executable,
                "-m",
                "uvicorn",
                f"services.{name}.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env,
        )
        process.wait_until(
            lambda: _healthy(f"http://127.0.0.1:{port}/health"), self.config.startup_seconds, f"{name} /health"
        )

    def _migrate(self, name: str, argv: list[str], env: Mapping[str, str]) -> None:
        log = self.config.logs / f"{name}-migrate.log"
        with log.open("wb") as out:
            done = subprocess.run(
                argv, env=_with_os_env(env), stdout=out, stderr=subprocess.STDOUT, timeout=120, check=False
            )
        if done.returncode != 0:
            raise LauncherError(f"{name}: migrations failed, see {log}")

    def _spawn(self, name: str, argv: list[str], env: Mapping[str, str]) -> ManagedProcess:
        process = ManagedProcess(name, argv, self.config.logs / f"{name}.log", env=_with_os_env(env)).start()
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()
        for server in (self.temporal, self.kafka):
            if server is not None:
                server.stop()

    def summary(self) -> str:
        c = self.config
        lines = [
            "Lotse is running on 127.0.0.1:",
            f"  staff app            http://127.0.0.1:{c.staff_app_port}  (sign in by choosing a staff member)",
        ]
        lines += [f"  {name:<10} API docs  http://127.0.0.1:{port}/docs" for name, port in c.service_ports.items()]
        lines += [
            f"  Temporal UI          http://127.0.0.1:{c.temporal_ui_port}  (payloads decoded by the codec server "
            f"on :{c.codec_port}, for operators only)",
            f"  read payloads        sign in at http://127.0.0.1:{c.codec_port}/login with "
            f"`make token ROLE=operator`, then in the UI's codec settings switch on "
            f"'Include cross-origin credentials'",
            f"  Temporal frontend    127.0.0.1:{c.temporal_port}",
            f"  Kafka bootstrap      {c.bootstrap}",
            f"  logs                 {c.logs}/",
            f"  a staff token        .venv/bin/lotse-token --role case_manager --keys {c.data_dir / 'keys'}",
            "Ctrl-C stops every process.",
        ]
        return "\n".join(lines)


def _healthy(url: str) -> bool:
    return httpx.get(url, timeout=2).status_code == 200


def _with_os_env(env: Mapping[str, str]) -> dict[str, str]:
    return {**os.environ, **env}
