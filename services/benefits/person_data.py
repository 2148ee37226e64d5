"""What benefits holds about one person, for the right of access and erasure (`services.platform.privacy.person_data`).

The person-level rows only. A household's rows (its inputs, decisions, letters, payments) belong to every
member; they are sealed with the service's key ring and go when the household's retention ends, which
is not this person's erasure. Savings stay for the statistics, with a new random id in place of the person's.
"""

from __future__ import annotations

from services.benefits.tables import ClientProgramRow, EarnedIncomeRow, HouseholdMemberRow, ReductionRow, SavingRow
from services.platform.privacy.person_data import PSEUDONYM, PersonDataMap, PersonTable

members = HouseholdMemberRow.__table__  # type: ignore[attr-defined]

PERSON_DATA = PersonDataMap(
    service="benefits",
    office_column=(members, "office_id"),
    tables=[
        PersonTable(SavingRow.__table__, anonymise={"client_id": PSEUDONYM}),  # type: ignore[attr-defined]
        PersonTable(ReductionRow.__table__),  # type: ignore[attr-defined]
        PersonTable(EarnedIncomeRow.__table__),  # type: ignore[attr-defined]
        PersonTable(ClientProgramRow.__table__),  # type: ignore[attr-defined]
        PersonTable(members),
    ],
)
