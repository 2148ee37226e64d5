"""`lotse-token`: issue a development staff token signed with the local key of `make run`."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Issue a development staff token (never for production).")
    parser.add_argument("--staff-id", default="dev-staff-1")
    parser.add_argument("--role", action="append", choices=[r.value for r in Role], required=True)
    parser.add_argument("--office", action="append", default=None, help="office id, or * for all")
    parser.add_argument("--keys", type=Path, default=Path(".local/data/keys"))
    parser.add_argument("--hours", type=int, default=8)
    args = parser.parse_args(argv)
    private, _ = generate_key_pair(args.keys)
    user = StaffUser(args.staff_id, frozenset(Role(r) for r in args.role), frozenset(args.office or ["*"]))
    print(issue(private.read_bytes(), user, "lotse-dev", "lotse", timedelta(hours=args.hours)))


if __name__ == "__main__":
    main()
