"""The main navigation offers each role the desks it may use: Kennzahlen to team leads, management, operators."""

from __future__ import annotations

import re

import pytest

from staff_app.app import _templates
from staff_app.pages.workplace import _home_of
from staff_app.sessions import Staff


def _links(*roles: str) -> list[str]:
    staff = Staff("s-1", frozenset(roles), frozenset({"plon"}), "token")
    page = _templates().env.get_template("base.html").render(staff=staff, csrf_token="t")
    nav = page.split('<nav aria-label="Hauptnavigation">')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)">', nav)


@pytest.mark.parametrize(
    ("roles", "links"),
    [
        (("management",), ["/kennzahlen"]),
        (("team_lead",), ["/programme", "/kennzahlen", "/schliesszeiten"]),
        (
            ("case_manager", "team_lead"),
            [
                "/",
                "/termine",
                "/programme",
                "/suche",
                "/neu",
                "/doppelerfassungen",
                "/team",
                "/kennzahlen",
                "/schliesszeiten",
            ],
        ),
        (("operator",), ["/suche", "/team", "/kennzahlen", "/schliesszeiten"]),
        (("data_protection_officer",), ["/auskunft"]),
        (("case_manager",), ["/", "/termine", "/programme", "/suche", "/neu", "/doppelerfassungen"]),
        (("benefits_clerk",), ["/suche", "/leistungen"]),
    ],
)
def test_each_role_sees_the_desks_it_may_use(roles: tuple[str, ...], links: list[str]) -> None:
    assert _links(*roles) == links


@pytest.mark.parametrize(("roles", "home"), [(("management",), "/kennzahlen"), (("team_lead",), "/kennzahlen")])
def test_management_and_a_team_lead_alone_start_on_the_kennzahlen_page(roles: tuple[str, ...], home: str) -> None:
    assert _home_of(Staff("s-1", frozenset(roles), frozenset({"*"}), "token")) == home
