"""The launcher's environment for the staff app loads as its settings and names the stack's own ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.launcher.stack import StackConfig, staff_app_env
from staff_app.settings import load_settings


def test_the_staff_app_of_a_stack_on_free_ports_reaches_that_stacks_services(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    config = StackConfig.on_free_ports(tmp_path / "stack", Path("/tmp/kafka-lib"))
    ports = {config.staff_app_port, config.journeys_api_port, *config.service_ports.values()}
    assert len(ports) == 2 + len(config.service_ports)  # all distinct
    for key, value in staff_app_env(config).items():
        monkeypatch.setenv(key, value)
    settings = load_settings()
    urls = settings.service_urls()
    assert urls["journeys"] == f"http://127.0.0.1:{config.journeys_api_port}"
    for name, port in config.service_ports.items():
        assert urls[name] == f"http://127.0.0.1:{port}"
    assert settings.dev_keys_dir == tmp_path / "stack" / "keys"
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'stack' / 'databases' / 'staff_app.db'}"
    assert settings.session_key_file.read_bytes() != b"" and settings.session_key_file.parent == settings.dev_keys_dir
    assert settings.public_url == f"http://127.0.0.1:{config.staff_app_port}"
