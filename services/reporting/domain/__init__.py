"""Pure reporting rules: the facts a district's figures are computed from, and the figures themselves.

No I/O here; the service maps its read-model rows into `facts` and asks `figures` for the § 48a indicators
(Kennzahlen-Verordnung) and `yardsticks` for the seeds' programme yardsticks.
"""

from services.reporting.domain.facts import (
    BenefitMonth,
    ContactMonth,
    District,
    EmploymentKind,
    EmploymentStart,
    InsuredMonth,
    MeasureMonth,
    NeedyMonth,
    Person,
    ProgrammeSpell,
    Sex,
)
from services.reporting.domain.figures import compute_figures
from services.reporting.domain.quotient import Figure, Part
from services.reporting.domain.yardsticks import (
    apprenticeship_placement,
    caseload,
    contact_density,
    programme_integrations,
    programme_savings,
    programme_success,
)

__all__ = [
    "BenefitMonth",
    "ContactMonth",
    "District",
    "EmploymentKind",
    "EmploymentStart",
    "Figure",
    "InsuredMonth",
    "MeasureMonth",
    "NeedyMonth",
    "Part",
    "Person",
    "ProgrammeSpell",
    "Sex",
    "apprenticeship_placement",
    "caseload",
    "compute_figures",
    "contact_density",
    "programme_integrations",
    "programme_savings",
    "programme_success",
]
