"""Which schema changes break consumers: at the top level and inside `$defs`, `items` and `anyOf`."""

from __future__ import annotations

import copy

import pytest

from contracts import schema_registry
from contracts.events import ClientRegisteredV1, ContactRecordedV1
from contracts.schema_registry import breaking_changes


@pytest.fixture
def schema():
    return copy.deepcopy(schema_registry.generate()[ClientRegisteredV1.type])


def availability(schema):
    return schema["$defs"]["AvailabilityV1"]


def test_removing_a_field_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    del changed["properties"]["office_id"]
    assert breaking_changes(schema, changed) == ["field 'office_id' was removed"]


def test_changing_a_fields_type_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["office_id"] = {"type": "integer"}
    assert breaking_changes(schema, changed) == ["field 'office_id' changed type"]


def test_changing_a_fields_format_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["registered_at"]["format"] = "date"
    assert breaking_changes(schema, changed) == ["field 'registered_at' changed type"]


def test_a_new_required_field_is_a_breaking_change_and_a_new_optional_one_is_not(schema):
    optional = copy.deepcopy(schema)
    optional["properties"]["programme"] = {"type": "string"}
    assert breaking_changes(schema, optional) == []
    required = copy.deepcopy(optional)
    required["required"].append("programme")
    assert breaking_changes(schema, required) == ["field 'programme' became required"]


def test_removing_a_field_of_a_nested_model_in_defs_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    del availability(changed)["properties"]["max_commute_minutes"]
    assert breaking_changes(schema, changed) == ["field 'availability.max_commute_minutes' was removed"]


def test_changing_a_type_inside_defs_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    availability(changed)["properties"]["max_weekly_hours"]["anyOf"][0] = {"type": "string"}
    assert breaking_changes(schema, changed) == ["field 'availability.max_weekly_hours' changed type"]


def test_a_field_of_a_nested_model_that_became_required_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    availability(changed)["required"] = ["earliest_daily_start"]
    assert breaking_changes(schema, changed) == ["field 'availability.earliest_daily_start' became required"]


def test_a_new_optional_field_of_a_nested_model_is_not_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    availability(changed)["properties"]["night_shifts"] = {"anyOf": [{"type": "boolean"}, {"type": "null"}]}
    assert breaking_changes(schema, changed) == []


def test_a_nested_model_moved_under_another_name_is_the_same_contract(schema):
    changed = copy.deepcopy(schema)
    changed["$defs"]["Availability"] = changed["$defs"].pop("AvailabilityV1")
    changed["properties"]["availability"]["anyOf"][0] = {"$ref": "#/$defs/Availability"}
    assert breaking_changes(schema, changed) == []


def test_inlining_a_nested_model_that_was_a_ref_is_the_same_contract(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["availability"]["anyOf"][0] = changed["$defs"].pop("AvailabilityV1")
    assert breaking_changes(schema, changed) == []


def test_a_nested_model_that_became_a_plain_string_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["availability"]["anyOf"][0] = {"type": "string"}
    assert breaking_changes(schema, changed) == ["field 'availability' changed type"]


def test_a_field_that_may_now_be_null_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["office_id"] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert breaking_changes(schema, changed) == ["field 'office_id' changed type"]


def test_changing_the_items_of_a_list_is_a_breaking_change(schema):
    changed = copy.deepcopy(schema)
    changed["properties"]["target_groups"]["items"] = {"type": "integer"}
    assert breaking_changes(schema, changed) == ["field 'target_groups[]' changed type"]


def test_a_new_or_a_removed_enum_value_in_defs_is_a_breaking_change():
    schema = schema_registry.generate()[ContactRecordedV1.type]
    added, removed = copy.deepcopy(schema), copy.deepcopy(schema)
    added["$defs"]["ContactChannel"]["enum"].append("sms")
    removed["$defs"]["ContactChannel"]["enum"].remove("video")
    assert breaking_changes(schema, added) == ["field 'channel' changed its values: added ['sms']"]
    assert breaking_changes(schema, removed) == ["field 'channel' changed its values: removed ['video']"]


def test_a_recursive_model_is_compared_once_per_level_and_ends():
    tree = {
        "type": "object",
        "properties": {"child": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]}},
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "label": {"type": "string"},
                    "child": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
                },
            }
        },
    }
    changed = copy.deepcopy(tree)
    changed["$defs"]["Node"]["properties"]["label"] = {"type": "integer"}
    assert breaking_changes(tree, tree) == []
    assert breaking_changes(tree, changed) == ["field 'child.label' changed type"]
