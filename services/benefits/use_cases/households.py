"""Household use cases: membership from intake, inputs entered by a clerk, the household view, what-if."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import update
from sqlmodel import col

from contracts.events import ClientRegisteredV1
from services.benefits.domain import BenefitsError, InvalidHousehold, NoRuleForDate
from services.benefits.domain.back_payment_decisions import decide_back_payments
from services.benefits.domain.decisions import Cause, DecisionKind
from services.benefits.domain.employments import Pay, first_pay_months, pays_by_client
from services.benefits.domain.households import EnteredHousehold, EnterHousehold, WhatIf, check_inputs
from services.benefits.domain.result import EntitlementResult
from services.benefits.domain.snapshots import entered_json
from services.benefits.domain.views import Computation, HouseholdEntry, HouseholdView, PendingDecision, WhatIfAnswer
from services.benefits.tables import HOUSEHOLD_INPUTS, EarnedIncomeRow, HouseholdMemberRow, HouseholdRow
from services.benefits.use_cases import pending_decisions
from services.benefits.use_cases.decisions import DecisionView, Trigger, computation, decide, opened, record_pending
from services.benefits.use_cases.household_facts import HouseholdFacts, decision_for_month, visible_facts
from services.benefits.use_cases.later_changes import Entry, decide_later_changes
from services.benefits.use_cases.payment_runs import owed
from services.benefits.use_cases.special_categories import Sealing
from services.platform.auth.staff import StaffUser
from services.platform.errors import RuleViolation
from services.platform.unit_of_work import Transaction

log = logging.getLogger(__name__)


async def add_household_member(tx: Transaction, event: ClientRegisteredV1) -> None:
    """A registered client belongs to the household intake named; pay recorded before that now counts there."""
    member = await tx.session.get(HouseholdMemberRow, event.client_id)
    if member is None:
        tx.session.add(
            HouseholdMemberRow(client_id=event.client_id, household_id=event.household_id, office_id=event.office_id)
        )
    else:
        member.household_id, member.office_id = event.household_id, event.office_id
    await tx.session.execute(
        update(EarnedIncomeRow)
        .where(
            col(EarnedIncomeRow.client_id) == event.client_id,
            col(EarnedIncomeRow.household_id).is_(None),
        )
        .values(household_id=event.household_id)
    )


def _engine_failure(exc: BenefitsError) -> RuleViolation:
    if isinstance(exc, NoRuleForDate):
        return RuleViolation("month", f"cannot be computed: {exc}")
    if isinstance(exc, InvalidHousehold):
        return RuleViolation("members", str(exc))
    return RuleViolation("body", str(exc))


def _stored_inputs(facts: HouseholdFacts, cmd: EnterHousehold, by: StaffUser, sealed: str) -> HouseholdRow:
    entered: dict[str, Any] = {
        "office_id": facts.office_id,
        "sealed_inputs": sealed,
        "inputs_month": cmd.month,
        "entered_at": datetime.now(UTC),
        "entered_by": by.staff_id,
    }
    if facts.row is None:
        return HouseholdRow(household_id=facts.household_id, **entered)
    for name, value in entered.items():
        setattr(facts.row, name, value)
    return facts.row


async def enter_household(tx: Transaction, cmd: EnterHousehold, sealing: Sealing) -> HouseholdEntry:
    """Store the clerk's inputs from `cmd.month` on (sealed) and decide if the monthly amount changes.

    The reply shows only what is stored in clear: it is kept for idempotent retries."""
    by = sealing.user
    facts = await visible_facts(tx, cmd.household_id, by, lock=True)
    check_inputs(cmd.household, facts.client_ids, cmd.month)
    if _has_back_payment(cmd.household):
        cmd = replace(cmd, household=await _back_payments_decided(tx, cmd, facts, sealing))
    if facts.latest is not None and cmd.month < facts.latest.effective_month:
        raise RuleViolation(
            "month", f"lies before {facts.latest.effective_month:%Y-%m}, the effective month of the latest decision"
        )
    sealed = await sealing.seal(tx, facts.subjects, HOUSEHOLD_INPUTS, cmd.household_id, entered_json(cmd.household))
    row = _stored_inputs(facts, cmd, by, sealed)
    tx.session.add(row)
    await pending_decisions.supersede_entries(tx, cmd.household_id)
    trigger = Trigger(Cause.HOUSEHOLD_CHANGE, cmd.month, cmd.month, by.staff_id)
    try:
        outcome = await decide(tx, replace(facts, row=row, inputs=cmd.household), trigger, sealing)
    except NoRuleForDate as exc:  # a valid entry is kept and decided once the month's figures are loaded
        kept = record_pending(tx, cmd.household_id, trigger, exc).pending()
        return HouseholdEntry(None, await _entered_view(tx, cmd, by), kept)
    except BenefitsError as exc:
        raise _engine_failure(exc) from exc
    await _decide_later_changes(tx, cmd, sealing)
    decision = None if outcome.decision is None else outcome.decision.decision()
    return HouseholdEntry(decision, await _entered_view(tx, cmd, by))


def _has_back_payment(household: EnteredHousehold) -> bool:
    return any(income.back_payment for member in household.members for income in member.incomes)


async def _back_payments_decided(
    tx: Transaction, cmd: EnterHousehold, facts: HouseholdFacts, sealing: Sealing
) -> EnteredHousehold:
    """The stored inputs are opened (an audited read) only when a back payment needs its earlier decision."""
    earlier = (await visible_facts(tx, cmd.household_id, sealing.user, sealing=sealing)).inputs
    return decide_back_payments(cmd.household, earlier, _month_result_of(facts))


def _month_result_of(facts: HouseholdFacts) -> Callable[[EnteredHousehold, date], EntitlementResult | None]:
    """How a month comes out under given inputs, for deciding a back payment (§ 11 Abs. 3)."""

    def month_result(inputs: EnteredHousehold, month: date) -> EntitlementResult | None:
        try:
            return computation(inputs, facts, month)[1]
        except BenefitsError:  # not computable yet: the back payment counts in full until decided
            return None

    return month_result


async def _entered_view(tx: Transaction, cmd: EnterHousehold, by: StaffUser) -> HouseholdView:
    """The reply's view: what is stored in clear, without the inputs (kept for idempotent retries)."""
    now = replace(await visible_facts(tx, cmd.household_id, by), inputs=cmd.household)
    return _household_view(now, None, None, await pending_decisions.waiting(tx, cmd.household_id))


