"""What placement holds about a person, for the right of access and erasure (`services.platform.privacy.person_data`).

Children first: erasure deletes in this order (checks → employments → proposals → searches → profile).
Employers and vacancies are the employers' data and stay; the record of a merge (ids only) stays as intake's does.
"""

from __future__ import annotations

from services.placement.tables import (
    ClientMergeRow,
    ClientProfileRow,
    ContinuationCheckRow,
    EmploymentRow,
    JobSearchRow,
    PlacementProfileRow,
    ProposalRow,
)
from services.platform.privacy.person_data import PersonDataMap, PersonTable

profiles = ClientProfileRow.__table__  # type: ignore[attr-defined]
employments = EmploymentRow.__table__  # type: ignore[attr-defined]

PERSON_DATA = PersonDataMap(
    service="placement",
    office_column=(profiles, "office_id"),
    tables=[
        PersonTable(
            ContinuationCheckRow.__table__,  # type: ignore[attr-defined]
            through=("employment_id", employments, "employment_id"),
        ),
        PersonTable(employments),
        PersonTable(ProposalRow.__table__),  # type: ignore[attr-defined]
        PersonTable(JobSearchRow.__table__),  # type: ignore[attr-defined]
        PersonTable(PlacementProfileRow.__table__),  # type: ignore[attr-defined]
        PersonTable(ClientMergeRow.__table__, client_columns=("client_id", "merged_into"), keep="merge record"),  # type: ignore[attr-defined]
        PersonTable(profiles),
    ],
)
