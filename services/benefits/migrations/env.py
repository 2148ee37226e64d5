from services.benefits.tables import metadata
from services.platform.migrations import run_env

run_env(metadata)
