"""A real `ippon serve` in a subprocess on a free loopback port, and small clients for it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ADMIN_PASSWORD = "correct horse battery"
IPPON = str(Path(sys.executable).with_name("ippon"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, database: str, port: int | None = None,
                 extra: tuple[str, ...] = ()) -> None:
        self.database = database
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.extra = extra
        self.process: subprocess.Popen[bytes] | None = None
        # A pipe nobody reads would block the server once full; a file never does.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in stop())

    def start(self, timeout: float = 30) -> Server:
        env = {**os.environ, "IPPON_DATABASE": self.database}
        self.process = subprocess.Popen(
            [IPPON, "serve", "--port", str(self.port), "--host", "127.0.0.1", *self.extra],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # a bare socket first: cheaper than HTTP polling
            if self.process.poll() is not None:
                raise RuntimeError(f"ippon serve exited: {self.output()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            except OSError:
                time.sleep(0.02)
                continue
            if httpx.get(f"{self.base}/api/clock", timeout=5).status_code == 200:
                return self
        raise RuntimeError(f"ippon serve did not answer in time: {self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=10)

    def login(self, username: str = "admin", password: str = ADMIN_PASSWORD) -> str:
        answer = httpx.post(f"{self.base}/api/login",
                            json={"username": username, "password": password}, timeout=10)
        answer.raise_for_status()
        return str(answer.json()["token"])


def build_event(api: httpx.Client, athletes: int = 8) -> dict[str, Any]:
    """A tournament with one mat, one drawn category, and an official token for the mat."""

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = api.post(path, json=body)
        assert answer.status_code in (200, 201), answer.text
        result: dict[str, Any] = answer.json()
        return result

    tid = post("/api/tournaments", {"name": "Web Open", "starts_on": "2026-06-01"})["id"]
    mat = post(f"/api/tournaments/{tid}/mats", {"number": 1})["id"]
    cat = post(f"/api/tournaments/{tid}/categories",
               {"name": "W -57", "gender": "f", "max_weight": 57, "mat_id": mat})["id"]
    for i in range(athletes):
        aid = post(f"/api/tournaments/{tid}/athletes",
                   {"family_name": f"Name{i}", "given_name": "A", "gender": "f",
                    "birth_year": 1999, "country": ["JPN", "FRA", "BRA", "ITA"][i % 4]})["id"]
        post(f"/api/categories/{cat}/entries", {"athlete_id": aid})
    post(f"/api/categories/{cat}/draw", {"seed": 7})
    token = post("/api/credentials", {"mat_id": mat, "kind": "token"})["secret"]
    first = api.get(f"/api/mats/{mat}").json()["current"]["id"]
    return {"tournament": tid, "mat": mat, "category": cat, "token": token, "contest": first}


class SSE:
    """Reads a text/event-stream in a thread and keeps every event."""

    def __init__(self, url: str, last_event_id: str | None = None) -> None:
        self.url = url
        self.events: list[dict[str, Any]] = []
        self.ids: list[str] = []
        self.status: int | None = None
        self.error: httpx.HTTPError | None = None
        self._headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._read()
        except httpx.HTTPError as error:  # the server went away; the test decides if that is bad
            self.error = error

    def _read(self) -> None:
        with httpx.Client(timeout=httpx.Timeout(5, read=None)) as client, \
                client.stream("GET", self.url, headers=self._headers) as response:
            self.status = response.status_code
            event_id, data = None, []
            for line in response.iter_lines():
                if self._stop.is_set():
                    return
                if line.startswith("id:"):
                    event_id = line[3:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    self.events.append(json.loads("\n".join(data)))
                    self.ids.append(event_id or "")
                    event_id, data = None, []

    def wait_for(self, check: Any, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in list(self.events):
                if check(event):
                    return event
            time.sleep(0.02)
        raise AssertionError(f"no matching event on {self.url}; got {len(self.events)} events")

    def close(self) -> None:
        self._stop.set()


def streams(*sses: SSE) -> Iterator[SSE]:
    yield from sses
