"""A small district of four people in an office of its own, as events, for the reporting tests.

In August 2026 each of A (female), B (male), C (female, single parent) and D (diverse) has been needy for the
twelve months September 2025 … August 2026 (one household each, 600 € subsistence + 400 € housing a month).
A took up insured work twice in March 2026 (one integration: once per person and month), B a minijob in May
(no integration; an entry for K2E1), C an apprenticeship in June (an integration, of a single parent). D had
a contact in August, delivered twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from contracts.envelope import Envelope, to_record
from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    ContactRecordedV1,
    EmploymentStartedV1,
    EntitlementChangedV1,
    EntitlementGrantedV1,
    Event,
    MemberShareV1,
)
from services.reporting.tables import plumbing
from tests.support.kafka_reading import eventually

AUGUST = date(2026, 8, 1)
MOMENT = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


def envelope(event: Event) -> Envelope:
    return Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event)


def _start(client_id: UUID, day: date, insured: bool, apprenticeship: bool = False) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=client_id,
        employment_id=uuid4(),
        employer_id=uuid4(),
        start_date=day,
        weekly_hours=Decimal("38.00") if insured else Decimal("10.00"),
        gross_monthly_pay=Decimal("2400.00") if insured else Decimal("520.00"),
        net_monthly_pay=Decimal("1800.00") if insured else Decimal("520.00"),
        first_pay_date=day,
        subject_to_social_insurance=insured or apprenticeship,
        apprenticeship=apprenticeship,
    )


@dataclass
class SmallDistrict:
    office_id: str = field(default_factory=lambda: f"t{uuid4().hex[:10]}")
    a: UUID = field(default_factory=uuid4)
    b: UUID = field(default_factory=uuid4)
    c: UUID = field(default_factory=uuid4)
    d: UUID = field(default_factory=uuid4)

    def people(self) -> list[Envelope]:
        sexes = {self.a: "female", self.b: "male", self.c: "female", self.d: "diverse"}
        return [
            envelope(
                ClientRegisteredV1(
                    client_id=client,
                    household_id=uuid4(),
                    office_id=self.office_id,
                    target_groups=["single_parent"] if client == self.c else [],
                    registered_at=MOMENT,
                    sex=sex,  # type: ignore[arg-type]
                )
            )
            for client, sex in sexes.items()
        ]

    def grants(self, registrations: list[Envelope]) -> list[Envelope]:
        return [
            envelope(
                EntitlementGrantedV1(
                    household_id=r.data.household_id,  # type: ignore[attr-defined]
                    decision_id=uuid4(),
                    client_ids=[r.data.client_id],  # type: ignore[attr-defined]
                    period_start=date(2025, 9, 1),
                    period_end=AUGUST,
                    monthly_entitlement=Decimal("1000.00"),
                    subsistence_amount=Decimal("600.00"),
                    housing_amount=Decimal("400.00"),
                    member_shares=[share(r.data.client_id, "600.00", "400.00")],  # type: ignore[attr-defined]
                )
            )
            for r in registrations
        ]

    def work_and_coaching(self) -> list[Envelope]:
        contact = envelope(
            ContactRecordedV1(
                client_id=self.d,
                contact_id=uuid4(),
                case_worker_id="cm-1",
                channel="in_person",  # type: ignore[arg-type]
                occurred_at=datetime(2026, 8, 3, 10, 0, tzinfo=UTC),
            )
        )
        return [
            envelope(_start(self.a, date(2026, 3, 10), insured=True)),
            envelope(_start(self.a, date(2026, 3, 20), insured=True)),
            envelope(_start(self.b, date(2026, 5, 1), insured=False)),
            envelope(_start(self.c, date(2026, 6, 1), insured=False, apprenticeship=True)),
            envelope(
                CaseAssignedV1(
                    client_id=self.a,
                    case_worker_id="cm-1",
                    office_id=self.office_id,
                    program_id="joboffensive",
                    assigned_at=MOMENT,
                )
            ),
            contact,
            contact,  # a redelivery: the same event id again
        ]

    def assignment(self, client: UUID, case_worker: str, programme: str) -> Envelope:
        return envelope(
            CaseAssignedV1(
                client_id=client,
                case_worker_id=case_worker,
                office_id=self.office_id,
                program_id=programme,
                assigned_at=MOMENT,
            )
        )

    def events(self) -> list[Envelope]:
        registrations = self.people()
        return [*registrations, *self.grants(registrations), *self.work_and_coaching()]


def share(client_id: UUID, subsistence: str, housing: str) -> MemberShareV1:
    return MemberShareV1(client_id=client_id, subsistence_amount=Decimal(subsistence), housing_amount=Decimal(housing))


def couples(office_id: str, count: int = 3) -> list[Envelope]:
    """`count` households of a woman and a man, granted August 2025 … August 2026: 1,000 € Lebensunterhalt (her
    need share 600 €, his 400 €) and 500 € housing (250 € each); a change from August 2026 lowers it to 810 € (hers
    450 €, his 360 €). Three of each sex, so no group is small enough to be suppressed."""
    sent: list[Envelope] = []
    for _ in range(count):
        household, woman, man = uuid4(), uuid4(), uuid4()
        sent += [
            envelope(ClientRegisteredV1(client_id=client, household_id=household, office_id=office_id,
                                        target_groups=[], registered_at=MOMENT, sex=sex))  # type: ignore[arg-type]
            for client, sex in ((woman, "female"), (man, "male"))
        ]  # fmt: skip
        sent.append(
            envelope(
                EntitlementGrantedV1(
                    household_id=household,
                    decision_id=uuid4(),
                    client_ids=[woman, man],
                    period_start=date(2025, 8, 1),
                    period_end=AUGUST,
                    monthly_entitlement=Decimal("1500.00"),
                    subsistence_amount=Decimal("1000.00"),
                    housing_amount=Decimal("500.00"),
                    member_shares=[share(woman, "600.00", "250.00"), share(man, "400.00", "250.00")],
                )
            )
        )
        sent.append(
            envelope(
                EntitlementChangedV1(
                    household_id=household,
                    decision_id=uuid4(),
                    effective_month=AUGUST,
                    monthly_entitlement=Decimal("1310.00"),
                    previous_monthly_entitlement=Decimal("1500.00"),
                    reason="income",
                    client_ids=[woman, man],
                    subsistence_amount=Decimal("810.00"),
                    housing_amount=Decimal("500.00"),
                    member_shares=[share(woman, "450.00", "250.00"), share(man, "360.00", "250.00")],
                )
            )
        )
    return sent


async def publish(bootstrap: str, sent: list[Envelope]) -> None:
    """As the owning services' relays would: each event on its topic, keyed by client or household."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for item in sent:
            record = to_record(item)
            await producer.send_and_wait(item.data.topic.name, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


async def applied(service, sent: list[Envelope]) -> None:
    """Until the reporting inbox holds every event id sent (each applied in the commit of its claim)."""
    ids = {e.id for e in sent}

    async def claimed() -> bool:
        async with service.runtime.uow.transaction() as tx:
            count = await tx.session.scalar(
                select(func.count()).select_from(plumbing.inbox).where(plumbing.inbox.c.event_id.in_(ids))
            )
        return count == len(ids)

    await eventually(claimed)
