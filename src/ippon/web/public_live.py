"""Live public pages: each page (in each language) is rendered once per change of the topics it
follows and the HTML goes to every viewer of that page as a server-sent event, so the work grows
with the number of distinct pages watched, not with the number of viewers.

A feed starts with its first viewer and stops with its last. Like the hub's topics it keeps only
the latest version: a viewer that falls behind skips to it. Changes that come while a page is
being rendered are folded into the next render, at most one every `interval` seconds."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass

from ippon.live.hub import Hub, Snapshot, Subscription
from ippon.web import sse

Topics = Mapping[str, float]
"""The hub topics a page follows, each with how long a change of it may wait for the page to be
rendered again (0: at once; an athlete's estimated times can wait for a few seconds)."""
Render = Callable[[], Awaitable[tuple[str, Topics]]]
"""Renders the page now: its HTML and the topics it follows."""

log = logging.getLogger("ippon")
BOOT = secrets.token_hex(4)  # event ids of an earlier process never match this one's


@dataclass(frozen=True, slots=True)
class Version(Snapshot):
    """A version of a page: `data` is its HTML, `wire` the server-sent event as sent, encoded
    once for all its viewers."""

    wire: bytes = b""


class Feed:
    def __init__(self, key: str, hub: Hub, render: Render, interval: float) -> None:
        self.key, self.hub, self.render, self.interval = key, hub, render, interval
        self.viewers: set[Subscription] = set()
        self.latest: Version | None = None
        self.version = 0
        self._dirty = asyncio.Event()
        self._watchers: dict[str, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None
        self._later: asyncio.TimerHandle | None = None  # a render a delayed topic asked for
        # Settled by the first render: its error (the page does not exist) goes to every viewer
        # waiting to start, so that a crowd arriving at once costs one render, not one each.
        self.first: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def start(self) -> None:
        self._dirty.set()
        self._task = asyncio.create_task(self._run(), name=f"feed {self.key}")

    async def stop(self) -> None:
        if self._later is not None:
            self._later.cancel()
        tasks = [*self._watchers.values(), *([self._task] if self._task else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            if self._later is not None:  # this render covers it
                self._later.cancel()
                self._later = None
            try:
                html, topics = await self.render()
            except Exception as error:
                if not self.first.done():
                    self.first.set_exception(error)
                    return
                # A page that rendered before and cannot now (a database hiccup) may later.
                log.exception("ippon: the live page %s failed to render", self.key)
                self._dirty.set()
                await asyncio.sleep(max(self.interval, 1.0))
                continue
            self._follow(topics)
            if self.latest is None or html != self.latest.data:
                self.version += 1
                wire = sse.frame(html, event_id=f"{BOOT}.{self.version}", event="page")
                self.latest = Version(self.key, self.version, html, wire)
                for viewer in tuple(self.viewers):
                    viewer.offer(self.latest)
            if not self.first.done():
                self.first.set_result(None)
            await asyncio.sleep(self.interval)

    def _follow(self, topics: Topics) -> None:
        """Watch exactly `topics` (an athlete's page changes topics when a category moves)."""
        for topic in set(self._watchers) - set(topics):
            self._watchers.pop(topic).cancel()
        for topic, delay in topics.items():
            if topic not in self._watchers:
                self._watchers[topic] = asyncio.create_task(self._watch(topic, delay))

    async def _watch(self, topic: str, delay: float) -> None:
        async for _ in self.hub.stream(topic):
            if delay <= 0:
                self._dirty.set()
            elif self._later is None:
                self._later = asyncio.get_running_loop().call_later(delay, self._dirty.set)


def _wire(version: Snapshot) -> bytes:
    assert isinstance(version, Version)
    return version.wire


def event_id(snapshot: Snapshot) -> str:
    return f"{BOOT}.{snapshot.seq}"


class Feeds:
    """Every live page of this process."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._feeds: dict[str, Feed] = {}

    def __len__(self) -> int:
        return len(self._feeds)

    async def open(self, key: str, render: Render, interval: float = 0.0
                   ) -> tuple[Feed, Subscription]:
        """Join the page's feed (starting it if nobody watches it yet) once it has rendered;
        raises what the first render raised (a page that does not exist)."""
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = Feed(key, self.hub, render, interval)
            feed.start()
        viewer = Subscription(key)
        feed.viewers.add(viewer)
        try:
            await asyncio.shield(feed.first)
        except BaseException:
            await self.leave(feed, viewer)
            raise
        return feed, viewer

    async def watch(self, feed: Feed, viewer: Subscription, last_seen: str | None
                    ) -> AsyncIterator[bytes]:
        """The page's versions from now on, starting with the current one unless the viewer
        has exactly that one (SSE's Last-Event-ID)."""
        try:
            if feed.latest is not None and event_id(feed.latest) != last_seen:
                viewer.offer(feed.latest)
            async for wire in sse.follow(viewer, _wire):
                yield wire
        finally:
            await self.leave(feed, viewer)

    async def leave(self, feed: Feed, viewer: Subscription) -> None:
        feed.viewers.discard(viewer)
        if not feed.viewers and self._feeds.get(feed.key) is feed:
            del self._feeds[feed.key]
            await feed.stop()
