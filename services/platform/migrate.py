"""`python -m services.platform.migrate <service>`: bring a service's database to the newest schema.

Run as an explicit step before the service starts (the launcher and docker-compose do).
"""

from __future__ import annotations

import sys

from services.platform.migrations import upgrade
from services.platform.settings import load_settings


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1 or args[0] not in {"intake", "coaching", "placement", "benefits", "reporting"}:
        raise SystemExit("usage: python -m services.platform.migrate intake|coaching|placement|benefits|reporting")
    settings = load_settings(args[0])
    upgrade(args[0], settings.database_url)


if __name__ == "__main__":
    main()
