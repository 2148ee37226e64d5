"""Mögliche Doppelerfassungen (intake `GET /duplicates`, `POST /duplicates/{pair_id}/decision`): each pair side
by side with the two decisions. Nothing is merged without a staff member's decision."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import ServiceError
from staff_app.forms import strings
from staff_app.sections import items, section
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
# The fields a merge may take from the record merged away, as staff read them.
FIELDS = (
    ("given_name", "Vorname"),
    ("family_name", "Nachname"),
    ("birth_date", "Geburtsdatum"),
    ("residence_postcode", "Postleitzahl"),
    ("sex", "Geschlecht"),
)
REASONS = {
    "same": "gleich",
    "spelling variant of": "andere Schreibweise",
    "same-sounding": "gleich klingend",
    "similar": "ähnlich",
    "shortened": "abgekürzt",
    "double family name shortened": "Doppelname gekürzt (Nachname)",
    "double given name shortened": "Doppelname gekürzt (Vorname)",
    "family name": "Nachname",
    "given name": "Vorname",
    "double family name": "Doppelname (Nachname)",
    "double given name": "Doppelname (Vorname)",
    "given and family name swapped": "Vor- und Nachname vertauscht",
    "exact birth date": "Geburtsdatum gleich",
    "birth date with day and month transposed": "Tag und Monat des Geburtsdatums vertauscht",
    "birth date one digit off": "Geburtsdatum um eine Ziffer verschieden",
    "same postcode": "gleiche Postleitzahl",
    "different postcode": "andere Postleitzahl",
    "different sex recorded": "anderes Geschlecht erfasst",
}
NOTICES = {
    "not_same_person": "Vermerkt: nicht dieselbe Person. Das Paar wird nicht wieder vorgeschlagen.",
    "merged": "Zusammengeführt. Die andere Erfassung verweist nun auf die bleibende.",
}


def reason_de(reason: str) -> str:
    """A reason from intake (`same family name`) in German (`Nachname gleich`)."""
    if reason in REASONS:
        return REASONS[reason]
    for part in ("family name", "given name", "double family name", "double given name"):
        how = reason.removesuffix(f" {part}")
        if how != reason and how in REASONS:
            return f"{REASONS[part]} {REASONS[how]}"
    return reason


@router.get("/doppelerfassungen", response_class=HTMLResponse, summary="Possible duplicates")
async def worklist(
    request: Request,
    backend: BackendDep,
    staff: StaffDep,
    neu: str = "",
    ok: str = "",
    paar: str = "",
    kunde: UUID | None = None,
) -> Response:
    """`neu`: a client just registered, whose possible duplicates come first. `paar`, `kunde`: a pair just
    decided and a client of it, whose decision as intake recorded it (who, when, which record stays) is shown."""
    page = await backend.get("intake", "/duplicates", staff, {"limit": 50})
    pairs = [pair | {"reasons_de": [reason_de(r) for r in pair["reasons"]]} for pair in page["items"]]
    if neu:
        pairs.sort(key=lambda p: neu not in {c["client_id"] for c in p["clients"]})
    decided = None
    if paar and kunde is not None:
        found = await section(backend.get("intake", f"/clients/{kunde}/duplicates", staff))
        decided = next((p for p in items(found.data) if p["pair_id"] == paar), None)
    context = {"title": "Mögliche Doppelerfassungen", "pairs": pairs, "fields": FIELDS, "neu": neu}
    labels = dict(FIELDS)
    taken = [labels.get(f, f) for f in request.query_params.getlist("feld")]
    return render(request, "duplicates.html", context | {"notice": NOTICES.get(ok), "decided": decided, "taken": taken})


@router.post("/doppelerfassungen/{pair_id}", summary="Decide a possible duplicate")
async def decide(pair_id: str, request: Request, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    raw = await request.form()
    form = strings(raw)
    body: dict[str, object] = {"decision": form.get("decision", "")}
    taken = [str(f) for f in raw.getlist("take_from_merged")] if body["decision"] == "merge" else []
    if body["decision"] == "merge":
        body |= {"keep": form.get("keep", ""), "take_from_merged": taken}
    try:
        decided = await backend.send("POST", "intake", f"/duplicates/{pair_id}/decision", staff, body)
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        return RedirectResponse("/doppelerfassungen", status_code=303)
    record = {
        "ok": decided["status"],
        "paar": decided["pair_id"],
        "kunde": decided["merged_into"] or decided["clients"][0]["client_id"],
    }
    fields = [("feld", f) for f in taken]
    return RedirectResponse(f"/doppelerfassungen?{urlencode([*record.items(), *fields])}", status_code=303)
