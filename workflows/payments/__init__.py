"""The monthly payment run on Temporal: a schedule, a trigger that knows working days, and a run
that pays the benefits roll in heartbeated batches through the benefits API."""
