"""The import format of a bulk migration (issue #13): each record read and checked on its own, refused with the
fields and reasons a registration's 422 names, the same record from CSV and from JSON Lines."""

from __future__ import annotations

import json

from services.intake.domain.imports import Outcome, RecordReport, counts, repeated_ids
from services.intake.import_schemas import parse
from services.intake.imports.files import read_records
from services.intake.imports.format import LegacyRecord, household_id
from services.intake.imports.schema import SCHEMA_FILE, rendered

RECORD = {
    "legacy_id": "GT-000017",
    "household_key": "BG-4711",
    "person": {"given_name": "Anna", "family_name": "Müller", "birth_date": "1985-03-02"},
    "residence_postcode": "24321",
    "sex": "female",
    "target_groups": ["single_parent", "long_term_unemployed"],
    "availability": {"earliest_daily_start": "08:00", "max_weekly_hours": 30},
    "consent": True,
    "obstacles": ["childcare", "debts"],
    "case_manager_id": "cm-lutjenburg-1",
    "program_id": "gemeinsam",
    "appointments": [{"starts_at": "2027-01-12T09:00:00+01:00", "kind": "consultation"}],
    "benefits": {"members": 2, "rent": "480.00", "heating": "95.00"},
    "employment": None,
}
CSV = (
    "legacy_id,household_key,person.given_name,person.family_name,person.birth_date,residence_postcode,sex,"
    "target_groups,availability.earliest_daily_start,availability.max_weekly_hours,consent,obstacles,"
    "case_manager_id,program_id,appointments,benefits.members,benefits.rent,benefits.heating,employment.started_on\n"
    "GT-000017,BG-4711,Anna,Müller,1985-03-02,24321,female,single_parent|long_term_unemployed,08:00,30,true,"
    "childcare|debts,cm-lutjenburg-1,gemeinsam,2027-01-12T09:00:00+01:00;consultation,2,480.00,95.00,\n"
)


def test_a_csv_row_and_a_json_line_of_the_same_person_read_as_the_same_record():
    (from_csv,) = read_records(CSV, "csv")
    (from_jsonl,) = read_records(json.dumps(RECORD) + "\n", "jsonl")
    assert LegacyRecord.model_validate(from_csv) == LegacyRecord.model_validate(from_jsonl)


def test_members_of_one_legacy_household_join_one_household_and_the_registration_is_marked_migrated():
    record = LegacyRecord.model_validate(RECORD)
    partner = LegacyRecord.model_validate({**RECORD, "legacy_id": "GT-000018"})
    assert record.to_command().household_id == partner.to_command().household_id == household_id("BG-4711")
    migration = record.to_command().migration
    assert migration is not None and migration.case_worker_id == "cm-lutjenburg-1"


def test_a_record_is_refused_with_every_field_and_reason_as_a_registration_names_them():
    bad = {**RECORD, "person": {"given_name": "", "family_name": "Müller", "birth_date": "1985-02-30"}}
    bad["residence_postcode"] = "2432"
    bad["obstacles"] = ["gambling"]
    parsed = parse(bad)
    assert parsed.command is None and parsed.legacy_id == "GT-000017"
    assert {p.field for p in parsed.errors} == {
        "person.given_name",
        "person.birth_date",
        "residence_postcode",
        "obstacles.0",
    }


def test_a_line_that_is_no_json_is_refused_alone_and_the_next_line_is_read():
    broken, good = read_records('{"legacy_id": "GT-1", \n' + json.dumps(RECORD) + "\n", "jsonl")
    assert parse(broken).errors[0].field == "record" and parse(good).command is not None


def test_a_legacy_id_named_twice_in_one_import_is_found_and_the_counts_name_every_outcome():
    assert repeated_ids(["a", "b", "a", None, None]) == {"a"}
    report = counts([RecordReport("a", Outcome.REGISTERED), RecordReport("b", Outcome.REFUSED)])
    assert report == {"registered": 1, "duplicate": 0, "already_imported": 0, "valid": 0, "refused": 1}


def test_the_committed_json_schema_is_the_one_the_format_generates():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == rendered(), "run `make schemas`"


def test_open_appointments_travel_as_times_and_channels_and_a_csv_entry_names_all_four_parts():
    (from_csv,) = read_records(CSV.replace(";consultation,", ";consultation;45;phone,"), "csv")
    migration = LegacyRecord.model_validate(from_csv).to_command().migration
    assert migration is not None
    (appointment,) = migration.appointments
    assert (appointment.starts_at.isoformat(), appointment.duration_minutes, appointment.channel) == (
        "2027-01-12T08:00:00+00:00",  # staff's moments are kept in UTC
        45,
        "phone",
    )
    refused = parse(read_records(CSV.replace(";consultation,", ";consultation;5;fax;x,"), "csv").__next__())
    assert {p.field for p in refused.errors} == {
        "appointments.0.duration_minutes",
        "appointments.0.channel",
        "appointments.0.part_5",
    }
