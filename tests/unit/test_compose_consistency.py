"""docker-compose.yml and deploy/Dockerfile agree with the code and the process launcher.

No Docker runs here: the compose file is read as YAML and compared with the registries the
launcher uses (ports, topics, search attributes, settings), so a renamed setting or a new
topic cannot silently leave the compose stack behind.
"""

from __future__ import annotations

import os
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracts.topics import ALL as ALL_TOPICS
from contracts.topics import all_topic_names
from deploy.launcher import ports
from deploy.launcher.kafka import KafkaServer
from deploy.launcher.stack import DATA_KEY_SERVICES, StackConfig, service_env
from deploy.launcher.temporal import INDEXED_VALUE_TYPES
from deploy.launcher.worker_cache import journey_cache_size
from services.platform.privacy.keys import load_key_ring
from services.platform.settings import ServiceSettings, env_prefix, load_settings
from workflows.search_attributes import JOURNEY_SEARCH_ATTRIBUTES
from workflows.settings import API_PORT, TASK_QUEUE, WorkerSettings

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "deploy" / "Dockerfile"

SERVICE_NAMES = sorted(ports.SERVICES)

# The worker's environment as documented for `python -m workflows.worker`.
WORKER_ENV = {
    "LOTSE_WORKER_TEMPORAL_ADDRESS",
    "LOTSE_WORKER_TEMPORAL_NAMESPACE",
    "LOTSE_WORKER_TASK_QUEUE",
    "LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS",
    "LOTSE_WORKER_INTAKE_URL",
    "LOTSE_WORKER_COACHING_URL",
    "LOTSE_WORKER_PLACEMENT_URL",
    "LOTSE_WORKER_BENEFITS_URL",
    "LOTSE_WORKER_REPORTING_URL",
    "LOTSE_WORKER_PAYLOAD_KEYS_DIR",
    "LOTSE_WORKER_JWT_SIGNING_KEY_FILE",
    "LOTSE_WORKER_CODEC_KEY_FILE",
    "LOTSE_WORKER_JWT_PUBLIC_KEY_FILE",
    "LOTSE_WORKER_API_HOST",
    "LOTSE_WORKER_API_PORT",
    "LOTSE_WORKER_TEMPORAL_UI_URL",
    "LOTSE_WORKER_MAX_CACHED_WORKFLOWS",
}

# Settings the code fills in itself: setting them in the environment would be ignored.
SET_BY_CODE = {"service_name"}

# Kafka properties that differ on purpose: the launcher listens on 127.0.0.1 and keeps data
# in its data dir, the container has a listener per network and a volume.
KAFKA_PROPERTIES_PER_DEPLOYMENT = {
    "listeners",
    "advertised.listeners",
    "listener.security.protocol.map",
    "inter.broker.listener.name",
    "controller.quorum.voters",
    "log.dirs",
}


# --- reading the files ----------------------------------------------------------------


@cache
def compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(document, dict) and "services" in document, f"{COMPOSE_FILE} has no services"
    return document


def service(name: str) -> dict[str, Any]:
    services = compose()["services"]
    assert name in services, f"docker-compose.yml has no service {name!r} (it has {sorted(services)})"
    definition: dict[str, Any] = services[name]
    return definition


def environment(name: str) -> dict[str, str]:
    """A container's environment as a dict, from either compose syntax (mapping or KEY=VALUE list)."""
    raw = service(name).get("environment") or {}
    if isinstance(raw, list):
        pairs = (item.split("=", 1) for item in raw)
        return {key: value for key, value in pairs}
    return {key: "" if value is None else str(value) for key, value in raw.items()}


def command_text(name: str) -> str:
    """A container's command as one string, whether given as a list or a string."""
    command = service(name).get("command") or ""
    return " ".join(command) if isinstance(command, list) else str(command)


def published_ports(name: str) -> list[int]:
    """Host ports a container publishes, from short ("[ip:]host:container") or long syntax."""
    published: list[int] = []
    for entry in service(name).get("ports") or []:
        if isinstance(entry, dict):
            published.append(int(entry["published"]))
            continue
        parts = str(entry).split("/")[0].split(":")
        assert len(parts) >= 2, f"{name}: port {entry!r} publishes no fixed host port"
        published.append(int(parts[-2]))
    return published


