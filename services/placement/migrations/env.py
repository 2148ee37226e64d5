from services.placement import employer_tables  # noqa: F401  (its tables join the metadata)
from services.placement.tables import metadata
from services.platform.migrations import run_env

run_env(metadata)
