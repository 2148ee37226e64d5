"""For migrations that move special-category data stored in clear into sealed columns (and back).

They run as `python -m services.platform.migrate <service>` with the service's environment, so the key
ring comes from `LOTSE_<SERVICE>_DATA_KEY_FILE`. An empty database needs no key; a database with rows
to convert and no key stops the migration before it changes anything.
"""

from __future__ import annotations

from services.platform.privacy.cipher import FieldCipher
from services.platform.privacy.keys import data_key_variable, key_ring_from_environment


class MissingDataKey(RuntimeError):
    pass


def cipher_for_stored_rows(service_name: str, rows: int) -> FieldCipher | None:
    """The service's cipher when `rows` stored rows need it; None when there is nothing to convert."""
    if rows == 0:
        return None
    ring = key_ring_from_environment(service_name)
    if ring is None:
        raise MissingDataKey(
            f"{rows} stored rows of {service_name} hold special-category data to convert: set "
            f"{data_key_variable(service_name)} to the service's key ring and migrate again "
            "(nothing was changed)"
        )
    return FieldCipher(ring)
