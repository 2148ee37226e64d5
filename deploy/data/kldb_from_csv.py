"""Build `services/placement/data/kldb2010.json` from the Klassifikationsserver export of the KldB 2010.

Input: the CSV the Bundesagentur für Arbeit publishes for the "Klassifikation der Berufe 2010 – überarbeitete
Fassung 2020" ("KldB_2010,_V._2020-DE-2025-02-03-Gliederung_mit_Erläuterung.csv", `;`-separated, UTF-8 with
BOM; columns Schlüssel, Ebene, Titel, Kurztitel, …, "Umfasst ferner"). The export drops leading zeros
("11" is the Berufsgruppe 011), so a key is padded to its level's length. The job titles are the official
"Zugeordnete Berufe (Beispiele)" of each five-digit position ("29302-100 Koch/Köchin"): the BERUFENET titles the
BA Jobsuche names in `beruf`.

    python -m deploy.data.kldb_from_csv path/to/export.csv > services/placement/data/kldb2010.json
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

SOURCE = (
    "Bundesagentur für Arbeit, Statistik: Klassifikation der Berufe 2010 – überarbeitete Fassung 2020, "
    "Gliederung mit Erläuterungen, Klassifikationsserver-Export vom 2025-02-03 "
    "(statistik.arbeitsagentur.de › Grundlagen › Klassifikationen › KldB 2010 Fassung 2020 › Systematik-Verzeichnisse)"
)
LICENCE = (
    "Amtliche Klassifikation der Bundesagentur für Arbeit; Vervielfältigung und Verbreitung mit Quellenangabe "
    "gestattet (Quelle: Statistik der Bundesagentur für Arbeit)"
)
_JOB = re.compile(r"(\d{5})-\d{3} (.+?)(?=\s{2}\d{5}-\d{3} |$)")


def build(path: Path) -> dict[str, object]:
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))[1:]
    groups: dict[str, str] = {}
    occupations: dict[str, str] = {}
    job_titles: dict[str, str] = {}
    for row in rows:
        level, title = int(row[1]), row[2].strip()
        code = row[0].strip().zfill(level)
        if level < 5:
            groups[code] = title
            continue
        occupations[code] = title
        examples = row[6].split("Zugeordnete Berufe (Beispiele):", 1)
        for job_code, job_title in _JOB.findall(examples[1].strip() if len(examples) == 2 else ""):
            job_titles.setdefault(job_title.strip(), job_code)
    return {
        "_source": SOURCE,
        "_licence": LICENCE,
        "groups": dict(sorted(groups.items())),
        "occupations": dict(sorted(occupations.items())),
        "job_titles": dict(sorted(job_titles.items())),
    }


if __name__ == "__main__":
    json.dump(build(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=0, sort_keys=False)
    sys.stdout.write("\n")
