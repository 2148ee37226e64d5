"""Matching screened in the database (`use_cases/matches.py`) against the domain's rule judging every vacancy
(`domain.matching.match`), on SQLite and PostgreSQL: the same matches in the same order with the same scores and
components, the same exclusions counted by constraint, and every excluded vacancy with the same reasons when the
pages are read to the end — for clients with and without occupations, limits and a residence, over vacancies with
unknown hours, start times and codes, postcodes outside the directory and unpublished ones of other offices."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import insert, select

from services.placement.app import load_commuting
from services.placement.domain.matching import Candidate, ExclusionPage, count_by_constraint, match
from services.placement.tables import (
    ClientProfileRow,
    EmployerRow,
    JobSearchRow,
    PlacementProfileRow,
    VacancyRow,
    plumbing,
    to_candidate,
    to_opening,
)
from services.placement.use_cases.hidden_market import visible_vacancies
from services.placement.use_cases.matches import find_matches
from services.platform.auth.staff import Role, StaffUser
from services.platform.database import create_engine, session_factory
from services.platform.inbox import Inbox
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.unit_of_work import UnitOfWork

COMMUTING = load_commuting()
NOW = datetime(2026, 12, 1, tzinfo=UTC)
POSTCODES = ["29221", "29223", "29339", "29303", "29313", "24306", "24321", "33330", "35576", "10115", "99999"]
CODES = ["29301", "29302", "29303", "29312", "29382", "82101", "82102", "82103", "51311", "51312", "63301", None]
OFFICER = StaffUser("celle-po-01", frozenset({Role.PLACEMENT_OFFICER}), frozenset({"celle"}))
# (registration: start, hours, commute limit; profile: targets, qualifications, residence, mode, own limit)
CLIENTS: dict[str, tuple[tuple[Any, ...], tuple[Any, ...] | None]] = {
    "cook from Wathlingen": ((time(8), 35, 60), (["29302", "82102"], ["29302", "82101"], "29339", "public_transport")),
    "no limits, no profile": ((None, None, None), None),  # commute from the office town (the demo table)
    "cyclist without targets": ((time(7), 40, 45), ([], [], "29221", "bicycle")),
    "residence outside the directory": ((None, 30, None), (["51311"], [], "99998", "car")),
}


def vacancy(rng: random.Random, employers: list[UUID]) -> dict[str, Any]:
    return {
        "vacancy_id": uuid4(),
        "employer_id": rng.choice(employers),
        "title": "Stelle",
        "occupation": "Beruf",
        "kldb_code": rng.choice(CODES),
        "kind": "apprenticeship" if rng.random() < 0.15 else "job",
        "weekly_hours": rng.choice([Decimal(20), Decimal("25.5"), Decimal(30), Decimal(35), Decimal(40), None]),
        "daily_start": rng.choice([time(6), time(7, 30), time(8), time(9), time(10), None]),
        "location_postcode": rng.choice(POSTCODES),
        "positions": 2,
        "open_positions": rng.choice([0, 1, 2, 2]),
        "gross_monthly_pay": Decimal("2100.00"),
        "subject_to_social_insurance": True,
        "created_at": NOW,
        "created_by": "test",
        "published": rng.random() < 0.8,
    }


def client_rows(registration: tuple[Any, ...], profile: tuple[Any, ...] | None) -> list[tuple[Any, dict[str, Any]]]:
    client_id, (start, hours, limit) = uuid4(), registration
    rows: list[tuple[Any, dict[str, Any]]] = [
        (ClientProfileRow, {"client_id": client_id, "household_id": uuid4(), "office_id": "celle",
                            "target_groups": [], "earliest_daily_start": start, "max_weekly_hours": hours,
                            "max_commute_minutes": limit, "registered_at": NOW}),
        (JobSearchRow, {"search_id": uuid4(), "client_id": client_id, "status": "open", "case_worker_id": "cm",
                        "opened_at": NOW}),
    ]  # fmt: skip
    if profile is not None:
        targets, qualifications, residence, mode = profile
        rows.append((PlacementProfileRow, {"client_id": client_id, "target_occupations": targets,
                     "qualifications": [{"occupation": q, "title": None} for q in qualifications],
                     "driving_licences": [], "languages": [], "residence_postcode": residence, "commute_mode": mode,
                     "max_commute_minutes": None, "apprenticeship_seeker": False, "updated_at": NOW,
                     "updated_by": "test"}))  # fmt: skip
    return rows


@pytest.fixture
async def district(database_url: str) -> AsyncIterator[tuple[UnitOfWork, dict[str, UUID]]]:
    await upgrade_async("placement", database_url)
    engine = create_engine(database_url)
    rng = random.Random(12)
    employers = [{"employer_id": uuid4(), "name": f"Firma {office}", "office_id": office, "postcode": "29221",
                  "partner_company": False, "created_at": NOW} for office in ("celle", "celle", "plon")]  # fmt: skip
    clients = {name: client_rows(*given) for name, given in CLIENTS.items()}
    async with engine.begin() as connection:
        await connection.execute(insert(EmployerRow), employers)
        ids = [e["employer_id"] for e in employers]
        await connection.execute(insert(VacancyRow), [vacancy(rng, ids) for _ in range(400)])
        for rows in clients.values():
            for table, row in rows:
                await connection.execute(insert(table), [row])
    sessions = session_factory(engine)
    try:
        yield (
            UnitOfWork(sessions, Outbox(plumbing, source="/lotse/placement"), Inbox(plumbing)),
            {name: rows[0][1]["client_id"] for name, rows in clients.items()},
        )
    finally:
        await engine.dispose()


async def judged_one_by_one(uow: UnitOfWork, client_id: UUID) -> tuple[Candidate, Any]:
    """The reference: every visible vacancy loaded as an entity and judged by the domain's rule."""
    async with uow.transaction() as tx:
        client = to_candidate(
            await tx.session.get(ClientProfileRow, client_id), await tx.session.get(PlacementProfileRow, client_id)
        )
        query = select(VacancyRow).where(visible_vacancies(OFFICER)).order_by(VacancyRow.vacancy_id)  # type: ignore[arg-type]
        openings = [to_opening(v) for v in await tx.session.scalars(query)]
    return client, match(client, openings, COMMUTING)


@pytest.mark.parametrize("client", list(CLIENTS))
async def test_the_screened_matches_are_the_matches_of_judging_every_vacancy(district, client):
    uow, clients = district
    _, expected = await judged_one_by_one(uow, clients[client])
    pages, after = [], None
    while True:
        async with uow.transaction() as tx:
            found = await find_matches(tx, clients[client], OFFICER, COMMUTING, ExclusionPage(37, after))
        pages.append(found)
        if not found.excluded:
            break
        after = found.excluded[-1].vacancy_id
    first = pages[0]
    assert bool(first.matches) is (client != "residence outside the directory")
    assert [(m.vacancy_id, m.score, m.score_components) for m in first.matches] == [
        (r.opening.vacancy_id, r.score, r.components) for r in expected.matches
    ]
    assert first.excluded_total == len(expected.excluded) and first.excluded_total + len(first.matches) > 200
    counts = {c.constraint: c.vacancies for c in first.excluded_by_constraint}
    assert counts == count_by_constraint(expected.excluded)
    assert [e for page in pages for e in page.excluded] == expected.excluded
    assert all(p.matches == first.matches and p.excluded_total == first.excluded_total for p in pages)
