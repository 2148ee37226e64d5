"""Erasure after the retention period (Art. 17 GDPR, § 84 SGB X): a Temporal Schedule starts `ErasureSweep`
daily; it selects the persons whose case closed more than the retention period ago (coaching knows when),
and erases each in every service over HTTP (`POST /persons/{id}/erasure`, idempotent), then shreds the
person's journey payload key. See `retention.py` (the rule), `activities.py`, `workflow.py`, `schedule.py`."""
