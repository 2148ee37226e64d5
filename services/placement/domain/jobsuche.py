"""Vacancies published in the Bundesagentur für Arbeit's Jobsuche, as placement takes them in. No I/O here.

A record of the Jobsuche's search results (`stellenangebote`) names its job by `beruf`, a BERUFENET job title
("Koch/Köchin"); the KldB 2010 lists those titles under each occupation type (`Classification.job_titles`), so
the code is looked up, never guessed: a title the classification lacks rejects the record. The search results
say nothing of weekly hours, start time or pay: they stay unknown. `arbeitszeit` is the Jobsuche's working-time
key (vz full time, tz part time, snw shift/night/weekend, ho home office, mj Minijob); a Minijob is
marginal employment, free of social insurance for the employee (§ 8 SGB IV); every other key counts as
subject to it. `angebotsart` 4 is an apprenticeship (Ausbildung / duales Studium), 1 a job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.placement.domain.matching import VacancyKind

APPRENTICESHIP_OFFER = 4


@dataclass(frozen=True)
class PublishedVacancy:
    refnr: str
    title: str
    job_title: str  # beruf
    kldb_code: str
    employer_name: str
    postcode: str
    kind: VacancyKind
    subject_to_social_insurance: bool
    positions: int
    entry_date: date | None


def kind_of(offer_type: int) -> VacancyKind:
    return VacancyKind.APPRENTICESHIP if offer_type == APPRENTICESHIP_OFFER else VacancyKind.JOB


def subject_to_social_insurance(kind: VacancyKind, working_time: str | None) -> bool:
    return kind is VacancyKind.APPRENTICESHIP or working_time != "mj"


@dataclass(frozen=True)
class Rejection:
    index: int
    refnr: str | None
    errors: tuple[tuple[str, str], ...]  # (field, reason)


@dataclass(frozen=True)
class ImportReport:
    office_id: str
    received: int
    created: list[str]  # refnr
    updated: list[str]
    rejected: list[Rejection]
