"""After the hire: monthly continuation checks, confirmations and the end. No I/O here.

K2E3 (§ 5 Kennzahlen-Verordnung zu § 48a SGB II) counts an integration as continuous when
the person is employed subject to social insurance in each of the six months after it.
The journey asks for a continuation check per month; the employer's answer (a
confirmation with the month's pay) or the end of the employment settles it. A month that
begins after the end date can no longer be confirmed; the month in which the employment
ended still can (the person was employed in it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.platform.errors import Conflict, RuleViolation


class CheckStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    ENDED = "ended"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _ym(month: date) -> str:
    return month.strftime("%Y-%m")


def begins_after(month: date, end_date: date | None) -> bool:
    return end_date is not None and month > end_date


def check_month_employed(month: date, start_date: date, end_date: date | None) -> None:
    if month < first_of_month(start_date):
        raise RuleViolation("month", f"{_ym(month)} lies before the employment started on {start_date.isoformat()}")
    if end_date is not None and month > end_date:
        raise RuleViolation("month", f"{_ym(month)} begins after the employment ended on {end_date.isoformat()}")


def status_of_new_check(month: date, start_date: date, end_date: date | None) -> CheckStatus:
    """A check asked for after the end already knows its answer."""
    if month < first_of_month(start_date):
        raise RuleViolation("month", f"{_ym(month)} lies before the employment started on {start_date.isoformat()}")
    return CheckStatus.ENDED if begins_after(month, end_date) else CheckStatus.OPEN


@dataclass(frozen=True)
class Pay:
    gross: Decimal
    net: Decimal

    def check(self) -> None:
        if self.net > self.gross:
            raise RuleViolation("net_pay", "cannot exceed the gross pay")


def is_repeat_confirmation(month: date, recorded: Pay | None, offered: Pay) -> bool:
    """True when the month is already confirmed with these figures; other figures are a conflict."""
    if recorded is None:
        return False
    if recorded != offered:
        raise Conflict(f"{_ym(month)} is already confirmed with gross {recorded.gross} and net {recorded.net}")
    return True


def check_end(start_date: date, ended_on: date | None, end_date: date, last_confirmed: date | None) -> None:
    if ended_on is not None:
        raise Conflict(f"the employment already ended on {ended_on.isoformat()}")
    if end_date < start_date:
        raise RuleViolation("end_date", f"lies before the start date {start_date.isoformat()}")
    if last_confirmed is not None and begins_after(last_confirmed, end_date):
        raise RuleViolation("end_date", f"the employment is confirmed for {_ym(last_confirmed)}, after this date")
