"""Custom search attributes of client journeys and hearings: ids and stages only, never personal data.

The one definition of each key: the workflow upserts them, the bridge sets the stage at
start, the launcher and the tests register them (by the type names of `--search-attribute`).
Search attributes are stored in clear text by Temporal (they bypass the payload codec).
"""

from __future__ import annotations

from typing import Any

from temporalio.common import SearchAttributeIndexedValueType, SearchAttributeKey

STAGE = SearchAttributeKey.for_keyword("JourneyStage")
OFFICE = SearchAttributeKey.for_keyword("OfficeId")
CASE_WORKER = SearchAttributeKey.for_keyword("CaseWorkerId")
PROGRAM = SearchAttributeKey.for_keyword("ProgramId")
TARGET_GROUPS = SearchAttributeKey.for_keyword_list("TargetGroups")
NEXT_DUE = SearchAttributeKey.for_datetime("NextDueAt")
# Temporal's own: the time a Schedule meant an action to start (the payment run reads its month from it).
SCHEDULED_START = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")
JOURNEY_KEYS: tuple[SearchAttributeKey[Any], ...] = (STAGE, OFFICE, CASE_WORKER, PROGRAM, TARGET_GROUPS, NEXT_DUE)
# Hearings (workflows/hearing/): whether one is open, besides OfficeId; never the incident's kind or reason.
# A journey sets it too while a hearing of its client is open (`journey-hearings`): an operator finds those
# clients with `WorkflowType = 'ClientJourney' AND HearingOpen = true`.
HEARING_OPEN = SearchAttributeKey.for_bool("HearingOpen")
HEARING_KEYS: tuple[SearchAttributeKey[Any], ...] = (OFFICE, HEARING_OPEN)
REGISTERED_KEYS: tuple[SearchAttributeKey[Any], ...] = (*JOURNEY_KEYS, HEARING_OPEN)

# The type names `temporal server start-dev --search-attribute Name=Type` and
# `temporal operator search-attribute create --type` accept.
TYPE_NAMES: dict[SearchAttributeIndexedValueType, str] = {
    SearchAttributeIndexedValueType.TEXT: "Text",
    SearchAttributeIndexedValueType.KEYWORD: "Keyword",
    SearchAttributeIndexedValueType.INT: "Int",
    SearchAttributeIndexedValueType.DOUBLE: "Double",
    SearchAttributeIndexedValueType.BOOL: "Bool",
    SearchAttributeIndexedValueType.DATETIME: "Datetime",
    SearchAttributeIndexedValueType.KEYWORD_LIST: "KeywordList",
}
# Every key the workflows use (the name is older than the hearings), as the launcher and compose register them.
JOURNEY_SEARCH_ATTRIBUTES: dict[str, str] = {key.name: TYPE_NAMES[key.indexed_value_type] for key in REGISTERED_KEYS}


def dev_server_flags() -> list[str]:
    """`--search-attribute Name=Type` flags for `temporal server start-dev`."""
    flags: list[str] = []
    for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items():
        flags += ["--search-attribute", f"{name}={kind}"]
    return flags
