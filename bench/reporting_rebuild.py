"""Rebuilding the reporting read model from the topics, against a bare consumer of the same topics; and the
indicator query on the rebuilt model.

Run: `python -m bench.reporting_rebuild [--clients 850] [--months 24] [--database sqlite|postgres|both]`

A broker started by the project's launcher gets the events of a Lütjenburg-sized office over `--months` months
(untimed, from a bare producer): per client a registration, a case assignment with a programme, an entitlement
per twelve months, a payment and a contact each month; a third of the clients take up work half-way and have
each month after it confirmed. Then, in one run:

rebuild  `services.reporting.rebuild.rebuild`: drop the read model, re-apply every record of the five topics
         from the first offset through the live handlers, a batch of records per transaction (their inbox
         claims in two statements, payments/contacts/confirmed months in one upsert per kind), hand the
         consumer groups over. Records per second.
raw      A bare aiokafka consumer reads the same topics from the beginning to the same end offsets (no
         parsing, no database): the broker's attainable rate in the same run.
query    The office's indicators for the last month as the API gets them (counted per month and profile by the
         database, K1–K3E4 from the counts), twenty times after a warm-up: p50 and p95. Projected to the
         404 Jobcenters as 404 such offices queried one after another (p50 × 404): each office's query reads
         only its own rows through the `people` index, so its time does not grow with the other offices.
         Beside it the same figures computed in Python from every fact read, as the query did before.

rebuild/raw is the share of the broker's rate the rebuild keeps; the rest is parsing the CloudEvents and the
database statements of each batch.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from contracts.envelope import Envelope, to_record
from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    EmploymentConfirmedV1,
    EmploymentStartedV1,
    EntitlementGrantedV1,
    Event,
    MemberShareV1,
    PaymentOrderedV1,
)
from contracts.topics import ALL, all_topic_names
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.platform.auth.tokens import generate_key_pair
from services.platform.database import create_engine, session_factory
from services.platform.settings import ServiceSettings
from services.reporting.domain.figures import compute_figures, figures_of, months_counted, months_summed
from services.reporting.domain.months import months_read
from services.reporting.domain.population import Breakdown
from services.reporting.rebuild import rebuild
from services.reporting.use_cases.counting import count_months
from services.reporting.use_cases.districts import load_district

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_LIB_DIR = REPO_ROOT / ".local" / "kafka" / "lib"
OFFICE = "lutjenburg"
JOBCENTERS = 404
SEXES = ("female", "male", "diverse", "not_stated")


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def envelope(event: Event, at: datetime) -> Envelope:
    return Envelope(id=uuid.uuid4(), source="/bench", time=at, data=event)


def client_events(rng: random.Random, first: date, months: int) -> list[Envelope]:
    client, household = uuid.uuid4(), uuid.uuid4()
    at = datetime.combine(first, datetime.min.time(), UTC)
    sex = rng.choice(SEXES)
    groups = ["single_parent"] if rng.random() < 0.15 else []
    out = [
        envelope(
            ClientRegisteredV1(
                client_id=client,
                household_id=household,
                office_id=OFFICE,
                target_groups=groups,
                registered_at=at,
                sex=sex,
            ),
            at,
        ),
        envelope(
            CaseAssignedV1(
                client_id=client,
                case_worker_id="cm-1",
                office_id=OFFICE,
                program_id=rng.choice(("standard", "joboffensive")),
                assigned_at=at,
            ),
            at,
        ),
    ]
    for year in range(0, months, 12):
        start = add_months(first, year)
        out.append(
            envelope(
                EntitlementGrantedV1(
                    household_id=household,
                    decision_id=uuid.uuid4(),
                    client_ids=[client],
                    period_start=start,
                    period_end=add_months(start, 11),
                    monthly_entitlement=Decimal("1100.00"),
                    subsistence_amount=Decimal("650.00"),
                    housing_amount=Decimal("450.00"),
                    member_shares=[  # alone in the household: the whole need share (§ 9 Abs. 2 S. 3 SGB II)
                        MemberShareV1(
                            client_id=client, subsistence_amount=Decimal("650.00"), housing_amount=Decimal("450.00")
                        )
                    ],
                ),
                at,
            )
        )
    works_from = months // 2 if rng.random() < 1 / 3 else None
    employment = uuid.uuid4()
    for n in range(months):
        month = add_months(first, n)
        moment = datetime.combine(month, datetime.min.time(), UTC) + timedelta(days=3, hours=9)
        out.append(
            envelope(
                PaymentOrderedV1(
                    payment_id=uuid.uuid4(),
                    run_id=f"run-{month}",
                    household_id=household,
                    office_id=OFFICE,
                    month=month,
                    amount=Decimal("1100.00"),
                ),
                moment,
            )
        )
        out.append(
            envelope(
                ContactRecordedV1(
                    client_id=client,
                    contact_id=uuid.uuid4(),
                    case_worker_id="cm-1",
                    channel="in_person",
                    occurred_at=moment,
                ),
                moment,
            )
        )
        if works_from is not None and n == works_from:
            out.append(
                envelope(
                    EmploymentStartedV1(
                        client_id=client,
                        employment_id=employment,
                        employer_id=uuid.uuid4(),
                        start_date=month,
                        weekly_hours=Decimal("38"),
                        gross_monthly_pay=Decimal("2600.00"),
                        net_monthly_pay=Decimal("1900.00"),
                        first_pay_date=month + timedelta(days=27),
                        subject_to_social_insurance=True,
                    ),
                    moment,
                )
            )
        elif works_from is not None and n > works_from:
            out.append(
                envelope(
                    EmploymentConfirmedV1(
                        client_id=client,
                        employment_id=employment,
                        month=add_months(month, -1),
                        gross_pay=Decimal("2600.00"),
                        net_pay=Decimal("1900.00"),
                    ),
                    moment,
                )
            )
    return out


async def produce(bootstrap: str, events: Sequence[Envelope]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, linger_ms=20)
    await producer.start()
    try:
        futures = []
        for item in events:
            record = to_record(item)
            futures.append(
                await producer.send(item.data.topic.name, record.value, key=record.key, headers=record.headers)
            )
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def bare_read(bootstrap: str) -> tuple[int, float]:
    """Every record of the five topics from the beginning to their current ends: count and seconds."""
    consumer = AIOKafkaConsumer(
        *(t.name for t in ALL), bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(t.name, p) for t in ALL for p in sorted(consumer.partitions_for_topic(t.name))]
        consumer.unsubscribe()
        consumer.assign(partitions)
        started = time.perf_counter()
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        count = 0
        while [tp for tp in partitions if await consumer.position(tp) < end[tp]]:
            for records in (await consumer.getmany(*partitions, timeout_ms=500)).values():
                count += len(records)
        return count, time.perf_counter() - started
    finally:
        await consumer.stop()


async def query_seconds(url: str, month: date, *, in_python: bool = False) -> tuple[float, float, int]:
    """p50 and p95 seconds of the office's indicators as `GET /indicators` gets them (counted by the database,
    `use_cases/counting.py`), or `in_python` as before it (every fact read, K1–K3E4 computed from them), and how
    many figures one query gives."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    timings, figures = [], 0
    offices = frozenset({OFFICE})
    try:
        for attempt in range(21):
            started = time.perf_counter()
            async with sessions() as session:
                if in_python:
                    district = await load_district(session, offices, months_read(month), with_contacts=False)
                    figures = len(compute_figures(district, month, office_id=OFFICE))
                else:
                    counts = await count_months(session, offices, *months_counted(month), months_summed(month))
                    figures = len(figures_of(counts, month, Breakdown(office_id=OFFICE)))
            if attempt:
                timings.append(time.perf_counter() - started)
    finally:
        await engine.dispose()
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], figures


