"""Reporting's person-level facts, for the right of access; on erasure they stay for the statistics, anonymous.

Erasure replaces the client id in every reporting table with one new random id that is kept nowhere, so the
§ 48a counts (integrations, continuous employment, needy months) stay as they were and no row leads back to
the person. Household-level rows (benefit months, payments) name households, not persons, and stay.
"""

from __future__ import annotations

from services.platform.privacy.person_data import PSEUDONYM, PersonDataMap, PersonTable
from services.reporting.tables import (
    CohortMemberRow,
    ContactMonthRow,
    EmploymentMonthRow,
    EmploymentRow,
    MergedClientRow,
    NeedyMonthRow,
    PersonRow,
    ProgrammeRow,
)

people = PersonRow.__table__  # type: ignore[attr-defined]
ANONYMOUS = {"client_id": PSEUDONYM}

PERSON_DATA = PersonDataMap(
    service="reporting",
    office_column=(people, "office_id"),
    tables=[
        PersonTable(getattr(table, "__table__"), anonymise=ANONYMOUS)  # noqa: B009  (SQLModel's table, untyped)
        for table in (
            ContactMonthRow,
            EmploymentMonthRow,
            EmploymentRow,
            NeedyMonthRow,
            ProgrammeRow,
            CohortMemberRow,
            PersonRow,
        )
    ]
    + [PersonTable(getattr(MergedClientRow, "__table__"), client_columns=("client_id", "merged_into"))],  # noqa: B009
)
