"""The demo district as data: the same offices as intake, Lütjenburg's hours from seed 000, and a roster
big enough for every office's clients at the Joboffensive ratio 1:100 (seed 003)."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import time
from pathlib import Path

import pytest

from services.coaching.app import load_reference
from services.coaching.domain.offices import OpeningSpan
from services.coaching.domain.staffing import Specialty, StaffMember, check_staff_member
from services.platform.auth.staff import Role
from services.platform.errors import RuleViolation

REFERENCE = load_reference()
INTAKE_OFFICES = Path(__file__).resolve().parents[3] / "services" / "intake" / "data" / "offices.json"
# Seed 000: Lütjenburg 850 clients (about 100 young people), Plön and Heikendorf 1,200, Preetz 1,700;
# Celle has no figure in the seeds and is assumed the size of Preetz (as the simulator does).
CLIENTS = {
    "lutjenburg": (850, 100),
    "plon": (1200, 141),
    "heikendorf": (1200, 141),
    "preetz": (1700, 200),
    "celle": (1700, 200),
}


def case_managers(office_id: str, specialty: Specialty | None = None) -> list[StaffMember]:
    return [
        m
        for m in REFERENCE.roster
        if m.office_id == office_id and m.is_case_manager and (specialty is None or specialty in m.specialties)
    ]


def test_the_offices_are_intakes_offices():
    intake_ids = {o["office_id"] for o in json.loads(INTAKE_OFFICES.read_text())["offices"]}
    assert {o.office_id for o in REFERENCE.offices.all()} == intake_ids


def test_lutjenburg_opens_daily_at_eight_until_half_past_twelve_and_on_thursday_afternoons():
    spans = set(REFERENCE.offices.get("lutjenburg").opening_hours)
    mornings = {OpeningSpan(d, time(8), time(12, 30)) for d in range(5)}
    assert spans == mornings | {OpeningSpan(3, time(14), time(18))}


@pytest.mark.parametrize("office_id", sorted(CLIENTS))
def test_every_office_has_room_for_its_clients_at_the_joboffensive_ratio(office_id):
    clients, youths = CLIENTS[office_id]
    assert len(case_managers(office_id)) == math.ceil(clients / 100)
    assert len(case_managers(office_id, Specialty.YOUTH)) * 75 >= youths  # under 25: 1:75
    assert case_managers(office_id, Specialty.EQUAL_OPPORTUNITIES)  # seed 001, § 18e SGB II


def test_lutjenburg_has_nine_case_managers_and_four_coaches():
    coaches = [m for m in REFERENCE.roster if m.office_id == "lutjenburg" and Role.COACH in m.roles]
    assert (len(case_managers("lutjenburg")), len(coaches)) == (9, 4)  # 850 / 100; seed 000: "drei bis vier"


def test_staff_ids_are_unique_and_every_member_is_valid():
    assert not [i for i, n in Counter(m.staff_id for m in REFERENCE.roster).items() if n > 1]
    for m in REFERENCE.roster:
        check_staff_member(m, [o.office_id for o in REFERENCE.offices.all()])


@pytest.mark.parametrize(
    ("office", "roles", "field"),
    [
        ("kiel", {Role.CASE_MANAGER}, "office_id"),
        ("plon", {Role.PLACEMENT_OFFICER}, "roles"),
        ("plon", set(), "roles"),
    ],
)
def test_a_staff_member_needs_a_known_office_and_a_coaching_role(office, roles, field):
    with pytest.raises(RuleViolation) as refused:
        check_staff_member(StaffMember("x-1", office, frozenset(roles), frozenset()), ["plon"])
    assert refused.value.field == field
