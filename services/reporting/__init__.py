"""Reporting: the § 48a SGB II indicators (Kennzahlen-Verordnung) and the seeds' yardsticks."""
