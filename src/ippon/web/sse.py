"""Server-sent events as plain streaming responses.

A frame is encoded once and the same bytes go to every subscriber. A stream sends a keep-alive
comment only after a quiet spell, each connection after its own slightly random one: with a fixed
period, thousands of connections opened together (a hall of phones, a restart) would all ping in
the same instant and hold up the snapshots behind them."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator, Callable
from functools import lru_cache

from starlette.responses import StreamingResponse

from ippon.live.hub import Snapshot, Subscription

QUIET_SECONDS = 15.0
KEEP_ALIVE = b": keep-alive\n\n"
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what SSE counts as the end of a line


def frame(data: str, *, event_id: str, event: str) -> bytes:
    """One event on the wire; each line of `data` goes as its own `data:` line, which the
    browser joins back with newlines."""
    lines = "".join(f"data: {line}\n" for line in LINE_BREAK.split(data))
    return f"id: {event_id}\nevent: {event}\n{lines}\n".encode()


@lru_cache(maxsize=1024)
def snapshot_frame(snapshot: Snapshot) -> bytes:
    return frame(snapshot.data, event_id=str(snapshot.seq), event="snapshot")


async def follow(subscription: Subscription, encode: Callable[[Snapshot], bytes]
                 ) -> AsyncIterator[bytes]:
    """The subscription's snapshots as frames, with a keep-alive after each quiet spell."""
    quiet = QUIET_SECONDS * random.uniform(1.0, 1.5)
    while True:
        snapshot = await subscription.next_within(quiet)
        yield KEEP_ALIVE if snapshot is None else encode(snapshot)


def response(frames: AsyncIterator[bytes]) -> StreamingResponse:
    return StreamingResponse(frames, media_type="text/event-stream", headers={
        "Cache-Control": "no-store", "X-Accel-Buffering": "no"})
