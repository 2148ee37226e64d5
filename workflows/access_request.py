"""`python -m workflows.access_request <client id>`: the right of access (Art. 15 GDPR) as one file.

Asks every service for its part (`GET /persons/{client_id}/export`, for the data-protection officer's token;
each service checks the role and office and audits the export) and the journeys API for the journey's state
and history (`GET /journeys/{client_id}`, with an operator's or case manager's token if given), and writes
`<client id>.json` (machine-readable, Art. 20 too) and `<client id>.html` / `.pdf` (readable, German).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

SERVICE_TITLES = {
    "intake": "Registrierung (intake)",
    "coaching": "Fallmanagement (coaching)",
    "placement": "Vermittlung (placement)",
    "benefits": "Leistungen (benefits)",
    "reporting": "Statistik (reporting)",
}
DEFAULT_URLS = {
    "intake": "http://127.0.0.1:8001",
    "coaching": "http://127.0.0.1:8002",
    "placement": "http://127.0.0.1:8003",
    "benefits": "http://127.0.0.1:8004",
    "reporting": "http://127.0.0.1:8006",
}
JOURNEYS_URL = "http://127.0.0.1:8005"


async def collect(
    client_id: UUID,
    services: Mapping[str, httpx.AsyncClient],
    token: str,
    journeys: httpx.AsyncClient | None = None,
    journeys_token: str | None = None,
) -> dict[str, Any]:
    """Every service's part (clients with the services' base URLs); a service that refuses or fails is named
    with its answer, never left out silently."""
    parts = {name: await _get(http, f"/persons/{client_id}/export", token) for name, http in services.items()}
    journey = None
    if journeys is not None and journeys_token is not None:
        journey = await _get(journeys, f"/journeys/{client_id}", journeys_token)
    return assemble(client_id, parts, journey, datetime.now(UTC))


async def collect_from(
    client_id: UUID, urls: Mapping[str, str], token: str, journeys_url: str, journeys_token: str | None
) -> dict[str, Any]:
    clients = {name: httpx.AsyncClient(base_url=url, timeout=30) for name, url in urls.items()}
    journeys = httpx.AsyncClient(base_url=journeys_url, timeout=30)
    try:
        return await collect(client_id, clients, token, journeys, journeys_token)
    finally:
        for http in (*clients.values(), journeys):
            await http.aclose()


async def _get(http: httpx.AsyncClient, url: str, token: str) -> Any:
    try:
        response = await http.get(url, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as error:
        return {"status": "unavailable", "error": str(error)}
    if response.status_code != 200:
        return {"status": "refused", "http_status": response.status_code, "error": response.text[:500]}
    return response.json()


def assemble(client_id: UUID, parts: Mapping[str, Any], journey: Any | None, at: datetime) -> dict[str, Any]:
    statuses = {name: part.get("status") for name, part in parts.items()}
    erased = [name for name, status in statuses.items() if status == "erased"]
    return {
        "kind": "lotse.access_request.v1",
        "legal_basis": "Art. 15 DSGVO (Auskunftsrecht der betroffenen Person)",
        "client_id": str(client_id),
        "compiled_at": at.isoformat(),
        "erased_in": erased,
        "services": dict(parts),
        "journey": journey,
    }


def render_html(report: Mapping[str, Any]) -> str:
    sections = "".join(_service_html(name, part) for name, part in report["services"].items())
    journey = report.get("journey")
    journey_html = (
        f"<h2>Verlauf (journey)</h2><pre>{escape(json.dumps(journey, indent=2, ensure_ascii=False))}</pre>"
        if journey is not None
        else "<h2>Verlauf (journey)</h2><p>Nicht abgefragt (kein Token für die Verlaufs-API angegeben).</p>"
    )
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        f"<title>Auskunft nach Art. 15 DSGVO – {escape(report['client_id'])}</title>"
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;margin:2em;color:#111}"
        "table{border-collapse:collapse;margin:0 0 1em;width:100%}th,td{border:1px solid #888;padding:3px 5px;"
        "text-align:left;vertical-align:top;font-size:8.5pt;word-break:break-word}th{background:#e8e8e8}"
        "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em}h3{font-size:11pt}pre{font-size:8pt;white-space:pre-wrap}"
        ".erased{color:#8a1c1c;font-weight:bold}</style></head><body>"
        "<h1>Auskunft über gespeicherte Daten (Art. 15 DSGVO)</h1>"
        f"<p>Person (Kennung): <strong>{escape(report['client_id'])}</strong><br>"
        f"Erstellt: {escape(report['compiled_at'])}</p>"
        f"<p>Diese Auskunft umfasst alle Daten, die Lotse in seinen Diensten zu dieser Person speichert.</p>"
        f"{sections}{journey_html}</body></html>"
    )


def _service_html(name: str, part: Mapping[str, Any]) -> str:
    title = escape(SERVICE_TITLES.get(name, name))
    status = part.get("status")
    if status == "erased":
        return f'<h2>{title}</h2><p class="erased">Gelöscht am {escape(str(part.get("erased_at")))}.</p>'
    if status == "none":
        return f"<h2>{title}</h2><p>Keine Daten gespeichert.</p>"
    if status != "held":
        return f'<h2>{title}</h2><p class="erased">Nicht abrufbar: {escape(json.dumps(part)[:300])}</p>'
    tables = "".join(_table_html(table, rows) for table, rows in part.get("tables", {}).items())
    return f"<h2>{title}</h2>{tables}"


def _table_html(table: str, rows: list[Mapping[str, Any]]) -> str:
    """One small field/value table per row: a row has too many columns for the width of a page."""
    records = "".join(
        '<table><tr><th style="width:30%">Feld</th><th>Wert</th></tr>'
        + "".join(f"<tr><td>{escape(field)}</td><td>{_cell(value)}</td></tr>" for field, value in sorted(row.items()))
        + "</table>"
        for row in rows
    )
    return f"<h3>{escape(table)} ({len(rows)})</h3>{records}"


def _cell(value: Any) -> str:
    if value == "erased":
        return '<span class="erased">gelöscht</span>'
    if isinstance(value, dict | list):
        return escape(json.dumps(value, ensure_ascii=False))
    return "" if value is None else escape(str(value))


def write(report: Mapping[str, Any], directory: Path, pdf: bool = True) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / report["client_id"]
    written = [stem.with_suffix(".json"), stem.with_suffix(".html")]
    written[0].write_text(json.dumps(report, indent=2, ensure_ascii=False))
    html = render_html(report)
    written[1].write_text(html)
    if pdf:
        from weasyprint import HTML  # only here: the JSON and HTML need no pango

        stem.with_suffix(".pdf").write_bytes(HTML(string=html).write_pdf())
        written.append(stem.with_suffix(".pdf"))
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m workflows.access_request", description=__doc__)
    parser.add_argument("client_id", type=UUID)
    parser.add_argument("--token-file", type=Path, required=True, help="a data_protection_officer token")
    parser.add_argument("--journeys-token-file", type=Path, help="an operator's token for the journey's history")
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    urls = {name: os.environ.get(f"LOTSE_{name.upper()}_URL", url) for name, url in DEFAULT_URLS.items()}
    journeys_token = args.journeys_token_file.read_text().strip() if args.journeys_token_file else None
    report = asyncio.run(
        collect_from(
            args.client_id,
            urls,
            args.token_file.read_text().strip(),
            os.environ.get("LOTSE_JOURNEYS_URL", JOURNEYS_URL),
            journeys_token,
        )
    )
    for path in write(report, args.out, pdf=not args.no_pdf):
        print(path)


if __name__ == "__main__":
    main()
