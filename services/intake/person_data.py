"""What intake holds about a person, for the right of access and erasure (`services.platform.privacy.person_data`)."""

from __future__ import annotations

from datetime import date

from services.intake.tables import (
    IMPORTED_HOUSEHOLD,
    IMPORTED_OBSTACLES,
    SPECIAL_CATEGORIES,
    ClientMergeRow,
    ClientNameTokenRow,
    ClientRow,
    DuplicatePairRow,
    ImportedRecordRow,
)
from services.platform.privacy.person_data import PersonDataMap, PersonTable, SealedColumn

clients = ClientRow.__table__  # type: ignore[attr-defined]

# The client row stays, anonymous, because duplicate pairs and the append-only merge record refer to it.
PERSON_DATA = PersonDataMap(
    service="intake",
    office_column=(clients, "office_id"),
    tables=[
        PersonTable(ClientNameTokenRow.__table__),  # type: ignore[attr-defined]
        PersonTable(
            DuplicatePairRow.__table__,  # type: ignore[attr-defined]
            client_columns=("first_client_id", "second_client_id"),
            keep="ids, a score and reasons; merges refer to them",
        ),
        PersonTable(
            ClientMergeRow.__table__,  # type: ignore[attr-defined]
            client_columns=("surviving_client_id", "merged_client_id"),
            keep="the append-only record of a merge: ids and field names only",
        ),
        # The legacy id stays (a re-run of the file must not register the person again); obstacles and household go.
        PersonTable(
            ImportedRecordRow.__table__,  # type: ignore[attr-defined]
            sealed=[
                SealedColumn("sealed_obstacles", IMPORTED_OBSTACLES, "client_id"),
                SealedColumn("sealed_household", IMPORTED_HOUSEHOLD, "client_id"),
            ],
            anonymise={"sealed_obstacles": None, "sealed_household": None},
        ),
        PersonTable(
            clients,
            sealed=[SealedColumn("special_categories", SPECIAL_CATEGORIES, "client_id")],
            anonymise={
                "given_name": "",
                "family_name": "",
                "birth_date": date(1900, 1, 1),
                "postcode": "00000",
                "target_groups": [],
                "earliest_daily_start": None,
                "max_weekly_hours": None,
                "max_commute_minutes": None,
            },
        ),
    ],
)
