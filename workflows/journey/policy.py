"""JourneyPolicy: every duration a journey waits for, versioned and handed to the workflow as input.

A journey measures its cadence on workflow time. A "month" is 30 days in production; the
demo compresses it to seconds and the tests skip it on Temporal's time-skipping server. A
day is a thirtieth of the policy's month, so a programme's contact interval in days
scales with the month.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

DAYS_PER_MONTH = 30  # SGB II counts a month as 30 days (§ 41 Abs. 1)
REAL_MONTH_SECONDS = DAYS_PER_MONTH * 24 * 3600


class JourneyPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str = "2026-07"
    seconds_per_month: float = Field(REAL_MONTH_SECONDS, gt=0, description="length of a month on workflow time")
    default_contact_interval_days: int = Field(30, gt=0, description="when the programme names none")
    plan_review_months: int = Field(6, gt=0, description="cooperation plan reviewed at least this often (§ 15 Abs. 3)")
    continuation_months: int = Field(6, gt=0, description="months employed after the start for K2E3 (§ 48a)")
    close_grace_months: float = Field(
        1.0, ge=0, description="after sustained, how long to wait to hear that the household no longer needs benefits"
    )
    assignment_retry_days: float = Field(7.0, gt=0, description="when coaching has no capacity, ask again after")
    post_hire_contact_weeks: tuple[int, ...] = Field(
        (1, 4, 8, 12, 26),
        description="weeks after an employment's start when the coach contacts the client (support after the hire)",
    )
    max_history_events: int | None = Field(
        None, gt=10, description="continue-as-new beyond this history length even before Temporal suggests it"
    )

    @classmethod
    def compressed(cls, seconds_per_month: float | None, **overrides: object) -> JourneyPolicy:
        """The policy for a calendar whose month lasts `seconds_per_month` (None: real time)."""
        month = seconds_per_month if seconds_per_month is not None else REAL_MONTH_SECONDS
        return cls.model_validate({"seconds_per_month": month, **overrides})

    @property
    def on_real_calendar(self) -> bool:
        """A month of 30 real days: the journey's days are the worker's (the demo's policy compresses them)."""
        return self.seconds_per_month == REAL_MONTH_SECONDS

    def months(self, n: float) -> timedelta:
        return timedelta(seconds=self.seconds_per_month * n)

    def days(self, n: float) -> timedelta:
        return self.months(n / DAYS_PER_MONTH)

    def weeks(self, n: float) -> timedelta:
        return self.days(7 * n)

    def contact_interval(self, programme_days: int | None) -> timedelta:
        return self.days(programme_days or self.default_contact_interval_days)

    @property
    def close_grace(self) -> timedelta:
        return self.months(self.close_grace_months)

    @property
    def assignment_retry(self) -> timedelta:
        return self.days(self.assignment_retry_days)
