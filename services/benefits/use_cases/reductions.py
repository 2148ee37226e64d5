"""Reductions: determined by an authorised person after the hearing, lifted by staff, applied by benefits as
change decisions from the month the law says (§ 31b Abs. 1 S. 1), each in the caller's transaction.

The reduction is stored first and then the month is decided like any other change: `decisions.computation`
applies every reduction in force for a month, so a later household change keeps it. A reduction changes the
amount in more than one month (its end; the second month of § 7b Abs. 4): `change_months` says which, and the
hearing workflow, whose timers are durable, asks for each of them to be decided (`decide_month`). The payment run
pays each month what the decision in force for that month says, so a month decided early changes no month before
it. A lift decides every month it changes at once (`lift_months`); `decide_month` for one of them again changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ReductionDeterminedV1, ReductionLiftedV1
from services.benefits.domain import BenefitsError
from services.benefits.domain.approval import add_months
from services.benefits.domain.decisions import Cause
from services.benefits.domain.money import ZERO
from services.benefits.domain.reduced_entitlement import lifted_from
from services.benefits.domain.reductions import SPERRZEITEN, Consequence, Incident, Sanction, determine
from services.benefits.tables import ReductionRow
from services.benefits.use_cases.decisions import Outcome, Trigger, decide_automatically
from services.benefits.use_cases.household_facts import HouseholdFacts, visible_facts
from services.benefits.use_cases.special_categories import Sealing
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DetermineReduction:
    household_id: UUID
    client_id: UUID
    incident: Incident
    occurred_on: date
    determined_on: date
    by: str  # the authorised person who determined it
    consecutive_misses: int = 1
    made_known_on: date | None = None  # handed over; None: posted on determined_on (§ 37 Abs. 2 SGB X)
    sperrzeit_from: date | None = None  # § 31b Abs. 1 S. 2
    # A clerk determining in their own name: the office's today, the only day they may date it. None: the
    # hearing workflow, which names the day decided on its calendar.
    clerks_today: date | None = None


@dataclass(frozen=True)
class LiftReduction:
    household_id: UUID
    reduction_id: UUID
    fulfilled_on: date  # duty fulfilled, readiness declared, or reported in person
    by: str


@dataclass(frozen=True)
class Determined:
    row: ReductionRow
    change_months: tuple[date, ...]  # months whose amount this reduction changes: decide each when it comes
    monthly_reduction: Decimal  # withdrawn from the household's payment in the first month


def change_months(sanction: Sanction) -> tuple[date, ...]:
    if sanction.consequence is Consequence.NO_REDUCTION:
        return ()
    if (end := sanction.end_month) is None:  # § 7b Abs. 4: no Regelbedarf in the first month, no claim from the second
        return sanction.first_month, add_months(sanction.first_month, 1)
    if (until := sanction.until) is None or not sanction.part_month(sanction.first_month):
        return sanction.first_month, end
    # by days (§ 31b Abs. 1 S. 2): the part first month, the whole months, the part last month, then none
    last = until.replace(day=1)
    return tuple(sorted({sanction.first_month, add_months(sanction.first_month, 1), last, end}))


async def _earlier(tx: Transaction, client_id: UUID) -> list[ReductionRow]:
    query = select(ReductionRow).where(col(ReductionRow.client_id) == client_id)
    return list((await tx.session.scalars(query)).all())


async def _decide(
    tx: Transaction, facts: HouseholdFacts, cause: Cause, month: date, on: date, by: str, sealing: Sealing
) -> Outcome | None:
    trigger = Trigger(cause, month, on, by)
    return await decide_automatically(tx, facts, trigger, sealing)


async def determine_reduction(tx: Transaction, cmd: DetermineReduction, sealing: Sealing) -> Determined:
    """Record the sanction for one incident and decide its first month; 422 when the law does not allow it."""
    facts = await visible_facts(tx, cmd.household_id, sealing.user, lock=True, sealing=sealing)
    if cmd.client_id not in facts.client_ids:
        raise RuleViolation("client_id", "is not a registered member of this household")
    if cmd.clerks_today is not None and cmd.determined_on != cmd.clerks_today:
        # Dated back, a late determination would fall inside the six months of § 31b Abs. 1 S. 3.
        raise RuleViolation(
            "determined_on", f"a benefits clerk's determination is dated today ({cmd.clerks_today}), not another day"
        )
    earlier = [row.earlier() for row in await _earlier(tx, cmd.client_id)]
    if cmd.incident in SPERRZEITEN and cmd.sperrzeit_from is None:
        raise RuleViolation("sperrzeit_from", "a Sperrzeit's reduction starts with the Sperrzeit (§ 31b Abs. 1 S. 2)")
    if cmd.made_known_on is not None and cmd.made_known_on < cmd.determined_on:
        raise RuleViolation("made_known_on", "is before the determination")
    try:
        sanction = determine(
            cmd.incident,
            cmd.occurred_on,
            cmd.determined_on,
            earlier,
            cmd.consecutive_misses,
            made_known_on=cmd.made_known_on,
            sperrzeit_from=cmd.sperrzeit_from,
        )
    except BenefitsError as exc:
        raise RuleViolation("determined_on", str(exc)) from exc
    row = _row(facts, cmd, sanction)
    tx.session.add(row)
    facts = replace(facts, reductions=(*facts.reductions, row.reduction()))
    outcome = await _decide(
        tx, facts, Cause.REDUCTION_DETERMINED, sanction.first_month, cmd.determined_on, cmd.by, sealing
    )
    row.decision_id = outcome.decision.decision_id if outcome and outcome.decision else None
    withdrawn = max(ZERO, outcome.before - outcome.after) if outcome and outcome.decision else ZERO
    await tx.publish(
        ReductionDeterminedV1(
            household_id=facts.household_id,
            reduction_id=row.reduction_id,
            client_id=row.client_id,
            first_month=row.first_month,
            months=row.months,
            percent=row.percent,
            monthly_reduction=withdrawn,
            decision_id=row.decision_id,
            client_ids=list(facts.client_ids),
        )
    )
    return Determined(row, change_months(sanction), withdrawn)


def _row(facts: HouseholdFacts, cmd: DetermineReduction, sanction: Sanction) -> ReductionRow:
    return ReductionRow(
        reduction_id=new_id(),
        household_id=facts.household_id,
        client_id=cmd.client_id,
        office_id=facts.office_id,
        incident=sanction.incident.value,
        occurred_on=sanction.occurred_on,
        determined_on=cmd.determined_on,
        determined_by=cmd.by,
        consequence=sanction.consequence.value,
        percent=sanction.percent,
        first_month=sanction.first_month,
        months=sanction.months,
        step=sanction.step,
        paragraph=sanction.paragraph,
        from_day=sanction.from_day,
        created_at=datetime.now(UTC),
    )


async def household_reductions(tx: Transaction, household_id: UUID, by: StaffUser) -> list[ReductionRow]:
    """The household's determined reductions, oldest first, for staff of its office (what is stored in clear)."""
    await visible_facts(tx, household_id, by)
    query = (
        select(ReductionRow)
        .where(col(ReductionRow.household_id) == household_id)
        .order_by(col(ReductionRow.first_month), col(ReductionRow.created_at))
    )
    return list((await tx.session.scalars(query)).all())


