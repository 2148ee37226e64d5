"""Signed staff tokens for tests, from a key pair made once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue


@dataclass(frozen=True)
class TokenIssuer:
    private_key: Path
    public_key: Path

    @classmethod
    def create(cls, directory: Path) -> TokenIssuer:
        return cls(*generate_key_pair(directory))

    def token(self, *roles: Role, offices: tuple[str, ...] = ("*",), staff_id: str = "staff-1") -> str:
        user = StaffUser(staff_id, frozenset(roles), frozenset(offices))
        return issue(self.private_key.read_bytes(), user, "lotse-dev", "lotse")

    def headers(self, *roles: Role, offices: tuple[str, ...] = ("*",), staff_id: str = "staff-1") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(*roles, offices=offices, staff_id=staff_id)}"}
