"""Server-sent event frames and keep-alives."""

from __future__ import annotations

import asyncio

import pytest

from ippon.live.hub import Hub, Snapshot
from ippon.web import sse


def parse(wire: bytes) -> dict[str, str]:
    """Read one event back the way a browser does: data lines joined by newlines."""
    fields: dict[str, list[str]] = {}
    for line in wire.decode().split("\n"):
        if line:
            name, _, value = line.partition(": ")
            fields.setdefault(name, []).append(value)
    return {name: "\n".join(values) for name, values in fields.items()}


def test_a_frame_carries_every_line_of_its_data() -> None:
    html = "<ul>\n<li>Müller</li>\r\n<li>山田</li>\r</ul>"
    wire = sse.frame(html, event_id="ab.3", event="page")
    assert wire.endswith(b"\n\n")
    assert wire.count(b"\n\n") == 1
    assert parse(wire) == {"id": "ab.3", "event": "page",
                           "data": "<ul>\n<li>Müller</li>\n<li>山田</li>\n</ul>"}


def test_a_snapshot_is_encoded_once_for_all_its_subscribers() -> None:
    snapshot = Snapshot("mat:1", 7, '{"seq":7}')
    assert sse.snapshot_frame(snapshot) is sse.snapshot_frame(Snapshot("mat:1", 7, '{"seq":7}'))
    assert parse(sse.snapshot_frame(snapshot)) == {"id": "7", "event": "snapshot",
                                                  "data": '{"seq":7}'}


def test_a_quiet_stream_sends_keep_alives_and_then_the_next_snapshot(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sse, "QUIET_SECONDS", 0.02)

    async def scenario() -> list[bytes]:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        hub.publish(Snapshot("mat:1", 1, "first"))
        with hub.subscribe("mat:1") as subscription:
            frames = sse.follow(subscription, sse.snapshot_frame)
            got = [await anext(frames)]  # the latest snapshot, at once
            got.append(await anext(frames))  # nothing happens: a keep-alive
            asyncio.get_running_loop().call_later(0.01, hub.publish,
                                                  Snapshot("mat:1", 2, "second"))
            got.append(await anext(frames))
            assert hub.subscriber_count("mat:1") == 1
        assert hub.subscriber_count("mat:1") == 0
        return got

    first, quiet, second = asyncio.run(scenario())
    assert parse(first)["data"] == "first"
    assert quiet == sse.KEEP_ALIVE
    assert parse(second)["data"] == "second"


def test_a_subscriber_that_has_the_latest_snapshot_waits_for_the_next() -> None:
    async def scenario() -> Snapshot | None:
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        hub.publish(Snapshot("mat:1", 5, "five"))
        with hub.subscribe("mat:1", last_seen=5) as subscription:
            return await subscription.next_within(0.01)

    assert asyncio.run(scenario()) is None
