"""PostgreSQL LISTEN/NOTIFY → the local hub, so several `ippon serve` processes share updates.

The services NOTIFY inside the transaction that changes a topic (PostgreSQL delivers it at
commit). The payload is the snapshot itself, or only its topic and sequence number when the
snapshot is too big for NOTIFY; then this process reads the snapshot from the database."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable

import psycopg

from ippon.live.hub import Hub, Snapshot

log = logging.getLogger("ippon.live")
CHANNEL = "ippon_live"


class NotifyBridge:
    def __init__(self, conninfo: str, hub: Hub, load: Callable[[str], Snapshot]) -> None:
        self.conninfo, self.hub, self.load = conninfo, hub, load
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ippon-notify", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        if not self._listening.wait(timeout):
            raise RuntimeError("could not LISTEN on PostgreSQL within "
                               f"{timeout:g} s; is the database reachable?")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._receive(note.payload)
            except psycopg.Error as error:  # the database restarted: listen again
                log.warning("live updates from other processes paused: %s", error)
                self._stop.wait(1.0)

    def _receive(self, payload: str) -> None:
        try:
            head = json.loads(payload)
            topic, seq = str(head["topic"]), int(head["seq"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed live notification")
            return
        latest = self.hub.latest(topic)
        if latest is not None and latest.seq >= seq:
            return  # this process published it, or already has something newer
        if set(head) == {"topic", "seq"}:
            self.hub.publish(self.load(topic))
        else:
            self.hub.publish(Snapshot(topic, seq, payload))
