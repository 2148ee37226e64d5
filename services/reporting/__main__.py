"""`python -m services.reporting rebuild`: drop the read model and rebuild it from the topics (service stopped).

Settings as the service's own (`LOTSE_REPORTING_*`: database URL, Kafka). See services/reporting/rebuild.py.
"""

from __future__ import annotations

import asyncio
import sys

from services.platform.settings import load_settings
from services.reporting.rebuild import rebuild


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if args != ["rebuild"]:
        raise SystemExit("usage: python -m services.reporting rebuild")
    done = asyncio.run(rebuild(load_settings("reporting")))
    print(
        f"rebuilt the reporting read model: {done.applied} events applied, {done.skipped} records skipped, "
        f"{done.seconds:.1f} s ({done.events_per_second:.0f} records/s)"
    )


if __name__ == "__main__":
    main()
