"""Lanes keep one client's records in order, run different clients at once and hold a bounded number."""

from __future__ import annotations

import asyncio

from workflows.bridge_lanes import Lanes


async def test_items_of_one_lane_are_handled_in_order_while_another_lane_goes_ahead():
    handled: list[str] = []
    release_a1 = asyncio.Event()

    async def work(item: str) -> None:
        if item == "a1":
            await release_a1.wait()
        handled.append(item)

    lanes: Lanes[str] = Lanes(10, work)
    for lane, item in (("a", "a1"), ("a", "a2"), ("b", "b1"), ("b", "b2")):
        await lanes.put(lane, item)
    await lanes.finished(lambda lane: lane == "b")
    assert handled == ["b1", "b2"]  # a1 is still waiting, a2 waits behind it
    release_a1.set()
    await lanes.finished(lambda lane: True)
    assert handled == ["b1", "b2", "a1", "a2"]


async def test_putting_waits_while_the_limit_of_held_items_is_reached():
    gate = asyncio.Event()

    async def work(item: int) -> None:
        await gate.wait()

    lanes: Lanes[int] = Lanes(2, work)
    await lanes.put("x", 1)
    await lanes.put("y", 2)
    third = asyncio.create_task(lanes.put("z", 3))
    await asyncio.sleep(0.05)
    assert not third.done() and lanes.held == 2
    gate.set()
    await asyncio.wait_for(third, 5)
    await lanes.finished(lambda lane: True)
    assert lanes.held == 0


async def test_a_failure_that_escapes_the_work_does_not_stop_its_lane():
    handled: list[int] = []

    async def work(item: int) -> None:
        if item == 1:
            raise RuntimeError("a bug")
        handled.append(item)

    lanes: Lanes[int] = Lanes(5, work)
    for item in (1, 2, 3):
        await lanes.put("a", item)
    await lanes.finished(lambda lane: True)
    assert handled == [2, 3] and lanes.held == 0