async def _reduction(tx: Transaction, household_id: UUID, reduction_id: UUID) -> ReductionRow:
    row = await tx.session.get(ReductionRow, reduction_id, with_for_update=True)
    if row is None or row.household_id != household_id:
        raise NotFound("reduction", reduction_id)
    return row


async def lift_reduction(tx: Transaction, cmd: LiftReduction, sealing: Sealing) -> ReductionRow:
    """§ 31a Abs. 1 S. 2 (§ 7b Abs. 4 S. 3): lift from the month (a period by days: the day) the law says and
    decide the months it changes (`lift_months`) in this transaction: lifted on a day inside a month, that month by
    days and the next in full (§ 31b Abs. 2 S. 2), so no timer has to decide the next month before its run."""
    facts = await visible_facts(tx, cmd.household_id, sealing.user, lock=True, sealing=sealing)
    row = await _reduction(tx, cmd.household_id, cmd.reduction_id)
    if row.lifted_from is not None:
        raise Conflict(f"reduction {row.reduction_id} was lifted from {row.lifted_from:%Y-%m-%d} already")
    if cmd.fulfilled_on < row.occurred_on:
        raise RuleViolation("fulfilled_on", "lies before the breach")
    sanction = row.sanction()
    try:
        lifted = lifted_from(sanction, cmd.fulfilled_on)
    except BenefitsError as exc:
        raise RuleViolation("reduction_id", str(exc)) from exc
    if (end := _period_end(sanction)) is not None and lifted >= end:
        ends = f"{end - ONE_DAY:%d.%m.%Y}"
        raise RuleViolation("fulfilled_on", f"the reduction runs out on {ends} by itself: nothing to lift")
    row.lifted_from, row.lifted_on, row.lifted_by = lifted, cmd.fulfilled_on, cmd.by
    facts = replace(
        facts,
        reductions=tuple(r if r.reduction_id != str(row.reduction_id) else row.reduction() for r in facts.reductions),
    )
    month, *later = lift_months(row)
    # Decided on the day of fulfilment, never after the lift month began: no month is settled by both decisions.
    outcome = await _decide(tx, facts, Cause.REDUCTION_LIFTED, month, cmd.fulfilled_on, cmd.by, sealing)
    if outcome is not None:  # None: pending or not computable; the months after it follow when it is decided
        for next_month in later:
            await _decide(tx, facts, Cause.REDUCTION_LIFTED, next_month, cmd.fulfilled_on, cmd.by, sealing)
    await tx.publish(_lifted(row, facts, outcome, month, lifted))
    return row


