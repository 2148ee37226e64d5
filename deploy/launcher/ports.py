"""Default ports of the local stack (`make run`). Tests pick free ports instead."""

from __future__ import annotations

KAFKA = 9092
KAFKA_CONTROLLER = 9093
TEMPORAL = 7233
TEMPORAL_UI = 8233
CODEC_SERVER = 8081
JOURNEYS_API = 8005  # served by the journey worker process
STAFF_APP = 8010  # the staff web app (staff_app/)
POSTGRES = 5432

SERVICES: dict[str, int] = {
    "intake": 8001,
    "coaching": 8002,
    "placement": 8003,
    "benefits": 8004,
    "reporting": 8006,  # the § 48a read model (8005 is the journeys API)
}
