"""`lotse-stack run` puts the journey worker and the simulator on one compressed calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.launcher.cli import parser, plan
from deploy.launcher.process import LauncherError
from deploy.launcher.stack import StackConfig, worker_env


def planned(*argv: str):
    return plan(parser().parse_args(["run", *argv]))


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_lutjenburg_at_its_seed_size_gets_a_month_long_enough_for_850_clients():
    config, simulator = planned("--clients", "850", "--office", "lutjenburg")
    assert config.seconds_per_month == 57
    env = worker_env(config, Path("codec.key"), Path("signing.pem"))
    assert env["LOTSE_WORKER_SECONDS_PER_MONTH"] == "57"
    assert simulator is not None
    assert option(simulator, "--seconds-per-month") == "57" and option(simulator, "--office") == "lutjenburg"
    assert option(simulator, "--intake-url") == f"http://127.0.0.1:{config.service_ports['intake']}"
    assert option(simulator, "--journeys-url") == f"http://127.0.0.1:{config.journeys_api_port}"
    assert env["LOTSE_WORKER_API_PORT"] == str(config.journeys_api_port)


def test_the_default_demo_runs_the_whole_district_on_ten_second_months():
    config, simulator = planned()
    assert config.seconds_per_month == 10 and simulator is not None and "--office" not in simulator
    assert option(simulator, "--keys") == str(config.data_dir / "keys")


def test_without_simulation_the_journeys_keep_the_real_calendar_unless_told():
    config, simulator = planned("--no-simulation")
    assert simulator is None and config.seconds_per_month is None
    assert "LOTSE_WORKER_SECONDS_PER_MONTH" not in worker_env(config, Path("c"), Path("s"))
    assert planned("--no-simulation", "--seconds-per-month", "5")[0].seconds_per_month == 5


def test_the_worker_caches_every_journey_of_the_demo_district_with_a_margin():
    config, _ = planned()
    env = worker_env(config, Path("c"), Path("s"))
    assert int(env["LOTSE_WORKER_MAX_CACHED_WORKFLOWS"]) == config.max_cached_workflows == 7315  # 6,650 + 10 %


def test_more_clients_than_the_district_holds_get_a_cache_to_match():
    config, _ = planned("--clients", "20000")
    assert config.max_cached_workflows == 22000


def test_one_office_alone_still_caches_more_than_the_sdk_default():
    lutjenburg, _ = planned("--clients", "850", "--office", "lutjenburg")
    plon_and_preetz, _ = planned("--office", "plon", "--office", "preetz")
    assert lutjenburg.max_cached_workflows == 1000  # 850 + 10 % is below the SDK's default
    assert plon_and_preetz.max_cached_workflows == 3190  # (1,200 + 1,700) + 10 %


def test_the_health_waits_are_not_fixed_a_loaded_machine_lengthens_them(monkeypatch):
    """The option, then the environment (what the browser and e2e fixtures' stacks read), then 60/180 s."""
    monkeypatch.delenv("LOTSE_STARTUP_SECONDS", raising=False)
    monkeypatch.delenv("LOTSE_WORKER_STARTUP_SECONDS", raising=False)
    config, _ = planned()
    assert (config.startup_seconds, config.worker_startup_seconds) == (60, 180)
    assert planned("--startup-seconds", "240")[0].startup_seconds == 240
    monkeypatch.setenv("LOTSE_STARTUP_SECONDS", "300")
    monkeypatch.setenv("LOTSE_WORKER_STARTUP_SECONDS", "600")
    on_free_ports = StackConfig.on_free_ports(Path("d"), Path("k"))
    assert (on_free_ports.startup_seconds, on_free_ports.worker_startup_seconds) == (300, 600)
    monkeypatch.setenv("LOTSE_STARTUP_SECONDS", "soon")
    with pytest.raises(LauncherError, match="LOTSE_STARTUP_SECONDS"):
        StackConfig(Path("d"), Path("k"))
