"""The process launcher starts real Kafka, Temporal and PostgreSQL servers that work and recover."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from temporalio.api.operatorservice.v1 import ListSearchAttributesRequest

from contracts.topics import all_topic_names
from deploy.launcher import node_packages
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import (
    LauncherError,
    ManagedProcess,
    ProcessDiedError,
    StartupTimeoutError,
    free_ports,
)
from deploy.launcher.temporal import INDEXED_VALUE_TYPES, TemporalDevServer, find_temporal
from workflows.search_attributes import JOURNEY_SEARCH_ATTRIBUTES

PARTITIONS = 3
REPO_ROOT = Path(__file__).resolve().parents[2]


def _fresh_topic(kafka: KafkaServer) -> str:
    topic = f"launcher-test.{uuid.uuid4().hex[:8]}"
    kafka.ensure_topics([topic], partitions=PARTITIONS)
    return topic


async def _produce(kafka: KafkaServer, topic: str, records: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def _read_all(kafka: KafkaServer, topic: str, expected: int) -> list[tuple[bytes, bytes]]:
    """Every record of the topic from the beginning, without a consumer group."""
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka.bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(PARTITIONS)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[tuple[bytes, bytes]] = []
        async with asyncio.timeout(30):
            while len(records) < expected:
                batches = await consumer.getmany(timeout_ms=1000)
                records += [(r.key, r.value) for batch in batches.values() for r in batch]
        return records
    finally:
        await consumer.stop()


# --- Kafka ---------------------------------------------------------------------------


def test_kafka_has_every_platform_topic_with_six_partitions(kafka_server: KafkaServer) -> None:
    counts = kafka_server.partition_counts(all_topic_names())
    assert counts == dict.fromkeys(all_topic_names(), 6)
    assert kafka_server.ensure_topics(all_topic_names()) == []  # idempotent: nothing left to create


async def test_kafka_delivers_a_produced_record_to_a_consumer_group(kafka_server: KafkaServer) -> None:
    topic = _fresh_topic(kafka_server)
    await _produce(kafka_server, topic, [(b"client-1", b"registered")])

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_server.bootstrap_servers,
        group_id=f"launcher-test-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        record = await asyncio.wait_for(consumer.getone(), 30)
        await consumer.commit()  # needs the offsets topic, i.e. its replication factor of 1
    finally:
        await consumer.stop()
    assert (record.key, record.value) == (b"client-1", b"registered")


async def test_kafka_keeps_a_topics_records_across_a_restart(kafka_server: KafkaServer) -> None:
    topic = _fresh_topic(kafka_server)
    records = [(f"client-{i}".encode(), f"event-{i}".encode()) for i in range(5)]
    await _produce(kafka_server, topic, records)

    kafka_server.restart()

    assert kafka_server.is_running
    assert topic in kafka_server.list_topics()
    assert sorted(await _read_all(kafka_server, topic, len(records))) == records


async def test_kafka_comes_back_with_its_records_after_being_killed(kafka_server: KafkaServer) -> None:
    topic = _fresh_topic(kafka_server)
    await _produce(kafka_server, topic, [(b"client-1", b"before the crash")])

    kafka_server.kill()
    assert not kafka_server.is_running
    kafka_server.start()

    await _produce(kafka_server, topic, [(b"client-1", b"after the crash")])
    values = sorted(value for _, value in await _read_all(kafka_server, topic, 2))
    assert values == [b"after the crash", b"before the crash"]


_TINY_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>test</groupId><artifactId>tiny</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>{}</version></dependency>
  </dependencies>
</project>
"""


def test_kafka_jars_are_resolved_once_and_again_when_the_pom_changes(tmp_path: Path) -> None:
    # Same mechanism as the real pom, with one small jar so that it runs in seconds.
    pom, lib_dir = tmp_path / "pom.xml", tmp_path / "lib"
    pom.write_text(_TINY_POM.format("1.7.36"))
    KafkaJars.ensure(lib_dir, pom)
    assert [jar.name for jar in lib_dir.glob("*.jar")] == ["slf4j-api-1.7.36.jar"]
    assert KafkaJars.is_installed(lib_dir, pom)

    pom.write_text(_TINY_POM.format("1.7.35"))
    assert not KafkaJars.is_installed(lib_dir, pom)
    KafkaJars.ensure(lib_dir, pom)
    assert [jar.name for jar in lib_dir.glob("*.jar")] == ["slf4j-api-1.7.35.jar"]  # the old jar is gone


# --- Temporal ------------------------------------------------------------------------


async def test_temporal_is_healthy_and_has_the_journey_search_attributes(
    temporal_server: TemporalDevServer,
) -> None:
    client = await temporal_server.connect()
    assert await client.service_client.check_health(timeout=timedelta(seconds=5))

    response = await client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace=temporal_server.namespace)
    )
    registered = dict(response.custom_attributes)
    for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items():
        assert registered.get(name) == INDEXED_VALUE_TYPES[kind], name


