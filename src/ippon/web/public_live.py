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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import suppress

from ippon.live.hub import Hub, Snapshot, Subscription

Render = Callable[[], Awaitable[tuple[str, frozenset[str]]]]
"""Renders the page now: its HTML and the hub topics it follows."""

log = logging.getLogger("ippon")
BOOT = secrets.token_hex(4)  # event ids of an earlier process never match this one's


class Feed:
    def __init__(self, key: str, hub: Hub, render: Render, interval: float) -> None:
        self.key, self.hub, self.render, self.interval = key, hub, render, interval
        self.viewers: set[Subscription] = set()
        self.latest: Snapshot | None = None
        self.version = 0
        self._dirty = asyncio.Event()
        self._watchers: dict[str, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._dirty.set()
        self._task = asyncio.create_task(self._run(), name=f"feed {self.key}")

    async def stop(self) -> None:
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
            try:
                html, topics = await self.render()
            except Exception:  # a page that cannot render now (a database hiccup) may later
                log.exception("ippon: the live page %s failed to render", self.key)
                self._dirty.set()
                await asyncio.sleep(max(self.interval, 1.0))
                continue
            self._follow(topics)
            if self.latest is None or html != self.latest.data:
                self.version += 1
                self.latest = Snapshot(self.key, self.version, html)
                for viewer in tuple(self.viewers):
                    viewer.offer(self.latest)
            await asyncio.sleep(self.interval)

    def _follow(self, topics: frozenset[str]) -> None:
        """Watch exactly `topics` (an athlete's page changes topics when a category moves)."""
        for topic in set(self._watchers) - topics:
            self._watchers.pop(topic).cancel()
        for topic in topics - set(self._watchers):
            self._watchers[topic] = asyncio.create_task(self._watch(topic))

    async def _watch(self, topic: str) -> None:
        async for _ in self.hub.stream(topic):
            self._dirty.set()


def event_id(snapshot: Snapshot) -> str:
    return f"{BOOT}.{snapshot.seq}"


class Feeds:
    """Every live page of this process."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._feeds: dict[str, Feed] = {}

    def __len__(self) -> int:
        return len(self._feeds)

    def has(self, key: str) -> bool:
        return key in self._feeds

    async def watch(self, key: str, render: Render, last_seen: str | None,
                    interval: float = 0.0) -> AsyncIterator[Snapshot]:
        """The page's versions from now on, starting with the current one unless the viewer
        has exactly that one (SSE's Last-Event-ID)."""
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = Feed(key, self.hub, render, interval)
            feed.start()
        viewer = Subscription(key)
        feed.viewers.add(viewer)
        try:
            if feed.latest is not None and event_id(feed.latest) != last_seen:
                viewer.offer(feed.latest)
            while True:
                yield await viewer.next()
        finally:
            feed.viewers.discard(viewer)
            if not feed.viewers and self._feeds.get(key) is feed:
                del self._feeds[key]
                await feed.stop()