async def _decide_later_changes(tx: Transaction, cmd: EnterHousehold, sealing: Sealing) -> None:
    """The entry's later change months, decided with it; the facts are loaded as the clerk may see them."""

    async def as_the_clerk() -> HouseholdFacts:
        return await visible_facts(tx, cmd.household_id, sealing.user)

    entry = Entry(cmd.household_id, cmd.household, cmd.month, sealing.user.staff_id)
    await decide_later_changes(tx, entry, cmd.month, as_the_clerk, sealing)


def _notes(facts: HouseholdFacts) -> list[str]:
    inputs = facts.inputs
    if inputs is None:
        recorded = f" Earned income of {len(facts.incomes)} employment(s) is recorded." if facts.incomes else ""
        return [f"The household's inputs were never entered: no entitlement was computed or decided.{recorded}"]
    entered = inputs.client_ids
    notes = [
        f"Registered client {client_id} is not among the entered members: their pay is not counted."
        for client_id in facts.client_ids
        if client_id not in entered
    ]
    notes += _superseded_jobs(facts, inputs)
    if facts.latest is not None and facts.latest.kind == DecisionKind.END.value:
        because = "income covers the need" if facts.latest.income_covers_need else "the entitlement ended"
        notes.append(
            f"No entitlement from {facts.latest.effective_month:%Y-%m} ({because}): "
            "a new grant needs a new application, entered here."
        )
    return notes


def _superseded_jobs(facts: HouseholdFacts, inputs: EnteredHousehold) -> list[str]:
    """Jobs the clerk entered for a client that give way to placement's record (`entered_incomes`)."""
    since = first_pay_months(facts.employments)
    notes = []
    for member in inputs.members:
        first = since.get(member.client_id) if member.client_id else None
        if first is None:
            continue
        lasting = (i for i in member.incomes if i.inflow_until is None or i.inflow_until >= first)
        if any(income.superseded(first, first) for income in lasting):
            notes.append(
                f"The job entered for client {member.client_id} counts only before {first:%Y-%m}: from then on "
                "placement's record is their employment income (mark it separate_job if it is a second job)."
            )
    return notes


