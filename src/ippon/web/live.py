"""Server-sent events: one stream of full snapshots per mat, category or tournament. Each event's
id is the snapshot's sequence number, so a browser that reconnects (EventSource sends
Last-Event-ID by itself) gets the latest snapshot unless it already has it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse

from ippon.live.hub import Hub
from ippon.web import sse
from ippon.web.auth import services

router = APIRouter(prefix="/api/live")
Kind = Literal["mat", "category", "tournament"]


def _last_seen(request: Request) -> int | None:
    raw = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
    try:
        return None if raw is None else int(raw)
    except ValueError:
        return None


@router.get("/{kind}/{key}")
async def stream(request: Request, kind: Kind,
                 key: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> StreamingResponse:
    """A text/event-stream of `snapshot` events; the data is the snapshot's JSON."""
    topic = f"{kind}:{key}"
    svc = services(request)
    hub: Hub = svc.hub
    if hub.latest(topic) is None:
        # Unknown topics answer 404 here (NotFound), before the stream starts.
        hub.publish(await run_in_threadpool(svc.snapshot, topic))

    async def events() -> AsyncIterator[bytes]:
        with hub.subscribe(topic, _last_seen(request)) as subscription:
            async for frame in sse.follow(subscription, sse.snapshot_frame):
                yield frame

    return sse.response(events())