@contextlib.contextmanager
def database(backend: str, tmp: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp / 'reporting.db'}"
        return
    (port,) = free_ports(1)
    with PostgresCluster(tmp / "postgres", port, ephemeral=True) as cluster:
        cluster.create_database("reporting")
        yield cluster.dsn("reporting")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=850)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    rng, first = random.Random(48), date(2024, 9, 1)
    events = [e for _ in range(args.clients) for e in client_events(rng, first, args.months)]
    last = add_months(first, args.months - 1)
    with tempfile.TemporaryDirectory(prefix="bench-reporting-") as tmp_name:
        tmp = Path(tmp_name)
        _, public_key = generate_key_pair(tmp / "keys")
        port, controller = free_ports(2)
        with KafkaServer(tmp / "kafka", port, controller, KafkaJars.ensure(KAFKA_LIB_DIR)) as kafka:
            kafka.ensure_topics(all_topic_names())
            asyncio.run(produce(kafka.bootstrap_servers, events))
            print(f"{args.clients} clients of one office over {args.months} months: {len(events):,} events")
            print(
                f"{'database':<10}{'rebuild rec/s':>14}{'raw rec/s':>12}{'rebuild/raw':>13}{'rebuild s':>11}"
                f"{'query p50 ms':>14}{'p95 ms':>8}{'404 JC s':>10}{'in Python p50':>15}{'p95':>7}{'x':>6}"
            )
            for backend in backends:
                with database(backend, tmp) as url:
                    settings = ServiceSettings(
                        service_name="reporting",
                        database_url=url,
                        kafka_bootstrap_servers=kafka.bootstrap_servers,
                        jwt_public_key_file=public_key,
                    )
                    done = asyncio.run(rebuild(settings))
                    raw_count, raw_seconds = asyncio.run(bare_read(kafka.bootstrap_servers))
                    query, query_p95, figures = asyncio.run(query_seconds(url, last))
                    before, before_p95, _ = asyncio.run(query_seconds(url, last, in_python=True))
                raw_rate = raw_count / raw_seconds
                rate = done.events_per_second
                print(
                    f"{backend:<10}{rate:>14,.0f}{raw_rate:>12,.0f}{rate / raw_rate:>13.3f}{done.seconds:>11.1f}"
                    f"{query * 1000:>14.0f}{query_p95 * 1000:>8.0f}{query * JOBCENTERS:>10.1f}"
                    f"{before * 1000:>15.0f}{before_p95 * 1000:>7.0f}{before / query:>6.1f}"
                )
            print(f"({done.applied:,} applied, {done.skipped:,} skipped; {figures} figures per query;")
            print(f" 404 JC s = query p50 x {JOBCENTERS} offices of this size, one after another;")
            print(
                " in Python = the same figures from every fact read into Python, as before the counting; x = its ratio)"
            )


if __name__ == "__main__":
    main()
