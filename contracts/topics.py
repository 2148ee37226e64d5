"""The topic registry: one topic per aggregate, versioned, each with a dead-letter twin.

A topic's key is the client id (or household id for benefits) so that one client's
events stay in order on one partition.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    owner: str  # the service that publishes to it
    key: str  # what the record key holds
    partitions: int = 6

    @property
    def dead_letter(self) -> str:
        return f"{self.name}.dlq"


CLIENTS = Topic("intake.clients.v1", owner="intake", key="client_id")
CASES = Topic("coaching.cases.v1", owner="coaching", key="client_id")
EMPLOYMENTS = Topic("placement.employments.v1", owner="placement", key="client_id")
ENTITLEMENTS = Topic("benefits.entitlements.v1", owner="benefits", key="household_id")
PAYMENTS = Topic("benefits.payments.v1", owner="benefits", key="household_id")

ALL: tuple[Topic, ...] = (CLIENTS, CASES, EMPLOYMENTS, ENTITLEMENTS, PAYMENTS)


def all_topic_names() -> list[str]:
    """Every topic the platform needs, dead-letter topics included."""
    return [name for topic in ALL for name in (topic.name, topic.dead_letter)]