async def test_temporal_ui_answers_on_its_port(temporal_server: TemporalDevServer) -> None:
    assert temporal_server.ui_url is not None
    async with httpx.AsyncClient() as http:
        response = await http.get(temporal_server.ui_url, timeout=10)
    assert response.status_code == 200


def test_temporal_adds_search_attributes_that_a_reused_database_lacks(tmp_path: Path) -> None:
    # start-dev registers --search-attribute flags only when it creates the database, so
    # a database from an older code version lacks attributes added since.
    port, ui_port = free_ports(2)
    server = TemporalDevServer(tmp_path, port, ui_port)
    temporal = str(find_temporal())
    old_command = [temporal, "server", "start-dev", "--ip", "127.0.0.1", "--port", str(port), "--headless"]
    old_command += ["--db-filename", str(server.db_path), "--search-attribute", "JourneyStage=Keyword"]
    with ManagedProcess("old temporal", old_command, server.log_path) as old_server:
        old_server.wait_until(server.is_healthy, 60, "old Temporal")
        assert set(server.search_attributes()) & set(JOURNEY_SEARCH_ATTRIBUTES) == {"JourneyStage"}

    with server:
        assert server.search_attributes().items() >= JOURNEY_SEARCH_ATTRIBUTES.items()
        assert server.ensure_search_attributes() == []  # idempotent


# --- PostgreSQL ----------------------------------------------------------------------


@pytest.mark.postgres
async def test_postgres_accepts_a_query_on_a_created_database(postgres_cluster: PostgresCluster) -> None:
    assert postgres_cluster.create_database("launcher_test") is True
    assert postgres_cluster.create_database("launcher_test") is False  # idempotent

    connection = await asyncpg.connect(postgres_cluster.libpq_dsn("launcher_test"))
    try:
        assert await connection.fetchval("SELECT current_database()") == "launcher_test"
    finally:
        await connection.close()

    engine = create_async_engine(postgres_cluster.dsn("launcher_test"))
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT upper('jürgen')"))).scalar_one() == "JÜRGEN"
    finally:
        await engine.dispose()


@pytest.mark.postgres
def test_postgres_keeps_its_databases_across_a_restart(postgres_cluster: PostgresCluster) -> None:
    postgres_cluster.create_database("survives_restart")
    postgres_cluster.restart()
    assert postgres_cluster.create_database("survives_restart") is False


# --- Failures are explained ----------------------------------------------------------


def test_a_server_is_not_started_on_a_port_that_is_in_use(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as squatter:
        port = squatter.getsockname()[1]
        with pytest.raises(LauncherError, match=f"127.0.0.1:{port} already in use"):
            TemporalDevServer(tmp_path, port, None).start()


def test_a_process_that_dies_while_starting_is_reported_with_its_last_log_lines(tmp_path: Path) -> None:
    # printf: the log starts with the command line, which must not contain the message verbatim.
    crashing = ["sh", "-c", "printf '%s %s\\n' Address 'already in use'; exit 3"]
    process = ManagedProcess("broken", crashing, tmp_path / "out.log")
    process.start()
    with pytest.raises(ProcessDiedError) as error:
        process.wait_until(lambda: False, 10, "readiness")
    assert "exited with code 3" in str(error.value)
    assert "Address already in use" in str(error.value)


def test_a_process_that_never_gets_ready_times_out_naming_the_last_check_error(tmp_path: Path) -> None:
    def check() -> bool:
        raise ConnectionRefusedError("nobody listens")

    process = ManagedProcess("sleeper", ["sleep", "30"], tmp_path / "out.log")
    with process, pytest.raises(StartupTimeoutError) as error:
        process.wait_until(check, 0.5, "listener")
    assert "no listener after 0.5 s" in str(error.value)
    assert "nobody listens" in str(error.value)
    assert not process.is_running


def test_stop_kills_a_process_that_ignores_sigterm(tmp_path: Path) -> None:
    script = (
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ignoring', 'TERM', flush=True)\n"
        "time.sleep(30)\n"
    )
    process = ManagedProcess("stubborn", [sys.executable, "-c", script], tmp_path / "out.log").start()
    # The log starts with the command line, so the marker printed must not appear in it verbatim.
    process.wait_until(lambda: "ignoring TERM" in process.tail(), 10, "SIGTERM to be ignored")
    assert process.stop(timeout=0.5) == -9
    assert not process.is_running


# --- npm packages ----------------------------------------------------------------------


def test_the_npm_packages_are_installed_from_the_lock_once_and_again_when_the_lock_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("package.json", "package-lock.json"):
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    modules = node_packages.ensure(tmp_path)
    assert (modules / "axe-core" / "axe.min.js").is_file()

    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert node_packages.ensure(tmp_path) == modules  # installed already: npm is not even looked for

    (tmp_path / "package-lock.json").write_text((REPO_ROOT / "package-lock.json").read_text() + "\n")
    with pytest.raises(LauncherError, match="npm not found"):
        node_packages.ensure(tmp_path)  # another lock: installed again
