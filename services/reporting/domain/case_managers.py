"""Case managers per programme, for the caseload yardstick (§ 44c Abs. 4 SGB II, Betreuungsschlüssel), no I/O.

Reporting hears of case managers only through coaching's case_assigned: each client's latest assignment names
the programme and the case worker. A case manager counts for a programme while they hold at least one case of
it; one who holds cases of two programmes counts for each (coaching's catalogue gives each programme its own
ratio, so a mixed caseload is measured against each). Cases without a programme count for none.
"""

from collections.abc import Iterable


def case_managers_per_programme(assignments: Iterable[tuple[str | None, str | None]]) -> dict[str, int]:
    """`assignments`: (programme id, case worker id) of each client's latest case assignment."""
    workers: dict[str, set[str]] = {}
    for programme, worker in assignments:
        if programme is not None and worker is not None:
            workers.setdefault(programme, set()).add(worker)
    return {programme: len(staff) for programme, staff in sorted(workers.items())}
