"""The hearing (Anhörung, § 24 SGB X) before a reduction: one Temporal workflow per incident."""