def lift_months(row: ReductionRow) -> tuple[date, ...]:
    """The months a lift changes: the month it is lifted from and, lifted on a day inside it, the next."""
    if (lifted := row.lifted_from) is None:
        return ()
    month = lifted.replace(day=1)
    return (month,) if lifted == month else (month, add_months(month, 1))


def _period_end(sanction: Sanction) -> date | None:
    """The first day the reduction no longer applies without a lift; None: until the person reports in person."""
    if (until := sanction.until) is not None:
        return until + ONE_DAY
    return sanction.end_month


async def decide_month(
    tx: Transaction, household_id: UUID, reduction_id: UUID, month: date, by: str, sealing: Sealing
) -> Outcome | None:
    """Decide `month`, one of the reduction's change months (its end, or the second month of § 7b Abs. 4).

    Idempotent: a month already decided with the same result (by a lift, or by an earlier call) makes no decision."""
    facts = await visible_facts(tx, household_id, sealing.user, lock=True, sealing=sealing)
    row = await _reduction(tx, household_id, reduction_id)
    if month not in change_months(row.sanction()) and month not in lift_months(row):
        raise RuleViolation("month", f"the reduction does not change the amount in {month:%Y-%m}")
    outcome = await _decide(tx, facts, Cause.REDUCTION_ENDED, month, month, by, sealing)
    if row.months is not None and month == row.sanction().end_month and row.lifted_from is None:
        await tx.publish(_lifted(row, facts, outcome, month))
    return outcome


def _lifted(
    row: ReductionRow, facts: HouseholdFacts, outcome: Outcome | None, month: date, day: date | None = None
) -> ReductionLiftedV1:
    return ReductionLiftedV1(
        household_id=facts.household_id,
        reduction_id=row.reduction_id,
        client_id=row.client_id,
        lifted_from=month,
        lifted_on_day=day if day is not None and day != month else None,
        decision_id=outcome.decision.decision_id if outcome and outcome.decision else None,
        client_ids=list(facts.client_ids),
    )
