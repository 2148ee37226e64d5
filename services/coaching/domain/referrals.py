"""Referrals to the municipal integration services of § 16a SGB II, as rules with no I/O.

§ 16a SGB II (same wording in the versions of 2026-04-01 and 2026-08-19) lists four services "zur
Verwirklichung einer ganzheitlichen und umfassenden Betreuung und Unterstützung bei der Eingliederung in
Arbeit": Nr. 1 the care of minor or disabled children or home care of relatives, Nr. 2 debt counselling,
Nr. 3 psychosocial care, Nr. 4 addiction counselling. A referral addresses one obstacle of the cooperation plan;
the obstacle's status follows the referral's.

Nr. 3 and Nr. 4 reveal health and addiction (GDPR Art. 9). The kind of *every* referral is sealed with its
provider and notes, so a clear column (or an event) never tells a Nr. 3/4 referral from a Nr. 1/2 one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from services.coaching.domain.model import Obstacle, ObstacleKind, ObstacleStatus
from services.platform.errors import Conflict, RuleViolation


class ReferralKind(StrEnum):
    """§ 16a SGB II, with the law's numbering."""

    CARE = "care"  # Nr. 1: Betreuung minderjähriger oder behinderter Kinder, häusliche Pflege von Angehörigen
    DEBT_COUNSELLING = "debt_counselling"  # Nr. 2: Schuldnerberatung
    PSYCHOSOCIAL_CARE = "psychosocial_care"  # Nr. 3: psychosoziale Betreuung
    ADDICTION_COUNSELLING = "addiction_counselling"  # Nr. 4: Suchtberatung


PARAGRAPH = {
    ReferralKind.CARE: "§ 16a Nr. 1 SGB II",
    ReferralKind.DEBT_COUNSELLING: "§ 16a Nr. 2 SGB II",
    ReferralKind.PSYCHOSOCIAL_CARE: "§ 16a Nr. 3 SGB II",
    ReferralKind.ADDICTION_COUNSELLING: "§ 16a Nr. 4 SGB II",
}

# Nr. 3 and Nr. 4 are data concerning health (GDPR Art. 9); the other kinds are sealed alongside them anyway.
SPECIAL_CATEGORY_KINDS = frozenset({ReferralKind.PSYCHOSOCIAL_CARE, ReferralKind.ADDICTION_COUNSELLING})

# The obstacle each service addresses: care of children or relatives removes a childcare obstacle, psychosocial
# care a health one (mental health), the counselling services debts and addiction.
ADDRESSES = {
    ReferralKind.CARE: ObstacleKind.CHILDCARE,
    ReferralKind.DEBT_COUNSELLING: ObstacleKind.DEBTS,
    ReferralKind.PSYCHOSOCIAL_CARE: ObstacleKind.HEALTH,
    ReferralKind.ADDICTION_COUNSELLING: ObstacleKind.ADDICTION,
}


class ReferralStatus(StrEnum):
    PROPOSED = "proposed"  # discussed with the client, not yet sent
    REFERRED = "referred"
    FIRST_APPOINTMENT_HELD = "first_appointment_held"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    BROKEN_OFF = "broken_off"
    DECLINED = "declined"  # declined by the client


TERMINAL = frozenset({ReferralStatus.COMPLETED, ReferralStatus.BROKEN_OFF, ReferralStatus.DECLINED})
STARTING = (ReferralStatus.PROPOSED, ReferralStatus.REFERRED)

# Forward only. The client may decline until the provider first saw them; once they have, the support is
# completed or broken off. A referral the client never followed up is broken off.
NEXT: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.PROPOSED: frozenset({ReferralStatus.REFERRED, ReferralStatus.DECLINED}),
    ReferralStatus.REFERRED: frozenset(
        {ReferralStatus.FIRST_APPOINTMENT_HELD, ReferralStatus.DECLINED, ReferralStatus.BROKEN_OFF}
    ),
    ReferralStatus.FIRST_APPOINTMENT_HELD: frozenset(
        {ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.BROKEN_OFF}
    ),
    ReferralStatus.IN_PROGRESS: frozenset({ReferralStatus.COMPLETED, ReferralStatus.BROKEN_OFF}),
}

