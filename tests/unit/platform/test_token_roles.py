"""The roles a staff token carries: Lotse's own, and what becomes of a role it does not know."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import ALGORITHM, generate_key_pair, issue, verify


def _signed(private: bytes, roles: list[str]) -> str:
    now = datetime.now(UTC)
    claims = {"sub": "s-1", "roles": roles, "offices": ["plon"], "iss": "i", "aud": "a", "exp": now + timedelta(1)}
    return jwt.encode(claims, private, algorithm=ALGORITHM)


def test_team_lead_and_management_tokens_verify_with_their_roles(tmp_path):
    private, public = generate_key_pair(tmp_path)
    for role in (Role.TEAM_LEAD, Role.MANAGEMENT):
        token = issue(private.read_bytes(), StaffUser("s-1", frozenset({role}), frozenset({"*"})), "i", "a")
        assert verify(token, public.read_bytes(), "i", "a").roles == {role}


def test_a_role_lotse_does_not_know_grants_nothing_and_does_not_refuse_the_token(tmp_path):
    """An identity provider's role for another application (or a newer Lotse's) must not sign the person out."""
    private, public = generate_key_pair(tmp_path)
    token = _signed(private.read_bytes(), ["case_manager", "payroll_admin"])
    user = verify(token, public.read_bytes(), "i", "a")
    assert user.roles == {Role.CASE_MANAGER} and user.office_ids == {"plon"}


def test_a_token_of_unknown_roles_alone_is_a_user_without_roles(tmp_path):
    private, public = generate_key_pair(tmp_path)
    assert verify(_signed(private.read_bytes(), ["payroll_admin"]), public.read_bytes(), "i", "a").roles == set()
