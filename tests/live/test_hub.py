from __future__ import annotations

import asyncio
import threading

from ippon.live.hub import Hub, Snapshot


def snap(seq: int, topic: str = "mat:1") -> Snapshot:
    return Snapshot(topic, seq, f'{{"seq": {seq}}}')


async def take(hub: Hub, topic: str, count: int, last_seen: int | None = None) -> list[int]:
    seen: list[int] = []
    async for s in hub.stream(topic, last_seen):
        seen.append(s.seq)
        if len(seen) == count:
            break
    return seen


def test_subscriber_gets_the_latest_on_connect_then_every_new_one() -> None:
    async def scenario() -> list[int]:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        hub.publish(snap(1))
        hub.publish(snap(2))
        task = asyncio.create_task(take(hub, "mat:1", 3))
        await asyncio.sleep(0.01)
        hub.publish(snap(3))
        await asyncio.sleep(0.01)
        hub.publish(snap(4))
        return await asyncio.wait_for(task, 1)

    assert asyncio.run(scenario()) == [2, 3, 4]


def test_resume_with_the_latest_id_waits_for_the_next_snapshot() -> None:
    async def scenario() -> list[int]:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        hub.publish(snap(7))
        task = asyncio.create_task(take(hub, "mat:1", 1, last_seen=7))
        await asyncio.sleep(0.01)
        hub.publish(snap(8))
        return await asyncio.wait_for(task, 1)

    assert asyncio.run(scenario()) == [8]


def test_an_id_from_before_a_restart_gets_the_latest() -> None:
    async def scenario() -> list[int]:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        hub.publish(snap(3))
        return await asyncio.wait_for(take(hub, "mat:1", 1, last_seen=99), 1)

    assert asyncio.run(scenario()) == [3]


def test_stale_snapshots_are_dropped_and_topics_are_separate() -> None:
    hub = Hub()
    assert hub.publish(snap(5))
    assert not hub.publish(snap(4))
    assert not hub.publish(snap(5))
    assert hub.publish(snap(1, "mat:2"))
    latest = hub.latest("mat:1")
    assert latest is not None
    assert latest.seq == 5


def test_a_slow_subscriber_keeps_only_the_latest_and_never_blocks_the_publisher() -> None:
    async def scenario() -> tuple[list[int], float]:
        hub = Hub()
        loop = asyncio.get_running_loop()
        hub.attach(loop)
        stream = hub.stream("mat:1")
        first = asyncio.create_task(anext(stream))
        await asyncio.sleep(0.01)
        started = loop.time()
        for seq in range(1, 10_001):  # nobody reads while these are published
            hub.publish(snap(seq))
        elapsed = loop.time() - started
        got = [(await first).seq]
        hub.publish(snap(10_001))
        got.append((await anext(stream)).seq)
        await stream.aclose()
        assert hub.subscriber_count("mat:1") == 0
        return got, elapsed

    got, elapsed = asyncio.run(scenario())
    assert got == [10_000, 10_001]
    assert elapsed < 1.0


def test_publishing_from_other_threads_reaches_the_loop_in_order() -> None:
    async def scenario() -> list[int]:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        received: list[int] = []

        async def collect() -> None:
            async for s in hub.stream("mat:1"):
                received.append(s.seq)
                if s.seq == 200:
                    return

        task = asyncio.create_task(collect())
        await asyncio.sleep(0.01)

        def worker() -> None:
            for seq in range(1, 201):
                hub.publish(snap(seq))

        thread = threading.Thread(target=worker)
        thread.start()
        await asyncio.wait_for(task, 2)
        thread.join()
        return received

    received = asyncio.run(scenario())
    assert received[-1] == 200
    assert received == sorted(received)
    assert len(set(received)) == len(received)
