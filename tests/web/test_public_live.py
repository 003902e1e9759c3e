"""Live public pages: one render per change for every viewer of a page."""

from __future__ import annotations

import asyncio

import pytest

from ippon.live.hub import Hub, Snapshot
from ippon.services.errors import NotFound
from ippon.web.public_live import Feeds


def _field(wire: bytes, name: str) -> str:
    """One field of a server-sent event as sent."""
    for line in wire.decode().splitlines():
        if line.startswith(f"{name}: "):
            return line[len(name) + 2:]
    raise AssertionError(f"no {name} in {wire!r}")


def test_viewers_share_renders_and_follow_changes() -> None:
    async def scenario() -> None:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        feeds = Feeds(hub)
        renders = 0

        async def render() -> tuple[str, frozenset[str]]:
            nonlocal renders
            renders += 1
            await asyncio.sleep(0.01)
            seq = hub.latest("category:1")
            return f"<p>{0 if seq is None else seq.seq}</p>", {"category:1": 0.0}

        opened = await asyncio.gather(*(feeds.open("page", render) for _ in range(50)))
        assert renders == 1  # fifty viewers arriving at once: one render
        streams = [feeds.watch(feed, viewer, None) for feed, viewer in opened]
        firsts = await asyncio.gather(*(anext(s) for s in streams))
        assert {_field(f, "data") for f in firsts} == {"<p>0</p>"}
        assert {_field(f, "event") for f in firsts} == {"page"}
        hub.publish(Snapshot("category:1", 1, "{}"))
        seconds = await asyncio.wait_for(asyncio.gather(*(anext(s) for s in streams)), 5)
        assert {_field(s, "data") for s in seconds} == {"<p>1</p>"}
        assert renders <= 3  # the watcher's first delivery may add one render, not fifty
        # A viewer coming back with the latest version is not sent it again.
        feed, viewer = await feeds.open("page", render)
        again = feeds.watch(feed, viewer, _field(seconds[0], "id"))
        waiting = asyncio.ensure_future(anext(again))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        hub.publish(Snapshot("category:1", 2, "{}"))
        assert _field(await asyncio.wait_for(waiting, 5), "data") == "<p>2</p>"
        for stream in [*streams, again]:
            await stream.aclose()
        assert len(feeds) == 0  # the last viewer gone, the feed stops

    asyncio.run(scenario())


def test_a_page_that_does_not_exist_fails_every_waiting_viewer() -> None:
    async def scenario() -> None:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        feeds = Feeds(hub)

        async def render() -> tuple[str, dict[str, float]]:
            await asyncio.sleep(0.01)
            raise NotFound("there is no category with id 9")

        results = await asyncio.gather(*(feeds.open("nowhere", render) for _ in range(3)),
                                       return_exceptions=True)
        assert all(isinstance(r, NotFound) for r in results)
        assert len(feeds) == 0
        with pytest.raises(NotFound):
            await feeds.open("nowhere", render)

    asyncio.run(scenario())


def test_a_delayed_topic_waits_and_an_immediate_one_does_not() -> None:
    async def scenario() -> None:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        feeds = Feeds(hub)
        count = 0

        async def render() -> tuple[str, dict[str, float]]:
            nonlocal count
            count += 1
            return f"<p>{count}</p>", {"category:1": 0.0, "mat:1": 0.3}

        feed, viewer = await feeds.open("athlete", render)
        stream = feeds.watch(feed, viewer, None)
        assert _field(await anext(stream), "data") == "<p>1</p>"
        await asyncio.sleep(0.05)  # the watchers are listening
        started = asyncio.get_running_loop().time()
        hub.publish(Snapshot("mat:1", 1, "{}"))
        hub.publish(Snapshot("mat:1", 2, "{}"))  # two scores: one render, after the delay
        assert _field(await asyncio.wait_for(anext(stream), 5), "data") == "<p>2</p>"
        assert asyncio.get_running_loop().time() - started >= 0.25
        started = asyncio.get_running_loop().time()
        hub.publish(Snapshot("category:1", 1, "{}"))
        assert _field(await asyncio.wait_for(anext(stream), 5), "data") == "<p>3</p>"
        assert asyncio.get_running_loop().time() - started < 0.25
        await stream.aclose()

    asyncio.run(scenario())
