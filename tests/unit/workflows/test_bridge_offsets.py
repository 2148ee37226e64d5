"""The bridge commits a partition's offset only past records done without a gap."""

from __future__ import annotations

from workflows.bridge_offsets import PartitionOffsets


def taken(*offsets: int) -> PartitionOffsets:
    partition = PartitionOffsets()
    for offset in offsets:
        partition.take(offset)
    return partition


def test_nothing_is_committed_before_the_first_record_is_done():
    partition = taken(10, 11, 12)
    partition.done(11)
    partition.done(12)
    assert partition.to_commit() is None and partition.pending == 3


def test_the_commit_moves_past_the_first_record_and_every_done_record_after_it():
    partition = taken(10, 11, 12, 13)
    partition.done(12)
    partition.done(10)
    assert partition.to_commit() == 11
    partition.done(11)
    assert partition.to_commit() == 13 and partition.pending == 1


def test_an_offset_once_committed_is_not_committed_again():
    partition = taken(5, 6)
    partition.done(5)
    partition.committed(6)
    assert partition.to_commit() is None
    partition.done(6)
    assert partition.to_commit() == 7


def test_gaps_in_the_offsets_such_as_compacted_records_do_not_hold_the_commit_back():
    partition = taken(3, 7, 20)
    for offset in (20, 7, 3):
        partition.done(offset)
    assert partition.to_commit() == 21 and partition.pending == 0
