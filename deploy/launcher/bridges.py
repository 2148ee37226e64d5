"""Bridge-only processes (`python -m workflows.bridge_process`): more members of the bridge's consumer groups.

`lotse-stack run --bridges N` runs N bridges in all: the worker's own and N−1 of these. The
benchmark and the fault tests start them the same way and ask Kafka how many have joined.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from contracts import topics
from deploy.launcher.process import ManagedProcess
from services.platform.consumer import Subscription, group_id
from workflows.bridge import CONSUMER

BRIDGE_ARGV = (sys.executable, "-m", "workflows.bridge_process")
REGISTRATIONS_GROUP = group_id(Subscription(CONSUMER, topics.CLIENTS))


def bridge_process(name: str, logs: Path, env: Mapping[str, str]) -> ManagedProcess:
    """A bridge process (not started) with `env` (`LOTSE_WORKER_*`) over this process's environment."""
    return ManagedProcess(name, BRIDGE_ARGV, logs / f"{name}.log", env={**os.environ, **env})


async def stable_members(bootstrap_servers: str, group: str = REGISTRATIONS_GROUP) -> int:
    """Members of the consumer group once it is stable (0 while it rebalances, is empty or has no coordinator yet)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([group])
    except KafkaError:  # the broker creates the offsets topic, and with it the coordinator, on first use
        return 0
    finally:
        await admin.close()
    described = response.to_object()["groups"][0]
    return len(described["members"]) if described["state"] == "Stable" else 0