async def household_view(tx: Transaction, household_id: UUID, sealing: Sealing, month: date) -> HouseholdView:
    """The household with its inputs and the entitlement in force for `month` (the first of a month), opened for
    their readers (audited reads). A later decision already taken (a reduction from next month, a change decided
    ahead) is shown beside it as the next entitlement; a first grant from a later month is shown as current."""
    facts = await visible_facts(tx, household_id, sealing.user, sealing=sealing)
    waiting = await pending_decisions.waiting(tx, household_id)
    if facts.latest is None:
        return _household_view(facts, facts.inputs, None, waiting)
    in_force = facts.latest
    if facts.latest.effective_month > month:
        first = facts.first_grant_month or facts.latest.effective_month
        in_force = await decision_for_month(tx, household_id, max(month, first)) or facts.latest
    shown = await opened(tx, in_force, facts.subjects, sealing)
    view = _household_view(replace(facts, latest=in_force), facts.inputs, shown, waiting)
    if in_force.decision_id == facts.latest.decision_id:
        return view
    return replace(view, next_entitlement=facts.latest.next_entitlement())


def _household_view(
    facts: HouseholdFacts,
    shown: EnteredHousehold | None,
    latest: DecisionView | None,
    waiting: Sequence[PendingDecision] = (),
) -> HouseholdView:
    return HouseholdView(
        facts.household_id,
        facts.office_id,
        list(facts.client_ids),
        shown,
        facts.row.inputs_month if facts.row else None,
        [income.recorded() for income in facts.incomes],
        facts.latest.current_entitlement(latest.computation if latest else None) if facts.latest else None,
        [*_notes(facts), *map(pending_decisions.waiting_note, waiting)],
        list(waiting),
    )


def _what_if_inputs(facts: HouseholdFacts, cmd: WhatIf) -> EnteredHousehold:
    """The inputs asked about; a back payment in them is decided as its entry would decide it (§ 11 Abs. 3), so
    the answer spreads it over six months where the decision would."""
    if cmd.household is not None:
        check_inputs(cmd.household, facts.client_ids, cmd.month, prefix="household.")
        if not _has_back_payment(cmd.household):
            return cmd.household
        return decide_back_payments(cmd.household, facts.inputs, _month_result_of(facts))
    if facts.inputs is None:
        raise RuleViolation("household", "this household's inputs were never entered: give them here")
    try:
        check_inputs(facts.inputs, facts.client_ids, cmd.month)
    except RuleViolation as exc:
        raise RuleViolation("month", f"the entered household does not hold in {cmd.month:%Y-%m}: {exc}") from exc
    return facts.inputs


def _what_if_pays(facts: HouseholdFacts, cmd: WhatIf, inputs: EnteredHousehold) -> dict[UUID, list[Pay]]:
    pays = pays_by_client(facts.employments, cmd.month) if cmd.include_recorded_income else {}
    members = inputs.client_ids
    named: dict[UUID, list[Pay]] = {}
    for position, assumed in enumerate(cmd.assumed_pays):
        if assumed.client_id not in members:
            raise RuleViolation(f"earned_incomes.{position}.client_id", "is not a member of the household")
        named.setdefault(assumed.client_id, []).append(assumed.pay)
    return pays | named


def _what_if_since(facts: HouseholdFacts, cmd: WhatIf) -> dict[UUID, date]:
    """Assumed pay is placement's pay of the month: a job the clerk entered for that client gives way to it."""
    since = first_pay_months(facts.employments) if cmd.include_recorded_income else {}
    assumed = {pay.client_id: min(cmd.month, since.get(pay.client_id, cmd.month)) for pay in cmd.assumed_pays}
    return since | assumed


async def what_if(tx: Transaction, cmd: WhatIf, sealing: Sealing) -> WhatIfAnswer:
    """The full computation for a month under assumed pay; nothing is stored. The entered household is opened
    (an audited read) unless the question brings its own."""
    stored = cmd.household is None or _has_back_payment(cmd.household)  # a back payment needs its earlier decision
    facts = await visible_facts(tx, cmd.household_id, sealing.user, sealing=sealing if stored else None)
    inputs = _what_if_inputs(facts, cmd)
    try:
        _, result = computation(inputs, facts, cmd.month, _what_if_pays(facts, cmd, inputs), _what_if_since(facts, cmd))
    except BenefitsError as exc:
        raise _engine_failure(exc) from exc
    current = await owed(tx.session, cmd.household_id, cmd.month)  # the decision for that month, not the latest
    return WhatIfAnswer(Computation.of(result), current, result.payment - current)
