"""The monthly payment run (Zahlungslauf): paying each household's entitlement once per month.

Exactly-once lives in the database, not in the caller: a payment row is unique per
(month, household), inserted with "on conflict do nothing", and only the rows that were
actually inserted get a `PaymentOrderedV1` in the outbox of the same commit. Whoever calls
the batch endpoint — a workflow, its retry, a second run of the same month, an operator —
can therefore never pay a household twice for a month.
"""