def shell_commands(name: str, program: str) -> list[list[str]]:
    """Each command line of a job's script that runs `program`, split into words."""
    lines = command_text(name).replace("\\\n", " ").splitlines()
    return [shlex.split(line.split("||")[0]) for line in lines if program in line]


def flag(words: list[str], name: str) -> str | None:
    return words[words.index(name) + 1] if name in words else None


def kafka_property_name(variable: str) -> str:
    """apache/kafka image: KAFKA_A_B__C___D configures `a.b_c-d`."""
    parts = re.split(r"(___|__|_)", variable.removeprefix("KAFKA_").lower())
    separators = {"___": "-", "__": "_", "_": "."}
    return "".join(separators.get(part, part) for part in parts)


def use_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    """Make `env` the LOTSE_* environment of this test, as the container would see it."""
    for key in [key for key in os.environ if key.startswith("LOTSE_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[-1].split("?")[0]


def dockerfile_instructions() -> list[str]:
    """Dockerfile instructions with continuation lines joined and comments dropped."""
    text = DOCKERFILE.read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\s*\n", " ", "\n".join(lines))
    return [" ".join(line.split()) for line in joined.splitlines() if line.strip()]


# --- ports ------------------------------------------------------------------------------


def test_published_ports_are_the_ports_of_the_launcher() -> None:
    expected = {
        "kafka": [ports.KAFKA],
        "postgres": [ports.POSTGRES],
        "temporal": [ports.TEMPORAL],
        "temporal-ui": [ports.TEMPORAL_UI],
        "codec-server": [ports.CODEC_SERVER],
        "worker": [ports.JOURNEYS_API],
        "staff-app": [ports.STAFF_APP],
        **{name: [port] for name, port in ports.SERVICES.items()},
    }
    actual = {name: published_ports(name) for name in compose()["services"] if published_ports(name)}
    differences = {
        name: {"docker-compose.yml": actual.get(name), "deploy/launcher/ports.py": expected.get(name)}
        for name in sorted(set(expected) | set(actual))
        if actual.get(name) != expected.get(name)
    }
    assert not differences, f"published ports differ from deploy/launcher/ports.py: {differences}"


def test_kafka_controller_listens_on_the_controller_port_of_the_launcher() -> None:
    env = environment("kafka")
    controller = re.search(r"CONTROLLER://[^,:]+:(\d+)", env.get("KAFKA_LISTENERS", ""))
    assert controller, f"KAFKA_LISTENERS has no CONTROLLER listener: {env.get('KAFKA_LISTENERS')!r}"
    assert int(controller.group(1)) == ports.KAFKA_CONTROLLER
    assert env.get("KAFKA_CONTROLLER_QUORUM_VOTERS", "").endswith(f":{ports.KAFKA_CONTROLLER}")


def test_kafka_advertises_the_published_port_to_the_host_and_kafka_9092_to_containers() -> None:
    env = environment("kafka")
    advertised = env.get("KAFKA_ADVERTISED_LISTENERS", "")
    assert f"127.0.0.1:{ports.KAFKA}" in advertised, advertised
    assert "kafka:9092" in advertised, advertised


# --- Kafka -------------------------------------------------------------------------------


def test_kafka_init_creates_every_registered_topic_with_its_partition_count() -> None:
    created: dict[str, int] = {}
    for words in shell_commands("kafka-init", "kafka-topics.sh"):
        if "--create" not in words:
            continue
        topic, partitions = flag(words, "--topic"), flag(words, "--partitions")
        assert topic and partitions, f"kafka-init: topic or partitions missing in {shlex.join(words)}"
        assert topic not in created, f"kafka-init creates {topic} twice"
        assert "--if-not-exists" in words, f"kafka-init: creating {topic} fails on a second `up`"
        created[topic] = int(partitions)
    expected = {name: topic.partitions for topic in ALL_TOPICS for name in (topic.name, topic.dead_letter)}
    assert set(expected) == set(all_topic_names())
    missing = sorted(set(expected) - set(created))
    unknown = sorted(set(created) - set(expected))
    assert not missing, f"kafka-init does not create {missing} (contracts/topics.py registers them)"
    assert not unknown, f"kafka-init creates {unknown}, which contracts/topics.py does not register"
    wrong = {name: (created[name], expected[name]) for name in expected if created[name] != expected[name]}
    assert not wrong, f"partitions (compose, registry) differ: {wrong}"


def test_kafka_broker_settings_are_those_of_the_launcher() -> None:
    launcher = KafkaServer(Path("unused"), ports.KAFKA, ports.KAFKA_CONTROLLER, Path("unused")).properties()
    compose_properties = {
        kafka_property_name(key): value for key, value in environment("kafka").items() if key.startswith("KAFKA_")
    }
    differences = {
        key: {"launcher": value, "compose": compose_properties.get(key)}
        for key, value in launcher.items()
        if key not in KAFKA_PROPERTIES_PER_DEPLOYMENT and compose_properties.get(key) != value
    }
    assert not differences, f"Kafka settings differ from deploy/launcher/kafka.py: {differences}"


# --- Temporal ----------------------------------------------------------------------------


def test_every_journey_search_attribute_is_registered_with_its_type() -> None:
    registered: dict[str, str] = {}
    namespaces: set[str | None] = set()
    for words in shell_commands("temporal-admin-tools", "temporal operator search-attribute create"):
        name, kind = flag(words, "--name"), flag(words, "--type")
        assert name and kind, f"search attribute without --name or --type: {shlex.join(words)}"
        registered[name] = kind
        namespaces.add(flag(words, "--namespace"))
    assert registered == JOURNEY_SEARCH_ATTRIBUTES, (
        f"temporal-admin-tools registers {registered}, workflows/search_attributes.py wants {JOURNEY_SEARCH_ATTRIBUTES}"
    )
    worker_namespace = environment("worker")["LOTSE_WORKER_TEMPORAL_NAMESPACE"]
    assert namespaces == {worker_namespace}, (
        f"search attributes go to namespaces {namespaces}, the worker uses {worker_namespace!r}"
    )


def test_search_attribute_types_are_types_temporal_accepts() -> None:
    unknown = {name: kind for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items() if kind not in INDEXED_VALUE_TYPES}
    assert not unknown, f"not Temporal search attribute types: {unknown} (known: {sorted(INDEXED_VALUE_TYPES)})"


def test_the_worker_namespace_is_created_by_the_admin_tools_job() -> None:
    namespace = environment("worker")["LOTSE_WORKER_TEMPORAL_NAMESPACE"]
    creates = shell_commands("temporal-admin-tools", "temporal operator namespace create")
    assert any(flag(words, "--namespace") == namespace for words in creates), (
        f"temporal-admin-tools does not create namespace {namespace!r}"
    )


def test_temporal_server_and_schema_job_use_the_databases_postgres_creates() -> None:
    created = set(environment("postgres")["POSTGRES_MULTIPLE_DATABASES"].split(","))
    temporal = environment("temporal")
    for key in ("DBNAME", "VISIBILITY_DBNAME"):
        assert temporal[key] in created, f"temporal {key}={temporal[key]!r} is not created by postgres"
    schema_databases = {flag(words, "--db") for words in shell_commands("temporal-schema", "temporal-sql-tool")}
    assert schema_databases == {temporal["DBNAME"], temporal["VISIBILITY_DBNAME"]}, schema_databases


def test_temporal_ui_reads_payloads_through_the_published_codec_server() -> None:
    endpoint = environment("temporal-ui")["TEMPORAL_CODEC_ENDPOINT"]
    assert re.fullmatch(rf"http://(localhost|127\.0\.0\.1):{ports.CODEC_SERVER}", endpoint), endpoint


# --- services ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_each_service_sets_only_settings_that_exist_under_its_own_prefix(name: str) -> None:
    prefix = env_prefix(name)
    fields = set(ServiceSettings.model_fields) - SET_BY_CODE
    env = environment(name)
    foreign = sorted(key for key in env if not key.startswith(prefix))
    unknown = sorted(key for key in env if key.startswith(prefix) and key.removeprefix(prefix).lower() not in fields)
    assert not foreign, f"{name}: variables outside {prefix}*: {foreign}"
    assert not unknown, (
        f"{name}: {unknown} name no ServiceSettings field; valid: {sorted(prefix + f.upper() for f in fields)}"
    )


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_each_service_sets_every_required_setting(name: str) -> None:
    prefix = env_prefix(name)
    required = {field for field, info in ServiceSettings.model_fields.items() if info.is_required()} - SET_BY_CODE
    missing = sorted(prefix + field.upper() for field in required if prefix + field.upper() not in environment(name))
    assert not missing, f"{name}: required settings not set: {missing}"


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_each_service_environment_loads_as_its_settings(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_environment(monkeypatch, environment(name))
    settings = load_settings(name)  # the values are validated as the service will at start
    assert settings.service_name == name
    assert str(settings.jwt_public_key_file) == environment(name)[env_prefix(name) + "JWT_PUBLIC_KEY_FILE"]


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_each_service_uses_its_own_postgres_database_and_the_compose_kafka(name: str) -> None:
    env, prefix = environment(name), env_prefix(name)
    url = env[prefix + "DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url, url
    assert database_name(url) == name, f"{name} uses database {database_name(url)!r}, not its own"
    created = environment("postgres")["POSTGRES_MULTIPLE_DATABASES"].split(",")
    assert name in created, f"postgres does not create database {name!r} (creates {created})"
    assert env[prefix + "KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_each_service_migrates_its_database_then_serves_on_its_port(name: str) -> None:
    command = command_text(name)
    migrate = command.find(f"python -m services.platform.migrate {name}")
    serve = command.find(f"uvicorn services.{name}.app:create_app --factory")
    assert migrate >= 0, f"{name} does not run `python -m services.platform.migrate {name}`: {command}"
    assert serve > migrate, f"{name} does not start uvicorn after migrating: {command}"
    assert f"--port {ports.SERVICES[name]}" in command, f"{name} does not listen on {ports.SERVICES[name]}"
    assert "--host 0.0.0.0" in command, f"{name} listens only inside its container: {command}"


@pytest.mark.parametrize("name", [*SERVICE_NAMES, "worker", "codec-server"])
def test_key_files_in_settings_lie_on_volumes_mounted_into_the_container(name: str) -> None:
    mounts = [str(volume).split(":")[1] for volume in service(name).get("volumes") or []]
    key_files = {key: value for key, value in environment(name).items() if key.endswith("_FILE")}
    assert key_files, f"{name} names no key file"
    for key, path in key_files.items():
        assert any(path.startswith(mount.rstrip("/") + "/") for mount in mounts), (
            f"{name}: {key}={path} lies on none of its mounts {mounts}"
        )


def volume_mounts(name: str) -> dict[str, str]:
    """A container's named volumes: mount point → volume."""
    mounts = (str(volume).split(":") for volume in service(name).get("volumes") or [])
    return {parts[1]: parts[0] for parts in mounts}


def volume_of(name: str, path: str) -> tuple[str, str]:
    """The named volume a file of a container lies on, and the file's path inside that volume."""
    for mount, volume in volume_mounts(name).items():
        if path.startswith(mount.rstrip("/") + "/"):
            return volume, path.removeprefix(mount.rstrip("/") + "/")
    raise AssertionError(f"{name}: {path} lies on no named volume")


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_services_storing_special_category_data_have_a_key_ring_as_the_launcher_gives_them(
    name: str, tmp_path: Path
) -> None:
    variable = env_prefix(name) + "DATA_KEY_FILE"
    launcher = service_env(name, StackConfig(tmp_path, tmp_path / "lib"), tmp_path / "public.pem")
    assert (variable in environment(name)) == (variable in launcher) == (name in DATA_KEY_SERVICES), (
        f"{name}: compose sets {variable}: {variable in environment(name)}, the launcher: {variable in launcher}"
    )
    if variable in launcher:
        assert load_key_ring(Path(launcher[variable])).active_id, "the launcher leaves no usable key ring"


@pytest.mark.parametrize("name", DATA_KEY_SERVICES)
def test_each_data_key_ring_is_made_by_keys_init_and_mounted_read_only_into_its_service_alone(name: str) -> None:
    volume, file = volume_of(name, environment(name)[env_prefix(name) + "DATA_KEY_FILE"])
    users = sorted(other for other in compose()["services"] if volume in volume_mounts(other).values())
    assert users == sorted([name, "keys-init"]), f"{volume} is mounted by {users}"
    assert any(f"{volume}:" in str(v) and str(v).endswith(":ro") for v in service(name)["volumes"]), (
        f"{name} may write its key ring"
    )
    keys_init_path = next(mount for mount, v in volume_mounts("keys-init").items() if v == volume)
    created = f'ensure_key_ring(Path("{keys_init_path.rstrip("/")}/{file}"))'
    assert created in command_text("keys-init"), f"keys-init does not run {created}"


# --- worker and codec server -------------------------------------------------------------


def test_the_worker_sets_exactly_the_documented_environment() -> None:
    env = environment("worker")
    assert set(env) == WORKER_ENV, (
        f"unexpected: {sorted(set(env) - WORKER_ENV)}, missing: {sorted(WORKER_ENV - set(env))}"
    )
    fields = set(WorkerSettings.model_fields)
    unknown = sorted(key for key in env if key.removeprefix("LOTSE_WORKER_").lower() not in fields)
    assert not unknown, f"{unknown} name no WorkerSettings field ({sorted(fields)})"
    required = {field for field, info in WorkerSettings.model_fields.items() if info.is_required()}
    missing = sorted(field for field in required if f"LOTSE_WORKER_{field.upper()}" not in env)
    assert not missing, f"the worker does not set required settings {missing}"


def test_the_worker_environment_loads_as_worker_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    use_environment(monkeypatch, environment("worker"))
    settings = WorkerSettings()  # type: ignore[call-arg]
    assert settings.task_queue == TASK_QUEUE
    assert str(settings.codec_key_file) == environment("worker")["LOTSE_WORKER_CODEC_KEY_FILE"]


def test_the_worker_polls_the_journey_task_queue_and_reaches_each_service_on_its_port() -> None:
    env = environment("worker")
    assert env["LOTSE_WORKER_TASK_QUEUE"] == TASK_QUEUE == "journeys"
    assert env["LOTSE_WORKER_TEMPORAL_ADDRESS"] == f"temporal:{ports.TEMPORAL}"
    assert env["LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    for name, port in ports.SERVICES.items():
        if name == "reporting":  # a read model: no journey calls it
            continue
        assert env[f"LOTSE_WORKER_{name.upper()}_URL"] == f"http://{name}:{port}"
    assert command_text("worker") == "python -m workflows.worker"


def test_the_worker_serves_the_journeys_api_beyond_its_container_and_verifies_staff_tokens() -> None:
    env = environment("worker")
    assert env["LOTSE_WORKER_API_PORT"] == str(ports.JOURNEYS_API) == str(API_PORT)
    assert env["LOTSE_WORKER_API_HOST"] == "0.0.0.0", "the journeys API must listen beyond its container"
    services_key = {environment(name)[env_prefix(name) + "JWT_PUBLIC_KEY_FILE"] for name in SERVICE_NAMES}
    assert {env["LOTSE_WORKER_JWT_PUBLIC_KEY_FILE"]} == services_key, "staff tokens are verified with another key"


def test_the_codec_server_verifies_operator_tokens_with_the_services_key_and_the_ui_sends_its_session() -> None:
    services_key = {environment(name)[env_prefix(name) + "JWT_PUBLIC_KEY_FILE"] for name in SERVICE_NAMES}
    assert {environment("codec-server")["LOTSE_CODEC_JWT_PUBLIC_KEY_FILE"]} == services_key
    assert environment("temporal-ui")["TEMPORAL_CODEC_INCLUDE_CREDENTIALS"] == "true"


def test_the_worker_caches_as_many_journeys_as_the_launcher_gives_the_whole_demo_district() -> None:
    cached = int(environment("worker")["LOTSE_WORKER_MAX_CACHED_WORKFLOWS"])
    assert cached == journey_cache_size() == StackConfig(Path("d"), Path("k")).max_cached_workflows
    assert cached > 6650, "the demo district's journeys must all fit"


def test_worker_and_codec_server_share_one_codec_key() -> None:
    assert environment("worker")["LOTSE_WORKER_CODEC_KEY_FILE"] == environment("codec-server")["LOTSE_CODEC_KEY_FILE"]


def test_the_codec_server_sets_only_its_own_settings_and_listens_on_the_codec_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workflows.codec_server import CodecSettings  # imports cryptography: only where needed

    env = environment("codec-server")
    fields = set(CodecSettings.model_fields)
    unknown = sorted(key for key in env if key.removeprefix("LOTSE_CODEC_").lower() not in fields)
    assert not unknown, f"{unknown} name no CodecSettings field ({sorted(fields)})"
    assert {"LOTSE_CODEC_KEY_FILE", "LOTSE_CODEC_JWT_PUBLIC_KEY_FILE", "LOTSE_CODEC_CORS_ORIGINS"} <= set(env)
    assert env.get("LOTSE_CODEC_PORT", str(ports.CODEC_SERVER)) == str(ports.CODEC_SERVER)
    assert env.get("LOTSE_CODEC_HOST") == "0.0.0.0", "the codec server must listen beyond its container"
    use_environment(monkeypatch, env)
    settings = CodecSettings()  # type: ignore[call-arg]
    assert f"http://localhost:{ports.TEMPORAL_UI}" in settings.cors_origins, settings.cors_origins
    assert command_text("codec-server") == "python -m workflows.codec_server"


# --- images, health and start order ----------------------------------------------------


def test_every_third_party_image_is_pinned_to_a_version() -> None:
    unpinned = {
        name: definition["image"]
        for name, definition in compose()["services"].items()
        if "build" not in definition and (":" not in definition["image"] or definition["image"].endswith(":latest"))
    }
    assert not unpinned, f"images without a fixed tag: {unpinned}"


def test_containers_waited_for_as_healthy_have_a_healthcheck_and_jobs_do_not_restart() -> None:
    services = compose()["services"]
    for name, definition in services.items():
        for dependency, condition in (definition.get("depends_on") or {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency!r}"
            state = condition["condition"]
            if state == "service_healthy":
                assert "healthcheck" in services[dependency], f"{name} waits for {dependency} to be healthy"
            if state == "service_completed_successfully":
                restart = services[dependency].get("restart", "no")
                assert restart == "no", f"{name} waits for job {dependency} to finish, but it restarts"


def test_the_image_of_the_project_is_built_from_deploy_dockerfile() -> None:
    for name in [*SERVICE_NAMES, "worker", "codec-server", "keys-init"]:
        build = service(name).get("build")
        assert build, f"{name} does not build the project image"
        assert (REPO / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE, build


def test_the_dockerfile_installs_requirements_lock_then_the_project_without_dependencies() -> None:
    instructions = dockerfile_instructions()
    text = "\n".join(instructions)
    assert re.search(r"(FROM|ARG PYTHON_IMAGE=)python:3\.11-slim\b", text), "base image is not python:3.11-slim"
    lock = next((i for i, line in enumerate(instructions) if "pip install -r requirements.lock" in line), None)
    project = next((i for i, line in enumerate(instructions) if "pip install --no-deps ." in line), None)
    assert lock is not None, "deploy/Dockerfile does not `pip install -r requirements.lock`"
    assert project is not None, "deploy/Dockerfile does not `pip install --no-deps .`"
    assert lock < project, "the project is installed before the lock file's dependencies"
    assert any(line.startswith("COPY requirements.lock") for line in instructions[:lock])


def test_the_image_runs_as_an_unprivileged_user() -> None:
    users = [line.split()[1] for line in dockerfile_instructions() if line.startswith("USER ")]
    assert users, "deploy/Dockerfile never switches away from root"
    assert users[-1].split(":")[0] not in {"root", "0"}, f"final USER is {users[-1]}"


# --- staff app -------------------------------------------------------------------------------


def test_the_staff_app_environment_loads_as_its_settings_and_reaches_each_service_on_its_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from staff_app.settings import load_settings as load_staff_app_settings

    env = environment("staff-app")
    assert all(key.startswith("LOTSE_STAFF_APP_") for key in env), env
    use_environment(monkeypatch, env)
    settings = load_staff_app_settings()
    urls = settings.service_urls()
    for name, port in ports.SERVICES.items():
        assert urls[name] == f"http://{name}:{port}", f"the staff app reaches {name} at {urls[name]}"
    assert urls["journeys"] == f"http://worker:{ports.JOURNEYS_API}"
    mounts = [str(volume).split(":")[1] for volume in service("staff-app").get("volumes") or []]
    assert str(settings.dev_keys_dir) in mounts, "the staff app's dev signing key lies on no mounted volume"


def test_the_staff_app_serves_on_its_port_from_the_project_image() -> None:
    command = " ".join(service("staff-app")["command"])
    assert "staff_app.app:create_app" in command and f"--port {ports.STAFF_APP}" in command
    assert "--host 0.0.0.0" in command
    assert (
        REPO / service("staff-app")["build"]["context"] / service("staff-app")["build"]["dockerfile"]
    ).resolve() == (DOCKERFILE)
    assert any("htmx.org/dist/htmx.min.js" in line for line in dockerfile_instructions())
