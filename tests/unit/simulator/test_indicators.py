"""The demo prints K2, K2E3 and programme success as the reporting API serves them."""

from __future__ import annotations

from datetime import date

from simulator.indicators import (
    DISTRICT,
    ReportedIndicators,
    elb_of,
    indicator_quotas,
    programme_success,
    render_indicators,
)


def figure(key: str, numerator: str, denominator: str) -> dict:
    value = None if denominator == "0" else str(round(100 * float(numerator) / float(denominator), 1))
    return {"key": key, "name": key, "paragraph": "§ 5", "month": "2026-08-01", "numerator": numerator,
            "denominator": denominator, "value": value}  # fmt: skip


def indicators_reply(k2: tuple[str, str], k2e3: tuple[str, str]) -> dict:
    figures = [figure("K1", "90", "100"), figure("K2", *k2), figure("K2E3", *k2e3)]
    return {
        "month": "2026-08-01",
        "office_id": None,
        "breakdown": None,
        "groups": [{"value": None, "figures": figures}],
    }


def test_k2_and_k2e3_are_read_with_their_numerator_and_denominator():
    quotas = indicator_quotas(indicators_reply(("3", "24.5"), ("2", "3")))
    assert set(quotas) == {"K2", "K2E3"}
    assert quotas["K2"].line() == "12.2% (3 / 24.5)"
    assert quotas["K2E3"].line() == "66.7% (2 / 3.0)"


def test_programme_success_is_read_with_its_goal():
    success = {"key": "S", "name": "s", "paragraph": "Seed", "month": "2026-08-01", "numerator": "9",
               "denominator": "10", "value": "90.0", "target": "90"}  # fmt: skip
    reply = {"programmes": [{"programme_id": "p", "name": "Joboffensive", "success": success}]}
    quotas, target = programme_success(reply)
    success_line = quotas["Joboffensive"]
    assert success_line is not None and success_line.line() == "90.0% (9 / 10.0)" and target == 90.0


def test_a_suppressed_programme_success_is_printed_as_a_star_not_a_crash():
    """Reporting shows a programme's success of 1 or 2 people as "*" without numbers (§ 16 BStatG as the BA
    applies it): the demo's closing report crashed on its missing numerator."""
    hidden = {"key": "S", "name": "s", "paragraph": "Seed", "month": "2026-08-01", "target": "90", "suppressed": True}
    reply = {"programmes": [{"programme_id": "g", "name": "Gemeinsam", "success": hidden}]}
    quotas, target = programme_success(reply)
    assert quotas == {"Gemeinsam": None} and target == 90.0
    text = render_indicators(ReportedIndicators(date(2026, 8, 1), {}, quotas, target))
    assert "    Gemeinsam  * (1 or 2 people" in text


def test_the_demo_prints_each_office_and_the_district_for_k2_and_k2e3():
    by_office = {
        "lutjenburg": indicator_quotas(indicators_reply(("3", "24"), ("1", "2"))),
        "plon": indicator_quotas(indicators_reply(("1", "16"), ("0", "0"))),
        DISTRICT: indicator_quotas(indicators_reply(("4", "40"), ("1", "2"))),
    }
    success, target = programme_success({"programmes": []})
    text = render_indicators(ReportedIndicators(date(2026, 8, 1), by_office, success, target))
    lines = text.splitlines()
    assert lines[0] == "§ 48a indicators from the reporting service, Bezugsmonat 2026-08:"
    k2 = lines.index("  integration rate (K2, § 5 Abs. 1)")
    assert lines[k2 + 1 : k2 + 4] == [
        "    lutjenburg  12.5% (3 / 24.0)",
        "    plon        6.2% (1 / 16.0)",
        "    district    10.0% (4 / 40.0)",
    ]
    k2e3 = lines.index("  continuous employment (K2E3, § 5 Abs. 2 Nr. 3)")
    assert lines[k2e3 + 2] == "    plon        0.0% (0 / 0.0)"
    assert "programme success" not in text  # no programme served, no line claiming one


def test_the_elb_stock_of_a_month_is_k1e2s_numerator_and_is_printed_month_by_month():
    """§ 4 Abs. 2 Nr. 2 KennzahlenVO: K1E2 = ELB this month ÷ ELB a year before."""
    reply = indicators_reply(("3", "24"), ("1", "2"))
    reply["groups"][0]["figures"].append(figure("K1E2", "41", "0"))
    assert elb_of(reply) == 41 and elb_of(indicators_reply(("3", "24"), ("1", "2"))) is None
    stock = {date(2026, 8, 1): 41, date(2026, 7, 1): 45}
    text = render_indicators(ReportedIndicators(date(2026, 8, 1), {}, {}, None, elb_stock=stock))
    assert text.splitlines()[-1] == "  ELB stock per month (district, K1E2's numerator): 2026-07 45 2026-08 41"
