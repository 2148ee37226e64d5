"""§ 6 Kennzahlen-Verordnung: Vermeidung von langfristigem Leistungsbezug (K3 and its Ergänzungsgrößen).

Langzeitleistungsbeziehende (LZB) are ELB who were needy in at least 21 of the past 24 months (§ 6 Abs. 1 S. 2);
the 24 months are the Bezugsmonat and the 23 before it, and the person must be an ELB in the Bezugsmonat.

K3   Zahl der LZB im Bezugsmonat ÷ Zahl der LZB im Bezugsmonat des Vorjahres (§ 6 Abs. 1).
K3E1 Integrationsquote der LZB: § 5 Abs. 1 for LZB — integrations of people who were LZB in the month of the
     integration or the month before (as `integrations.at_start` reads § 5 Abs. 1), over the past twelve months
     ÷ the average LZB stock over them (§ 6 Abs. 2 Nr. 1).
K3E2 Aktivierungsquote der LZB: LZB in a Maßnahme der aktiven Arbeitsförderung (§ 2 Abs. 2 Nr. 1) im
     Bezugsmonat ÷ LZB im Bezugsmonat (§ 6 Abs. 2 Nr. 2).
K3E3 Durchschnittliche Zugangsrate der LZB: § 4 Abs. 2 Nr. 3 for LZB — a Zugang is a person who is LZB this
     month and was not last month (§ 6 Abs. 2 Nr. 3).
K3E4 Durchschnittliche Abgangsrate der LZB: § 4 Abs. 2 Nr. 4 for LZB (§ 6 Abs. 2 Nr. 4).
"""

from datetime import date

from services.reporting.domain.cells import Series, exits
from services.reporting.domain.integration_rate import integration_quote
from services.reporting.domain.need_reduction import entry_rate, exit_rate, stock_change
from services.reporting.domain.quotient import Definition, Figure, ratio

_P = "Kennzahlen-Verordnung"
K3 = Definition("K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden", f"§ 6 Abs. 1 {_P}")
K3E1 = Definition("K3E1", "Integrationsquote der Langzeitleistungsbeziehenden", f"§ 6 Abs. 2 Nr. 1 {_P}")
K3E2 = Definition("K3E2", "Aktivierungsquote der Langzeitleistungsbeziehenden", f"§ 6 Abs. 2 Nr. 2 {_P}")
K3E3 = Definition("K3E3", "Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden", f"§ 6 Abs. 2 Nr. 3 {_P}")
K3E4 = Definition("K3E4", "Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden", f"§ 6 Abs. 2 Nr. 4 {_P}")


def long_term_figures(group: Series, month: date) -> list[Figure]:
    def long_term(m: date) -> int:
        return group(m).long_term

    def entered(m: date) -> int:
        return group(m).long_term_entries

    return [
        stock_change(K3, long_term, month),
        integration_quote(K3E1, lambda m: group(m).long_term_integrations, long_term, month),
        ratio(K3E2, month, group(month).long_term_in_measure, long_term(month)),
        entry_rate(K3E3, entered, long_term, month),
        exit_rate(K3E4, lambda m: exits(long_term, entered, m), long_term, month),
    ]
