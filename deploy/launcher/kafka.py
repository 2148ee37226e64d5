"""A single-node Kafka broker (KRaft) from Maven Central jars, run as a plain JVM process."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fcntl
import hashlib
import os
import subprocess
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from deploy.launcher.blocking import run_blocking
from deploy.launcher.lifecycle import Lifecycle
from deploy.launcher.process import (
    LauncherError,
    ManagedProcess,
    port_is_open,
    require_binary,
    require_free_ports,
)

KAFKA_DIR = Path(__file__).resolve().parent.parent / "kafka"
POM = KAFKA_DIR / "pom.xml"
LOG4J_CONFIG = KAFKA_DIR / "log4j2.yaml"

T = TypeVar("T")

JAVA_HINT = "install OpenJDK 17 (apt-get install openjdk-17-jre-headless)"
MAVEN_HINT = "install Maven (apt-get install maven)"


def find_java() -> Path:
    java_home = os.environ.get("JAVA_HOME")
    candidates = [Path(java_home) / "bin" / "java"] if java_home else []
    return require_binary("java", JAVA_HINT, what="Java", candidates=candidates)


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class KafkaJars:
    """The broker's class path: jars resolved by Maven from deploy/kafka/pom.xml into one directory."""

    MARKER = ".pom-sha256"

    @staticmethod
    def pom_hash(pom: Path = POM) -> str:
        return hashlib.sha256(pom.read_bytes()).hexdigest()

    @classmethod
    def is_installed(cls, lib_dir: Path, pom: Path = POM) -> bool:
        marker = lib_dir / cls.MARKER
        return marker.is_file() and marker.read_text().strip() == cls.pom_hash(pom)

    @classmethod
    def ensure(cls, lib_dir: Path, pom: Path = POM) -> Path:
        """Resolve the jars into `lib_dir` unless the jars of this very pom are already there."""
        lib_dir = lib_dir.resolve()
        if cls.is_installed(lib_dir, pom):
            return lib_dir
        mvn = require_binary("mvn", MAVEN_HINT, what="Maven")
        # `make run` and a test session may share lib_dir and start at the same moment.
        with _locked(lib_dir.parent / f".{lib_dir.name}.lock"):
            if cls.is_installed(lib_dir, pom):
                return lib_dir
            lib_dir.mkdir(parents=True, exist_ok=True)
            (lib_dir / cls.MARKER).unlink(missing_ok=True)
            # Jars of an older pom would stay on the `lib/*` class path next to the new
            # ones, and the JVM would load whichever version it finds first.
            for old in lib_dir.glob("*.jar"):
                old.unlink()
            result = subprocess.run(
                [
                    str(mvn),
                    "-q",
                    "-B",
                    "-f",
                    str(pom),
                    "dependency:copy-dependencies",
                    "-DincludeScope=runtime",
                    f"-DoutputDirectory={lib_dir}",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                output = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
                raise LauncherError(f"Maven could not resolve the Kafka jars from {pom}:\n{output}")
            (lib_dir / cls.MARKER).write_text(cls.pom_hash(pom) + "\n")
        return lib_dir


def new_cluster_id() -> str:
    """16 random bytes, URL-safe base64 without padding, not starting with '-' (Kafka's rules)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


class KafkaServer(Lifecycle):
    """One Kafka node acting as broker and controller, with its data, config and logs in `data_dir`.

    Layout of `data_dir`: `server.properties`, `cluster.id`, `kraft/` (the partitions and
    the metadata log), `logs/server.log` (Log4j) and `logs/kafka.out` (stdout/stderr).
    A second start on the same `data_dir` keeps all topics and records.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int,
        controller_port: int,
        lib_dir: Path,
        heap: str = "512m",
        *,
        log4j_config: Path = LOG4J_CONFIG,
        start_timeout: float = 90.0,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.port = port
        self.controller_port = controller_port
        self.lib_dir = lib_dir.resolve()
        self.heap = heap
        self.log4j_config = log4j_config.resolve()
        self.start_timeout = start_timeout
        self.logs_dir = self.data_dir / "logs"
        self.kraft_dir = self.data_dir / "kraft"
        self.config_path = self.data_dir / "server.properties"
        self._process: ManagedProcess | None = None

    def __repr__(self) -> str:
        return f"KafkaServer({self.bootstrap_servers}, data_dir={str(self.data_dir)!r})"

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def server_log(self) -> Path:
        return self.logs_dir / "server.log"

    @property
    def log_path(self) -> Path:
        return self.logs_dir / "kafka.out"

    @property
    def is_running(self) -> bool:
        return self._process is not None and self._process.is_running

    def properties(self) -> dict[str, str]:
        return {
            "process.roles": "broker,controller",
            "node.id": "1",
            # Static voters rather than a dynamic quorum (`format --standalone`): the voter's
            # address then lives in this file, not in the metadata log, so a data dir stays
            # usable if it is later started with another controller port.
            "controller.quorum.voters": f"1@127.0.0.1:{self.controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "log.dirs": str(self.kraft_dir),
            "num.partitions": "6",
            "auto.create.topics.enable": "false",
            # The defaults (3) cannot be met by one node: consumer groups, transactions and
            # share groups would fail until a third broker appears.
            "offsets.topic.replication.factor": "1",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "default.replication.factor": "1",
            "min.insync.replicas": "1",
            # The default 3 s delay only helps groups whose members join one by one.
            "group.initial.rebalance.delay.ms": "0",
            # After a kill the controller waits for the dead broker's session to expire before
            # it accepts the restarted one: 9 s by default, about 4 s with these values.
            "broker.heartbeat.interval.ms": "1000",
            "broker.session.timeout.ms": "4000",
        }

    def write_config(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lines = ["# Written by deploy/launcher/kafka.py on every start; edits are overwritten."]
        lines += [f"{key}={value}" for key, value in self.properties().items()]
        self.config_path.write_text("\n".join(lines) + "\n")

    def cluster_id(self) -> str:
        """The cluster id kept in the data dir (created on first use)."""
        path = self.data_dir / "cluster.id"
        if path.is_file():
            return path.read_text().strip()
        cluster_id = new_cluster_id()
        path.write_text(cluster_id + "\n")
        return cluster_id

    @property
    def is_formatted(self) -> bool:
        return (self.kraft_dir / "meta.properties").is_file()

    def _java_command(self, java: Path, main_class: str, *args: str) -> list[str]:
        return [
            str(java),
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            f"-Dlog4j2.configurationFile={self.log4j_config}",
            f"-Dkafka.logs.dir={self.logs_dir}",
            "-cp",
            f"{self.lib_dir}/*",
            main_class,
            *args,
        ]

    def _format(self, java: Path) -> None:
        format_args = ["format", "--cluster-id", self.cluster_id(), "--config", str(self.config_path)]
        command = self._java_command(java, "kafka.tools.StorageTool", *format_args)
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not self.is_formatted:
            raise LauncherError(
                f"Formatting Kafka storage in {self.kraft_dir} failed "
                f"(exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )

    def start(self) -> Self:
        """Start the broker and wait until it answers metadata requests."""
        if self.is_running:
            return self
        java = find_java()
        if not any(self.lib_dir.glob("kafka_*.jar")):
            raise LauncherError(f"No Kafka jars in {self.lib_dir}: call KafkaJars.ensure() first")
        require_free_ports("Kafka", self.port, self.controller_port)
        self.write_config()
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        if not self.is_formatted:
            self._format(java)
        command = self._java_command(java, "kafka.Kafka", str(self.config_path))
        self._process = ManagedProcess("kafka", command, self.log_path).start()
        self._process.wait_until(
            self.is_ready,
            self.start_timeout,
            f"Kafka on {self.bootstrap_servers}",
            extra_logs=[self.server_log],
        )
        # On a reused data dir the partitions come back a moment after the port opens.
        self.wait_until_led()
        return self

    def is_ready(self) -> bool:
        """Whether the broker answers a metadata request with itself in it."""
        # The broker binds its client port only once it has caught up with the metadata
        # log, so an open port plus one answered metadata request means ready to serve.
        if not port_is_open(self.port):
            return False
        cluster = self._admin(lambda admin: admin.describe_cluster(), timeout=10)
        return bool(cluster.get("brokers"))

    def _admin(self, call: Callable[[AIOKafkaAdminClient], Awaitable[T]], timeout: float) -> T:
        return run_blocking(lambda: self._admin_session(call), timeout)

    async def _admin_session(self, call: Callable[[AIOKafkaAdminClient], Awaitable[T]]) -> T:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, request_timeout_ms=10_000)
        await admin.start()
        try:
            return await call(admin)
        finally:
            await admin.close()

    def ensure_topics(self, names: Iterable[str], partitions: int = 6) -> list[str]:
        """Create the topics that do not exist yet; returns the names created."""
        wanted = list(dict.fromkeys(names))
        created = self._admin(lambda admin: _ensure_topics(admin, wanted, partitions), timeout=60)
        if created:
            self.wait_until_led(created)
        return created

    def wait_until_led(self, names: Iterable[str] | None = None, timeout: float = 60.0) -> None:
        """Wait until the broker acts as leader of every partition of the topics (default: all)."""
        if names is None:  # internal topics (__consumer_offsets, …) excluded
            names = [topic for topic in self.list_topics() if not topic.startswith("__")]
        topics = list(names)
        if topics:
            counts = self.partition_counts(topics)
            run_blocking(lambda: _wait_until_led(self.bootstrap_servers, counts), timeout)

    def list_topics(self) -> list[str]:
        return sorted(self._admin(lambda admin: admin.list_topics(), timeout=30))

    def partition_counts(self, names: Iterable[str]) -> dict[str, int]:
        """Number of partitions of each existing topic among `names`."""
        wanted = list(names)
        described = self._admin(lambda admin: admin.describe_topics(wanted), timeout=30)
        return {topic["topic"]: len(topic["partitions"]) for topic in described if topic["error_code"] == 0}

    def stop(self, timeout: float = 30.0) -> None:
        """Controlled shutdown (SIGTERM); SIGKILL only if it takes longer than `timeout`."""
        if self._process is not None:
            self._process.stop(timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash would: the next start recovers the logs."""
        if self._process is not None:
            self._process.kill()


async def _ensure_topics(admin: AIOKafkaAdminClient, names: list[str], partitions: int) -> list[str]:
    existing = set(await admin.list_topics())
    missing = [name for name in names if name not in existing]
    created: list[str] = []
    if missing:
        response = await admin.create_topics(
            [NewTopic(name, num_partitions=partitions, replication_factor=1) for name in missing]
        )
        for topic, error_code, *rest in response.topic_errors:
            if error_code == 0:
                created.append(topic)
            elif error_code != TopicAlreadyExistsError.errno:  # created concurrently: fine
                message = rest[0] if rest else ""
                raise LauncherError(f"Creating Kafka topic {topic!r} failed: error {error_code} {message}")
    await _wait_for_leaders(admin, names)
    return created


async def _wait_for_leaders(admin: AIOKafkaAdminClient, names: list[str], attempts: int = 100) -> None:
    # CreateTopics returns before the controller has elected a leader for every partition.
    for _ in range(attempts):
        described = await admin.describe_topics(names)
        if all(_has_leaders(topic) for topic in described):
            return
        await asyncio.sleep(0.1)
    raise LauncherError(f"Kafka topics have no leader after {attempts / 10:.0f} s: {names}")


async def _wait_until_led(bootstrap_servers: str, partition_counts: dict[str, int]) -> None:
    # The metadata names a leader a moment before that broker acts as one: producers
    # started right then log NotLeaderForPartition retries. A ListOffsets request fails
    # the same way but is retried quietly by the consumer, so once it answers for every
    # partition, the new topics are ready.
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer.end_offsets(
            [TopicPartition(topic, p) for topic, count in partition_counts.items() for p in range(count)]
        )
    finally:
        await consumer.stop()


def _has_leaders(topic: dict[str, Any]) -> bool:
    partitions: list[dict[str, Any]] = topic["partitions"]
    return topic["error_code"] == 0 and bool(partitions) and all(p["leader"] >= 0 for p in partitions)
