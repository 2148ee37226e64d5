"""The database's counting (`use_cases/counting.py`) against the domain's definition (`domain.cells.count_facts`)
over a generated read model, on SQLite and PostgreSQL: the same counts, so the same figures for every breakdown."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import replace
from datetime import date
from typing import get_args

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.database import create_engine, session_factory
from services.platform.migrations import upgrade_async
from services.reporting.domain.cells import count_facts
from services.reporting.domain.facts import District, Sex
from services.reporting.domain.figures import compute_figures, figures_of, months_counted, months_summed
from services.reporting.domain.months import add_months, first_of_month
from services.reporting.domain.population import Breakdown
from services.reporting.domain.quotient import Figure
from services.reporting.domain.yardsticks import ProgrammeCounts, programme_counts, programme_savings
from services.reporting.programme_terms import load_programme_terms
from services.reporting.use_cases.case_managers import programme_spells
from services.reporting.use_cases.counting import count_months
from services.reporting.use_cases.districts import load_district
from services.reporting.use_cases.programme_counts import count_programmes
from services.reporting.use_cases.programme_savings import count_savings, savings_figure
from tests.integration.reporting_rows import LAST, MONTHS, generated, write

# The last month with facts, one inside, one early (its long-term rule reads months before the first facts),
# and one after the facts end (everyone leaves).
BEZUGSMONATE = [LAST, add_months(LAST, -7), add_months(MONTHS[0], 20), add_months(LAST, 3)]
SCOPES = [None, frozenset({"plon", "preetz"}), frozenset({"lutjenburg"})]


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    await upgrade_async("reporting", database_url)
    engine = create_engine(database_url)
    await write(engine, generated())
    try:
        async with session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


def benefit_offices(district: District) -> set[str]:
    return {b.office_id for b in district.benefit_months}


def after_need(district: District) -> tuple[int, int]:
    """Integration starts in the month after the person's need ended (counted, § 5 Abs. 1 as `at_start` reads
    it) and two months after (not counted): the rows hold both, so the database is held to the rule on them."""
    needy = {(n.client_id, n.month) for n in district.needy_months}
    kinds = {"insured", "apprenticeship", "self_employed"}
    starts = [(s.client_id, first_of_month(s.start_date)) for s in district.employment_starts if s.kind in kinds]
    unneedy = [(c, m) for c, m in starts if (c, m) not in needy]
    one = sum((c, add_months(m, -1)) in needy for c, m in unneedy)
    two = sum((c, add_months(m, -1)) not in needy and (c, add_months(m, -2)) in needy for c, m in unneedy)
    return one, two


@pytest.mark.parametrize("offices", SCOPES, ids=["every office", "two offices", "one office"])
async def test_the_database_counts_each_month_and_profile_as_the_domain_counts_the_facts(session, offices):
    district = await load_district(session, offices)
    assert len(benefit_offices(district)) >= (3 if offices is None else len(offices))
    assert all(after_need(district)), after_need(district)
    for month in BEZUGSMONATE:
        first, last = months_counted(month)
        counted = await count_months(session, offices, first, last, months_summed(month))
        expected = count_facts(district, first, last)
        assert counted.profiles == expected.profiles
        assert counted.months == expected.months, month
        assert counted.benefits == {k: v for k, v in expected.benefits.items() if k[0] in months_summed(month)}
        # The members' need shares per profile (K1 by sex and programme, § 3 S. 3 with § 4 Kennzahlen-Verordnung)
        assert counted.shares == {k: v for k, v in expected.shares.items() if k[0] in months_summed(month)}
        assert counted.shares or month == BEZUGSMONATE[-1]
        assert sum(c.long_term_entries + c.continuous + c.long_term_integrations for c in counted.months.values())
        if month != BEZUGSMONATE[-1]:  # K3E2's numerator (§ 6 Abs. 2 Nr. 2) is counted, not left at 0
            assert sum(c.long_term_in_measure for c in counted.months.values()), month


@pytest.mark.parametrize("offices", SCOPES[:2], ids=["every office", "two offices"])
async def test_the_figures_from_the_database_are_the_figures_of_the_facts_in_every_breakdown(session, offices):
    district = await load_district(session, offices)
    profiles = {p.profile for p in district.people}
    breakdowns = [
        Breakdown(),
        Breakdown(office_id="preetz"),
        *(Breakdown(sex=s) for s in get_args(Sex)),
        *(Breakdown(office_id="plon", programme_id=p) for p in ("standard", "joboffensive", "gemeinsam")),
        *(Breakdown(target_group=g) for g in {g for p in profiles for g in p.target_groups}),
    ]
    for month in BEZUGSMONATE[:3]:
        counted = await count_months(session, offices, *months_counted(month), months_summed(month))
        for breakdown in breakdowns:
            fields = breakdown.__dict__
            assert figures_of(counted, month, breakdown) == compute_figures(district, month, **fields), breakdown


def test_figures_ask_for_counts_that_cover_their_months() -> None:
    counts = count_facts(District([], [], [], [], [], [], []), *months_counted(LAST))
    with pytest.raises(ValueError, match="cannot give the figures"):
        figures_of(replace(counts, first=add_months(LAST, -5)), LAST, Breakdown())


@pytest.mark.parametrize("offices", SCOPES, ids=["every office", "two offices", "one office"])
async def test_the_database_counts_the_programme_yardsticks_as_the_domain_counts_the_facts(session, offices):
    """Programme success (seed 004), integrations and sustained ones (§ 5 Abs. 1, Abs. 2 Nr. 3 per programme),
    contact density and caseload: `count_programmes` against `yardsticks.programme_counts` on the same rows."""
    district = replace(await load_district(session, offices), programme_spells=await programme_spells(session, offices))
    programmes = {s.programme_id for s in district.programme_spells}
    assert len(programmes) >= 2
    every: list[ProgrammeCounts] = []
    for month in BEZUGSMONATE:
        counted = await count_programmes(session, offices, month, within_months=6)
        for pid in programmes:
            expected = programme_counts(district, pid, month, within_months=6)
            found = counted.get(pid, ProgrammeCounts(0, 0, 0, 0, {}, {}, {}, {}))
            assert _nonzero(found) == _nonzero(expected), (pid, month)
            every.append(found)
    # none of the counts held to the definition is trivially 0 (the generated rows hold no contacts)
    assert sum(c.participants for c in every) and sum(c.ended for c in every)
    assert sum(c.in_work for c in every) and sum(sum(c.integrations.values()) for c in every)
    assert sum(sum(c.continuous.values()) for c in every) and sum(sum(c.stock.values()) for c in every)


def _nonzero(counts: ProgrammeCounts) -> tuple[object, ...]:
    """The counts with their months of 0 left out (the database names only the months it counted something in)."""

    def kept(found: Mapping[date, int]) -> dict[date, int]:
        return {m: n for m, n in found.items() if n}

    return (counts.participants, counts.contacts, counts.ended, counts.in_work, kept(counts.stock),
            kept(counts.integrations), kept(counts.judged), kept(counts.continuous))  # fmt: skip


@pytest.mark.parametrize("offices", SCOPES, ids=["every office", "two offices", "one office"])
async def test_the_database_counts_the_programme_savings_as_the_domain_computes_them_from_the_facts(session, offices):
    """Savings against cost (seed 003, Gelsenkirchen): `count_savings` against `yardsticks.programme_savings` on
    the same rows — households of two counted once, benefit months another office paid left out, as before."""
    district = replace(await load_district(session, offices), programme_spells=await programme_spells(session, offices))
    terms = load_programme_terms()
    figures: list[Figure] = []
    for month in BEZUGSMONATE:
        counted = await count_savings(session, offices, month, terms)
        for t in terms.values():
            cost, after = t.cost_per_place_month, t.after_months
            expected = programme_savings(district, t.programme_id, month, cost_per_place_month=cost, after_months=after)
            assert savings_figure(counted, t, month) == expected, (t.programme_id, month)
            figures.append(expected)
    assert sum(f.numerator != 0 for f in figures) >= 3 and sum(f.denominator != 0 for f in figures) >= 3
