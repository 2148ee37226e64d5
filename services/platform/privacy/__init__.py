"""Special-category data (GDPR Art. 9: health, addiction): encrypted at rest, visible only to the roles
that need it, every read and write audited (DESIGN rule 6).

- `keys`: the service's key ring (setting `LOTSE_<SERVICE>_DATA_KEY_FILE`), rotation by key id.
- `cipher`: AES-256-GCM per field; the row's id and the column are the associated data.
- `audit`: the append-only audit table each service keeps in its own database.
- `vault`: `SpecialCategories`, the one door: seal (audited write), reveal (role-checked, audited read).
- `api`: the request's purpose and `GET /audit/special-category` for the data-protection officer.
"""
