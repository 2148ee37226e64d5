"""One batch of the run: read a page of the roll, pay who is owed and not yet paid, in one commit.

The caller's cursor (`after`) only says where to read; whether a household is paid is decided
by the database (unique (month, household), "on conflict do nothing"), so a batch repeated by a
retry, a second run of the month or a concurrent caller pays nobody twice, and only payments
actually inserted get a `PaymentOrderedV1` in the outbox of the same commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import select

from contracts.events import PaymentOrderedV1
from services.benefits.entitlement_roll import Payable, payable_entitlements
from services.benefits.payments import ledger
from services.benefits.payments.rules import Candidate, payment_problem, run_id_of
from services.benefits.payments.schemas import BatchOut, BatchRequest, FailureOut
from services.benefits.payments.tables import PAYMENTS
from services.platform.unit_of_work import Transaction


async def pay_batch(tx: Transaction, request: BatchRequest) -> BatchOut:
    """Pay the next page after `request.after`: each new payment row and its event in this transaction."""
    month, run_id, now = request.month, run_id_of(request.month), datetime.now(UTC)
    await ledger.open_run(tx.session, run_id, month, now)  # a write first: SQLite takes its write lock here
    page, done = await _page(tx, request)
    payable, refused = _split(page)
    paid = await ledger.insert_payments(tx.session, run_id, month, payable, now)
    await ledger.clear_failures(tx.session, month, list(paid))
    refused = await _not_paid_already(tx, month, refused)
    await ledger.record_failures(tx.session, run_id, month, refused, now)
    new = [p for p in payable if p.household_id in paid]
    await tx.publish_many([_ordered(p, paid[p.household_id], run_id, month) for p in new])
    return BatchOut(
        run_id=run_id, month=month, paid_count=len(new), paid_sum=sum((p.amount for p in new), Decimal("0.00")),
        failed_count=len(refused), last_household_id=page[-1].household_id if page else request.after, done=done,
        failures=[FailureOut(household_id=p.household_id, office_id=p.office_id, reason=r) for p, r in refused],
    )


def _ordered(p: Payable, payment_id: UUID, run_id: str, month: date) -> PaymentOrderedV1:
    return PaymentOrderedV1(payment_id=payment_id, run_id=run_id, household_id=p.household_id,
                            office_id=p.office_id, month=month, amount=p.amount)


async def _page(tx: Transaction, request: BatchRequest) -> tuple[list[Payable], bool]:
    """The next page of the roll, cut at the shard's upper bound; and whether nothing follows it."""
    page = await payable_entitlements(tx.session, request.month, request.after, request.limit)
    done = len(page) < request.limit
    if request.until is not None and page and page[-1].household_id >= request.until:
        page = [p for p in page if p.household_id <= request.until]
        done = True
    return page, done


def _split(page: Sequence[Payable]) -> tuple[list[Payable], list[tuple[Payable, str]]]:
    payable, refused = [], []
    for p in page:
        problem = payment_problem(Candidate(p.household_id, p.office_id, p.amount))
        if problem is None:
            payable.append(p)
        else:
            refused.append((p, problem))
    return payable, refused


async def _not_paid_already(tx: Transaction, month: date,
                            refused: list[tuple[Payable, str]]) -> list[tuple[Payable, str]]:
    """A household paid earlier this month is not a failure, even if its case changed since."""
    if not refused:
        return refused
    ids: list[UUID] = [p.household_id for p, _ in refused]
    paid = set((await tx.session.scalars(select(PAYMENTS.c.household_id).where(
        PAYMENTS.c.month == month, PAYMENTS.c.household_id.in_(ids)))).all())
    return [(p, reason) for p, reason in refused if p.household_id not in paid]
