"""Properties of the § 48a figures for every small district (hypothesis)."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from services.reporting.domain.facts import EmploymentKind, EmploymentStart, NeedyMonth
from services.reporting.domain.figures import compute_figures
from services.reporting.domain.months import add_months
from tests.unit.reporting.builders import MARCH_2026, Town, by_key, months_before

M = MARCH_2026
MONTHS = months_before(M, 30)
KINDS: list[EmploymentKind] = ["insured", "apprenticeship", "self_employed", "marginal", "subsidised"]

needy_patterns = st.lists(st.sets(st.sampled_from(MONTHS), max_size=len(MONTHS)), min_size=1, max_size=6)
job_starts = st.lists(st.tuples(st.integers(0, 5), st.sampled_from(MONTHS), st.sampled_from(KINDS)), max_size=12)


def _town(patterns: list[set[date]], starts: list[tuple[int, date, EmploymentKind]]) -> tuple[Town, list[UUID]]:
    town = Town()
    clients = [town.person() for _ in patterns]
    for client_id, months in zip(clients, patterns, strict=True):
        town.needy_in(client_id, sorted(months))
    town.starts += [EmploymentStart(uuid4(), clients[i % len(clients)], m, k) for i, m, k in starts]
    return town, clients


@settings(max_examples=60, deadline=None)
@given(needy_patterns, job_starts, st.integers(0, 5), st.sampled_from(MONTHS))
def test_one_more_needy_month_never_lowers_the_elb_or_long_term_stock(
    patterns: list[set[date]], starts: list[tuple[int, date, EmploymentKind]], who: int, added: date
) -> None:
    """§ 4 Abs. 2 Nr. 2 and § 6 Abs. 1: a stock only grows when someone is needy in one more month."""
    town, clients = _town(patterns, starts)
    before = by_key(compute_figures(town.district(), M))
    town.needy.append(NeedyMonth(clients[who % len(clients)], uuid4(), added))
    after = by_key(compute_figures(town.district(), M))
    assert after["K1E2"].numerator >= before["K1E2"].numerator
    assert after["K3"].numerator >= before["K3"].numerator
    assert after["K3"].denominator >= before["K3"].denominator


@settings(max_examples=60, deadline=None)
@given(needy_patterns, job_starts)
def test_integrations_never_exceed_one_per_person_and_month_and_a_repeated_start_changes_nothing(
    patterns: list[set[date]], starts: list[tuple[int, date, EmploymentKind]]
) -> None:
    """§ 5 Abs. 1 S. 5: at most one integration per ELB and month (a month counts when the person was ELB in it or
    the month before, `integrations.at_start`); repeating every start leaves K2 alone."""
    town, _ = _town(patterns, starts)
    k2 = by_key(compute_figures(town.district(), M))["K2"]
    window = months_before(M, 12)
    countable = sum(1 for p in patterns for m in window if m in p or add_months(m, -1) in p)
    assert k2.numerator <= countable
    town.starts += [EmploymentStart(uuid4(), s.client_id, s.start_date, s.kind) for s in town.starts]
    assert by_key(compute_figures(town.district(), M))["K2"] == k2


@settings(max_examples=60, deadline=None)
@given(needy_patterns, job_starts)
def test_k2e3_is_a_share_between_none_and_everything(
    patterns: list[set[date]], starts: list[tuple[int, date, EmploymentKind]]
) -> None:
    """§ 5 Abs. 2 Nr. 3: continuous employments are some of the countable integrations, never more."""
    town, clients = _town(patterns, starts)
    town.insured_in(clients[0], MONTHS)
    k2e3 = by_key(compute_figures(town.district(), M))["K2E3"]
    assert 0 <= k2e3.numerator <= k2e3.denominator
    assert (k2e3.value is None) == (k2e3.denominator == 0)
