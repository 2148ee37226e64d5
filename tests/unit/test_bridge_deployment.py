"""More bridges in one consumer group: `lotse-stack run --bridges N` and compose agree with the code."""

from __future__ import annotations

import pytest

from deploy.launcher.bridges import BRIDGE_ARGV
from deploy.launcher.cli import parser, plan
from tests.unit.test_compose_consistency import command_text, environment, service, use_environment
from workflows.settings import BridgeSettings


def test_the_launcher_runs_one_bridge_unless_told_more():
    config, _ = plan(parser().parse_args(["run", "--no-simulation"]))
    assert config.bridges == 1
    config, _ = plan(parser().parse_args(["run", "--no-simulation", "--bridges", "3"]))
    assert config.bridges == 3


def test_the_launcher_refuses_a_stack_without_a_bridge(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["run", "--bridges", "0"])
    assert "--bridges: at least 1" in capsys.readouterr().err


def test_compose_runs_the_same_bridge_process_as_the_launcher_and_none_by_default():
    assert command_text("bridge") == " ".join(["python", *BRIDGE_ARGV[1:]])
    assert service("bridge")["deploy"]["replicas"] == "${LOTSE_EXTRA_BRIDGES:-0}"


def test_the_compose_bridges_join_the_workers_groups_on_its_temporal_and_task_queue(monkeypatch):
    use_environment(monkeypatch, environment("bridge"))
    bridge = BridgeSettings()
    worker = environment("worker")
    assert bridge.kafka_bootstrap_servers == worker["LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS"]
    assert bridge.temporal_address == worker["LOTSE_WORKER_TEMPORAL_ADDRESS"]
    assert bridge.temporal_namespace == worker["LOTSE_WORKER_TEMPORAL_NAMESPACE"]
    assert bridge.task_queue == worker["LOTSE_WORKER_TASK_QUEUE"]
    assert str(bridge.codec_key_file) == worker["LOTSE_WORKER_CODEC_KEY_FILE"]
