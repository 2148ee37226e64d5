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
        "Mo 2026-12-07 13:00 liegt außerhalb der Öffnungszeiten von Lütjenburg"
    )
    assert "Do 08:00–12:30, 14:00–18:00" in errors.fields["occurred_at"]


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
