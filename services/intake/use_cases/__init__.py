"""Intake's use cases: one transaction each, events into the outbox in the same commit."""
