"""The roster of `make run` and its tokens: what coaching knows plus each office's desks, signed locally."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.platform.auth.staff import Role
from services.platform.auth.tokens import generate_key_pair, verify
from staff_app.settings import StaffAppSettings
from staff_app.signin.dev import DevSignIn, roster

OFFICES = [{"office_id": "lutjenburg", "name": "Lütjenburg"}, {"office_id": "plon", "name": "Plön"}]
MEMBERS = [
    {"staff_id": "lutjenburg-cm-01", "office_id": "lutjenburg", "roles": ["case_manager"]},
    {"staff_id": "lutjenburg-coach-01", "office_id": "lutjenburg", "roles": ["coach"]},
    {"staff_id": "plon-cm-01", "office_id": "plon", "roles": ["case_manager"]},
]


def test_the_roster_lists_coachings_staff_then_each_offices_desks_office_by_office():
    entries = roster(OFFICES, MEMBERS)
    assert [e.staff_id for e in entries] == [
        "lutjenburg-cm-01",
        "lutjenburg-coach-01",
        "lutjenburg-placement-01",
        "lutjenburg-benefits-01",
        "lutjenburg-intake-01",
        "lutjenburg-lead-01",
        "lutjenburg-privacy-01",
        "plon-cm-01",
        "plon-placement-01",
        "plon-benefits-01",
        "plon-intake-01",
        "plon-lead-01",
        "plon-privacy-01",
        "jobcenter-management-01",
    ]
    assert entries[0].label == "Lütjenburg: Fallmanagement (lutjenburg-cm-01)"
    lead = next(e for e in entries if e.staff_id == "lutjenburg-lead-01")
    assert set(lead.roles) == {"case_manager", "team_lead"}


def test_a_team_leads_token_is_for_their_office_and_not_an_operators(tmp_path):
    """Operators act for every office on journeys; the team lead of Lütjenburg reads Lütjenburg only."""
    _, public = generate_key_pair(tmp_path)
    lead = next(e for e in roster(OFFICES, MEMBERS) if e.staff_id == "lutjenburg-lead-01")
    user = verify(DevSignIn(tmp_path).staff(lead).token, public.read_bytes(), "lotse-dev", "lotse")
    assert user.roles == {Role.CASE_MANAGER, Role.TEAM_LEAD} and user.office_ids == {"lutjenburg"}


def test_management_signs_in_for_every_office_with_the_management_role_alone(tmp_path):
    _, public = generate_key_pair(tmp_path)
    entry = roster(OFFICES, MEMBERS)[-1]
    user = verify(DevSignIn(tmp_path).staff(entry).token, public.read_bytes(), "lotse-dev", "lotse")
    assert user.roles == {Role.MANAGEMENT} and user.office_ids == {"*"}
    assert entry.label == "Jobcenter: Geschäftsführung (jobcenter-management-01)"


def test_a_roster_token_is_signed_with_the_local_key_for_the_members_office_alone(tmp_path):
    _, public = generate_key_pair(tmp_path)
    entry = roster(OFFICES, MEMBERS)[0]
    staff = DevSignIn(tmp_path).staff(entry)
    user = verify(staff.token, public.read_bytes(), "lotse-dev", "lotse")
    assert user.staff_id == "lutjenburg-cm-01"
    assert user.office_ids == {"lutjenburg"} and set(user.roles) == {"case_manager"}


def test_settings_need_a_way_to_sign_in(tmp_path):
    with pytest.raises(ValidationError, match="OIDC"):
        StaffAppSettings(database_url="sqlite+aiosqlite://", session_key_file=tmp_path / "session.key")


def test_settings_need_a_database_and_a_key_for_the_sessions(tmp_path):
    with pytest.raises(ValidationError) as refused:
        StaffAppSettings(dev_keys_dir=tmp_path)
    assert {error["loc"][0] for error in refused.value.errors()} == {"database_url", "session_key_file"}


def test_cookies_are_secure_exactly_when_the_app_is_served_over_tls(tmp_path):
    sessions = {"database_url": "sqlite+aiosqlite://", "session_key_file": tmp_path / "session.key"}
    assert StaffAppSettings(dev_keys_dir=tmp_path, public_url="https://lotse.example", **sessions).secure_cookies
    assert not StaffAppSettings(dev_keys_dir=tmp_path, public_url="http://127.0.0.1:8010", **sessions).secure_cookies
