"""Problem details as a form shows them: the reason next to the field it names, in German."""

from __future__ import annotations

from staff_app.problems import form_errors, form_field, german

OPENING_HOURS = (
    "Mon 2026-12-07 13:00 is outside the opening hours of Lütjenburg: Mon 08:00–12:30; Tue 08:00–12:30; "
    "Wed 08:00–12:30; Thu 08:00–12:30, 14:00–18:00; Fri 08:00–12:30 (Europe/Berlin)"
)


def test_a_refusal_outside_opening_hours_names_the_field_and_reads_german():
    problem = {"status": 422, "errors": [{"field": "occurred_at", "reason": OPENING_HOURS}]}
    errors = form_errors(problem, ["channel", "occurred_at"])
    assert list(errors.fields) == ["occurred_at"] and not errors.general
    assert errors.fields["occurred_at"].startswith(
        "Mo 07.12.2026 13:00 liegt außerhalb der Öffnungszeiten von Lütjenburg"
    )
    assert "Do 08:00–12:30, 14:00–18:00" in errors.fields["occurred_at"]


def test_a_refused_appointment_reads_its_day_and_duration_as_a_german_reader_writes_them():
    reason = "Mon 2026-11-30 13:00 for 30 min " + OPENING_HOURS.split(" ", 3)[3]
    assert german(reason).startswith("Mo 30.11.2026 13:00 für 30 Min. liegt außerhalb der Öffnungszeiten")


def test_a_refusal_outside_a_consultation_day_reads_its_day_in_german():
    reason = "Wed 2026-01-14 10:00 is outside the consultation hours — Wed 09:00–12:00 (Europe/Berlin)"
    assert german(reason) == "Mi 14.01.2026 10:00 liegt außerhalb der Sprechzeiten: Mi 09:00–12:00 (Europe/Berlin)"


def test_query_and_body_locations_and_nested_fields_find_the_forms_field():
    assert form_field("query.name", ["name"]) == "name"
    assert form_field("body.person.birth_date", ["person.birth_date"]) == "person.birth_date"
    assert form_field("members.0.birth_date", ["members"]) == "members"
    assert form_field("earned_incomes.0.gross", ["gross"], {"earned_incomes.0.gross": "gross"}) == "gross"
    assert form_field("housing", ["rent"]) is None


def test_a_reason_for_a_field_the_form_does_not_have_is_shown_above_the_form():
    problem = {"errors": [{"field": "body", "reason": "Field required"}, {"field": "postcode", "reason": "too short"}]}
    errors = form_errors(problem, ["postcode"])
    assert errors.general == ["Bitte ausfüllen."]
    assert errors.fields == {"postcode": "too short"}  # unknown reasons are shown as the service gave them


def test_two_reasons_for_one_field_are_both_shown():
    problem = {"errors": [{"field": "gross", "reason": "Field required"}, {"field": "gross", "reason": "odd"}]}
    assert form_errors(problem, ["gross"]).fields == {"gross": "Bitte ausfüllen. odd"}


def test_a_problem_without_errors_shows_its_detail():
    errors = form_errors({"status": 409, "title": "Conflict", "detail": "no-capacity"}, ["x"])
    assert errors.general == ["no-capacity"] and not errors.fields


def test_placement_exclusion_reasons_read_german():
    assert german("daily start 06:00 is before the client's earliest start 08:00") == (
        "Arbeitsbeginn 06:00 Uhr liegt vor dem frühesten möglichen Beginn der Kundin/des Kunden um 08:00 Uhr"
    )
    assert german("commute of 75 minutes exceeds the client's maximum of 60 minutes") == (
        "Fahrzeit von 75 Minuten übersteigt das Höchstmaß von 60 Minuten"
    )
    assert german("no open positions") == "keine offenen Stellen mehr"


def test_a_postcode_that_is_not_five_digits_reads_german_and_other_patterns_do_too():
    assert german("String should match pattern '^[0-9]{5}$'") == "Bitte eine fünfstellige Postleitzahl angeben."
    assert german("String should match pattern '^[a-z]+$'") == "Bitte in der vorgesehenen Form angeben."


def test_a_refused_income_row_reads_german_next_to_its_field():
    problem = {
        "errors": [
            {"field": "body.members.1.incomes.0.net", "reason": "900.00 exceeds the gross amount 800.00"},
            {"field": "members.0.assets.0", "reason": "Value error, an owner-occupied home needs living_area_m2 (x)"},
        ]
    }
    aliases = {"members.1.incomes.0.net": "income_2_net", "members.0.assets.0": "asset_0_value"}
    errors = form_errors(problem, ["income_2_net", "asset_0_value"], aliases)
    assert errors.fields == {
        "income_2_net": "900.00 übersteigt den Bruttobetrag 800.00.",
        "asset_0_value": "Für Wohneigentum bitte die Wohnfläche angeben (§ 12 Abs. 1 S. 2 Nr. 5 SGB II).",
    }
