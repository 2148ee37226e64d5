"""Custom search attributes of client journeys: ids and stages only, never personal data.

Search attributes are stored in clear text by Temporal (they bypass the payload codec).
"""

from __future__ import annotations

JOURNEY_SEARCH_ATTRIBUTES: dict[str, str] = {
    "JourneyStage": "Keyword",
    "OfficeId": "Keyword",
    "CaseWorkerId": "Keyword",
    "ProgramId": "Keyword",
    "TargetGroups": "KeywordList",
    "NextDueAt": "Datetime",
}


def dev_server_flags() -> list[str]:
    """`--search-attribute Name=Type` flags for `temporal server start-dev`."""
    flags: list[str] = []
    for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items():
        flags += ["--search-attribute", f"{name}={kind}"]
    return flags
