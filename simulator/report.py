"""Collect the district figures: journeys from the journey API, savings from benefits."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from simulator.api import ApiError, Services
from simulator.calendar import VirtualCalendar, add_months, first_of_month
from simulator.continuations import continuation_line
from simulator.figures import (
    UNKNOWN,
    DistrictFigures,
    JourneySnapshot,
    Savings,
    aggregate,
    render,
    stages_from_counts,
)
from simulator.indicators import (
    DISTRICT,
    ReportedIndicators,
    elb_of,
    indicator_quotas,
    programme_outcomes,
    programme_success,
    render_indicators,
)
from simulator.ledger import ClientRecord, EmploymentRecord
from simulator.payments import payments_lines
from simulator.programmes import programme_lines
from simulator.world import World, district_reader

# Integrations and relapses still take one query per client (their history); on a loaded machine the
# notebook answers instead. Stages come from one count per office.
JOURNEYS_TIMEOUT = 45.0
# Between two looks whether reporting has caught up with the run (the final report waits for that fact).
CATCH_UP_POLL = (1.0, 10.0)  # first and longest pause between polls
# What the simulator's notebook says, when the journey API cannot be asked.
PHASE_STAGE = {
    "arriving": UNKNOWN,
    "registered": "registered",
    "coaching": "coaching",
    "ready": "job_search",
    "employed": "employed",
    "sustained": "sustained",
    "stopped": "stopped",
}


async def journey_of(world: World, record: ClientRecord) -> Mapping[str, Any] | None:
    try:
        found: Mapping[str, Any] = await world.api.get("journeys", f"/journeys/{record.client_id}", district_reader())
        return found
    except ApiError as error:
        if error.status == 404:
            return None
        raise


async def journey_snapshots(world: World) -> list[JourneySnapshot]:
    registered = world.ledger.registered()
    journeys = await asyncio.gather(*(journey_of(world, r) for r in registered))
    arriving = [r for r in world.ledger.clients.values() if r.client_id is None]
    return [JourneySnapshot.from_journey(r.profile.office_id, j) for r, j in zip(registered, journeys, strict=True)] + [
        JourneySnapshot(r.profile.office_id, UNKNOWN, 0, 0) for r in arriving
    ]


def notebook_snapshots(world: World) -> list[JourneySnapshot]:
    hires: dict[str, int] = {}
    for employment in world.ledger.employments.values():
        hires[employment.client_key] = hires.get(employment.client_key, 0) + 1
    return [
        JourneySnapshot(
            r.profile.office_id, PHASE_STAGE[r.phase], hires.get(r.profile.key, 0), r.relapses, r.phase == "sustained"
        )
        for r in world.ledger.clients.values()
    ]


async def stage_counts(world: World, snapshots: list[JourneySnapshot]) -> dict[str, Counter[str]]:
    """Clients per stage and office from the journey API's counts: one call per office, not one per client."""
    offices = sorted({r.profile.office_id for r in world.ledger.clients.values()})
    not_started = Counter(s.office_id for s in snapshots if s.stage == UNKNOWN)
    return stages_from_counts(await journey_counts(world.api, offices), not_started)


async def journey_counts(api: Services, offices: Sequence[str]) -> dict[str, Any]:
    """Each office's GET /journeys/count (its total and `by_stage`), asked at once."""
    reader = district_reader()
    counts = await asyncio.gather(
        *(api.get("journeys", "/journeys/count", reader, params={"office_id": o}) for o in offices)
    )
    return dict(zip(offices, counts, strict=True))


async def savings(world: World) -> Savings:
    """Benefits' savings per month over the simulated calendar."""
    calendar = world.clock.calendar
    until = min(first_of_month(world.clock.today()), calendar.last_month)  # no months not yet played
    params = {"group_by": "month", "from": calendar.first_month.isoformat(), "to": until.isoformat()}
    try:
        return Savings.from_report(await world.api.get("benefits", "/savings", district_reader(), params=params))
    except ApiError as error:
        world.say(f"benefits reports no savings ({error.status})")
        return Savings()


