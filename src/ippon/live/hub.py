"""In-process publish/subscribe of full snapshots, one stream per topic ("mat:3", "category:12",
"tournament:1").

Every message is the whole current picture with a sequence number, never a diff, so a subscriber
that falls behind only needs the latest: each subscription holds at most one pending snapshot and a
newer one replaces it. Publishing never waits for a subscriber. Publishers may be worker threads
(the services run there) or other processes (through `ippon.live.bridge`); subscribers live on the
server's event loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Snapshot:
    topic: str
    seq: int  # grows by one with every change of the topic, across restarts and processes
    data: str  # JSON text, serialised once for every subscriber


class Subscription:
    """One subscriber's view of one topic: the latest snapshot it has not taken yet."""

    def __init__(self, topic: str) -> None:
        self.topic = topic
        self._pending: Snapshot | None = None
        self._ready = asyncio.Event()
        self.replaced = 0  # snapshots this subscriber never saw because a newer one came first

    def offer(self, snapshot: Snapshot) -> None:
        if self._pending is not None:
            self.replaced += 1
        self._pending = snapshot
        self._ready.set()

    async def next(self) -> Snapshot:
        await self._ready.wait()
        return self._take()

    async def next_within(self, seconds: float) -> Snapshot | None:
        """The next snapshot, or None if none came within `seconds` (time for a keep-alive)."""
        try:
            async with asyncio.timeout(seconds):
                await self._ready.wait()
        except TimeoutError:
            return None
        return self._take()

    def _take(self) -> Snapshot:
        self._ready.clear()
        snapshot, self._pending = self._pending, None
        assert snapshot is not None
        return snapshot


class Hub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: dict[str, Snapshot] = {}
        self._subscribers: dict[str, set[Subscription]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Bind to the event loop the subscribers run on (the server does this at start-up)."""
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def latest(self, topic: str) -> Snapshot | None:
        with self._lock:
            return self._latest.get(topic)

    def publish(self, snapshot: Snapshot) -> bool:
        """Keep `snapshot` as the topic's latest and deliver it, unless a newer one is known.
        Safe to call from any thread; returns whether the snapshot was news."""
        with self._lock:
            known = self._latest.get(snapshot.topic)
            if known is not None and known.seq >= snapshot.seq:
                return False
            self._latest[snapshot.topic] = snapshot
        loop = self._loop
        if loop is None or loop.is_closed():
            return True
        if threading.get_ident() == self._loop_thread:
            self._deliver(snapshot)
        else:
            loop.call_soon_threadsafe(self._deliver, snapshot)
        return True

    def _deliver(self, snapshot: Snapshot) -> None:
        # Runs on the loop; a later snapshot may already have overtaken this one.
        latest = self.latest(snapshot.topic)
        if latest is not None and latest.seq > snapshot.seq:
            return
        for subscription in tuple(self._subscribers.get(snapshot.topic, ())):
            subscription.offer(snapshot)

    def subscriber_count(self, topic: str) -> int:
        return len(self._subscribers.get(topic, ()))

    @contextmanager
    def subscribe(self, topic: str, last_seen: int | None = None) -> Iterator[Subscription]:
        """Follow the topic from now on, starting with its latest snapshot unless the subscriber
        already has exactly that one (`last_seen`, from SSE's Last-Event-ID). A `last_seen` from
        before a server restart does not match, so the subscriber is brought up to date."""
        subscription = Subscription(topic)
        self._subscribers.setdefault(topic, set()).add(subscription)
        try:
            latest = self.latest(topic)
            if latest is not None and latest.seq != last_seen:
                subscription.offer(latest)
            yield subscription
        finally:
            subscribers = self._subscribers.get(topic)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[topic]

    async def stream(self, topic: str, last_seen: int | None = None) -> AsyncIterator[Snapshot]:
        """The topic's snapshots from now on (see `subscribe`)."""
        with self.subscribe(topic, last_seen) as subscription:
            while True:
                yield await subscription.next()
