"""What a benefits clerk reads on the Leistungen page, a decision and the client file is German: no English word
of the engine's notes, causes or codes is left in the text of the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from uuid import UUID

from tests.integration.staff_app.conftest import csrf_token, household_page, registered_client, signed_in

# Words of the engine's former English notes and causes, and of codes; none is a German word.
ENGLISH = re.compile(
    r"\b(the|of|and|by|per|need|needs|income|rent|heating|allowance|gross|net|level|share|shares|household|"
    r"entitlement|counted|proof|outstanding|declared|covers|occupants|head|child|standard|change|changes|"
    r"employment|started|ended|confirmed|approval|period|regular)\b",
    re.IGNORECASE,
)
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # household_change, standard_need, earned_income.net


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def english_in(html: str) -> list[str]:
    text = visible_text(html)
    return sorted({m.group(0) for m in ENGLISH.finditer(text)} | {m.group(0) for m in CODE.finditer(text)})


def test_the_check_finds_an_english_note_and_a_code_in_a_page():
    page = "<table><tr><td>standard need level 1</td><td>household_change</td></tr></table><script>var x;</script>"
    assert english_in(page) == ["household_change", "level", "need", "standard"]
    assert english_in("<p>Regelbedarfsstufe 1 <input name='household_id'></p>") == []


async def test_the_leistungen_page_a_decision_and_the_client_file_show_no_english_to_a_benefits_clerk(platform):
    client = await registered_client(
        platform, given_name="Hanne", family_name="Lorenzen", target_groups=("single_parent",)
    )
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        path = f"/leistungen/{household_id}"
        page = await household_page(browser, household_id)
        form = {
            "csrf_token": csrf_token(page),
            "month": "2026-12-01",
            "adult_birth_date": "1991-04-02",
            "children": "12.03.2019",
            "rent": "610,00",  # above the appropriate rent: the housing lines say why less is counted
            "heating": "90,00",
            "appropriate_rent": "560,00",
        }
        entered = await browser.post(f"{path}/eingaben", data=form)
        assert entered.status_code == 303, entered.text
        household = (await browser.get(entered.headers["location"])).text
        decision_path = re.search(r'href="(/bescheide/[0-9a-f-]{36})"', household).group(1)
        decision = (await browser.get(decision_path)).text
        what_if = await browser.post(
            f"{path}/was-waere-wenn",
            data={
                "csrf_token": csrf_token(page),
                "month": "2026-12-01",
                "client_id": str(client["client_id"]),
                "gross": "1.400,00",
                "net": "1.050,00",
            },
        )
        assert what_if.status_code == 200, what_if.text
        client_file = (await browser.get(f"/akte/{client['client_id']}")).text
    assert "Kopfteilprinzip" in household and "Alleinerziehend" in household  # the notes are there, in German
    assert "Angaben zu Bedarfsgemeinschaft, Wohnung oder Einkommen erfasst oder geändert" in decision
    for name, shown in (
        ("Leistungen", household),
        ("Bescheid", decision),
        ("Was wäre wenn", what_if.text),
        ("Akte", client_file),
    ):
        assert english_in(shown) == [], name
