import services.benefits.payments.tables  # noqa: F401  (the payment ledger lives in the same MetaData)
from services.benefits.tables import metadata
from services.platform.migrations import run_env

run_env(metadata)