# The addressed obstacle's status while the referral is in a status (None: the obstacle is left as it is).
OBSTACLE_STATUS: dict[ReferralStatus, ObstacleStatus | None] = {
    ReferralStatus.PROPOSED: None,
    ReferralStatus.REFERRED: ObstacleStatus.REFERRED,
    ReferralStatus.FIRST_APPOINTMENT_HELD: ObstacleStatus.REFERRED,
    ReferralStatus.IN_PROGRESS: ObstacleStatus.IN_PROGRESS,
    ReferralStatus.COMPLETED: ObstacleStatus.RESOLVED,
    ReferralStatus.BROKEN_OFF: ObstacleStatus.IDENTIFIED,  # still there: a new referral may follow
    ReferralStatus.DECLINED: ObstacleStatus.IDENTIFIED,
}


@dataclass(frozen=True)
class StatusStep:
    status: ReferralStatus
    on: date
    by: str


@dataclass(frozen=True)
class ReferralDetails:
    """What is sealed: the kind (Nr. 1–4), the provider and the notes."""

    kind: ReferralKind
    provider_id: str | None  # one of the office's providers, or None for one named freely
    provider_name: str
    note: str | None

    @property
    def paragraph(self) -> str:
        return PARAGRAPH[self.kind]


@dataclass(frozen=True)
class MakeReferral:
    details: ReferralDetails
    status: ReferralStatus
    on: date  # the day it was proposed or referred
    follow_up_on: date | None
    consent_given_on: date | None  # Schweigepflichtentbindung towards the provider


@dataclass(frozen=True)
class ChangeStatus:
    status: ReferralStatus
    on: date
    follow_up_on: date | None
    consent_given_on: date | None
    note: str | None  # replaces the sealed note when given


@dataclass(frozen=True)
class Referral:
    referral_id: UUID
    client_id: UUID
    office_id: str
    status: ReferralStatus
    history: tuple[StatusStep, ...]
    follow_up_on: date | None
    consent_given_on: date | None
    details: ReferralDetails | None  # None: the reader may not see them
    created_by: str


def check_new(cmd: MakeReferral, today: date) -> None:
    if cmd.status not in STARTING:
        raise RuleViolation("status", "a referral starts as proposed or referred")
    check_dates(cmd.on, cmd.follow_up_on, cmd.consent_given_on, today)


def check_dates(on: date, follow_up_on: date | None, consent_given_on: date | None, today: date) -> None:
    if on > today:
        raise RuleViolation("on", "a step is recorded when it happened, not in advance")
    if follow_up_on is not None and follow_up_on <= on:
        raise RuleViolation("follow_up_on", "the follow-up comes after the step it follows")
    if consent_given_on is not None and consent_given_on > today:
        raise RuleViolation("consent_given_on", "the consent is recorded once the client has signed it")


def check_addresses(kind: ReferralKind, obstacles: list[Obstacle]) -> Obstacle:
    """The plan's obstacle the service addresses; a referral without one has nothing to remove."""
    wanted = ADDRESSES[kind]
    found = next((o for o in obstacles if o.kind is wanted), None)
    if found is None:
        raise RuleViolation("kind", f"{PARAGRAPH[kind]} addresses a {wanted} obstacle; the plan records none")
    return found


def next_step(history: tuple[StatusStep, ...], step: StatusStep) -> bool:
    """Whether `step` moves the referral on (True) or repeats its current status (False: nothing changes);
    409 for a step out of order, 422 for one dated before the current status."""
    current = history[-1]
    if step.status is current.status:
        return False
    if step.status not in NEXT.get(current.status, frozenset()):
        allowed = ", ".join(sorted(NEXT.get(current.status, frozenset()))) or "none (it has ended)"
        raise Conflict(f"a {current.status} referral cannot become {step.status}; next: {allowed}")
    if step.on < current.on:
        raise RuleViolation("on", f"before the current status ({current.status} on {current.on.isoformat()})")
    return True


def consent_after(current: date | None, given: date | None) -> date | None:
    """Consent once given stays recorded with its first date (a withdrawal is not modelled)."""
    return current if current is not None else given