async def district_report(world: World, heading: str) -> tuple[DistrictFigures, str]:
    """The figures and their text; from the journey API when it answers, else from the notebook (said so)."""
    source, per_office = "the journey API's counts", None
    try:
        if not await world.api.healthy("journeys"):
            raise ApiError("GET", "/health", 503, "the journey API does not answer")
        async with asyncio.timeout(JOURNEYS_TIMEOUT):
            snapshots = await journey_snapshots(world)
            per_office = await stage_counts(world, snapshots)
    except (ApiError, TimeoutError) as error:
        reason = error.status if isinstance(error, ApiError) else f"no answer within {JOURNEYS_TIMEOUT:g} s"
        source = f"the simulator's notebook (journey API: {reason})"
        snapshots = notebook_snapshots(world)
    figures = aggregate(snapshots, await savings(world))
    if per_office is not None:
        figures.per_office = per_office
    text = render(figures, f"{heading} — stages from {source}")
    indicators = await reported_indicators(world)
    if indicators is not None:
        text += "\n" + render_indicators(indicators)
    lines = [
        *programme_lines(world.ledger.counts),
        continuation_line(world.ledger.counts),
        *payments_lines(world.ledger),
    ]
    text += "\n".join(["", "programmes as the simulated staff ran them:", *lines])
    return figures, f"{text}\n{world.ledger.hidden_market_line()}\n{world.api.traffic.line()}"


async def reported_indicators(world: World) -> ReportedIndicators | None:
    """K2 and K2E3 of the last full month per office and for the district, and programme success, from the
    reporting service; None (and said so) when it does not answer."""
    month = reference_month(world.clock.calendar, world.clock.elapsed())
    offices = sorted({r.profile.office_id for r in world.ledger.clients.values()})
    reader, params = district_reader(), {"month": month.isoformat()}
    try:
        replies = await asyncio.gather(
            *(world.api.get("reporting", "/indicators", reader, params={**params, "office_id": o}) for o in offices),
            world.api.get("reporting", "/indicators", reader, params=params),
        )
        yardsticks = await world.api.get("reporting", "/yardsticks", reader, params=params)
    except ApiError as error:
        world.say(f"reporting serves no indicators ({error.status})")
        return None
    by_office = {o: indicator_quotas(r) for o, r in zip([*offices, DISTRICT], replies, strict=True)}
    success, target = programme_success(yardsticks)
    cohorts, integrations = programme_outcomes(yardsticks)
    elb = await elb_stock(world, month)
    return ReportedIndicators(month, by_office, success, target, cohorts, integrations, elb)


async def elb_stock(world: World, until: date) -> dict[date, int]:
    """The district's ELB stock of each played month up to `until`, one month after the other (each is a full
    count in reporting); a month reporting cannot answer is left out."""
    stock: dict[date, int] = {}
    month = world.clock.calendar.first_month
    while month <= until:
        try:
            params = {"month": month.isoformat()}
            reply = await world.api.get("reporting", "/indicators", district_reader(), params=params)
        except ApiError:
            reply = None
        found = None if reply is None else elb_of(reply)
        if found is not None:
            stock[month] = found
        month = add_months(month, 1)
    return stock


def reference_month(calendar: VirtualCalendar, elapsed: float) -> date:
    """The Bezugsmonat: the last full month played — at the end the calendar's last month, not the month the clock
    has run on to while the report waited (that showed "Bezugsmonat 2027-04" for a run ending in 2026-11)."""
    if calendar.is_over(elapsed):
        return calendar.last_month
    return add_months(first_of_month(calendar.day_at(elapsed)), -1)


def expected_integrations(employments: Iterable[EmploymentRecord], month: date) -> int:
    """K2's numerator as the notebook knows it: the hires (all subject to social insurance, `job_search`) starting
    in the twelve months up to `month`, at most one per person and month (§ 5 Abs. 1 KennzahlenVO)."""
    since = add_months(month, -11)
    return len({(e.client_key, e.start_month) for e in employments if e.client_key and since <= e.start_month <= month})


async def until_reporting_caught_up(world: World, patience: float) -> str:
    """Wait until reporting's K2 numerator for the district has the integrations the run made (its consumers lag
    behind under load: the figures printed at once showed K2 = 0), at most `patience` seconds; what was seen."""
    month = reference_month(world.clock.calendar, world.clock.elapsed())
    expected, seen = expected_integrations(world.ledger.employments.values(), month), None
    loop = asyncio.get_running_loop()
    deadline, pause = loop.time() + patience, CATCH_UP_POLL[0]
    params = {"month": month.isoformat()}
    while True:
        try:
            reply = await world.api.get("reporting", "/indicators", district_reader(), params=params)
            k2 = indicator_quotas(reply).get("K2")
            seen = int(k2.numerator) if k2 is not None else None
        except ApiError:
            seen = None
        if seen is not None and seen >= expected:
            return f"reporting has caught up: K2 counts {seen} integrations up to {month:%Y-%m} (run: {expected})"
        if loop.time() + pause > deadline:
            return (
                f"reporting still behind after {patience:g} s: K2 counts {seen if seen is not None else 'nothing'} "
                f"of the {expected} integrations the run made up to {month:%Y-%m}"
            )
        await asyncio.sleep(pause)
        pause = min(pause * 1.5, CATCH_UP_POLL[1])
