"""Kill the server with SIGKILL at random moments while a client streams contest commands; after
each restart the client resends what was not acknowledged (same client id). In the end every
acknowledged command is stored once, in order, and each contest's stored state is the replay of
its log."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import httpx
import sqlalchemy as sa

from conftest import BACKENDS
from ippon.rules import Contest, event_from_json
from ippon.services.draws import ruleset_for
from ippon.store import schema as t
from ippon.store.db import Database

from .conftest import prepared_database
from .server import Server, build_event, free_port

KILLS = 50
ZYGOTE = Path(__file__).with_name("zygote.py")


class Spawner:
    """Starts server processes forked from tests/web/zygote.py and kills them with SIGKILL."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def start(self, port: int, database: str) -> int:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(f"{port} {database}\n")
        self.process.stdin.flush()
        pid = int(self.process.stdout.readline())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return pid
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("the forked server did not listen in time")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    while alive(pid):
        time.sleep(0.005)


def script(n: int) -> dict[str, object]:
    return [{"type": "hajime"}, {"type": "mate"}][n % 2]


def test_acknowledged_commands_survive_sigkill(tmp_path: Path) -> None:
    """Both databases at once (each run is mostly waiting for a restarted server)."""
    urls = []
    with ExitStack() as stack:
        for backend in BACKENDS:  # prepared one after the other: Alembic's context is global
            (tmp_path / backend).mkdir()
            urls.append(stack.enter_context(
                contextmanager(prepared_database)(backend, tmp_path / backend)))
        with ThreadPoolExecutor(2) as pool:
            for run in [pool.submit(crash_run, url, seed) for seed, url in enumerate(urls)]:
                run.result()


def crash_run(url: str, seed: int) -> None:
    rng = random.Random(seed)
    setup = Server(url).start()  # the real `ippon serve` once, to set the event up
    with setup.client(setup.login()) as api:
        event = build_event(api, athletes=2)
    setup.stop()
    contest, token = event["contest"], event["token"]
    spawner = Spawner()
    port = free_port()
    acked: list[str] = []
    sent = 0
    try:
        for _ in range(KILLS):
            pid = spawner.start(port, url)
            # a fresh process answers its first command in about 0.3 s (cold caches)
            killer = threading.Timer(rng.uniform(0.1, 1.5), kill, [pid])
            killer.start()
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5,
                              headers={"Authorization": f"Bearer {token}"}) as official:
                while alive(pid):
                    client_id = f"c{sent}"
                    try:
                        answer = official.post(f"/api/contests/{contest}/commands",
                                               json={"client_id": client_id,
                                                     "command": script(sent)})
                    except httpx.HTTPError:
                        break  # killed mid-request: resend the same command after restart
                    assert answer.status_code == 200, answer.text
                    acked.append(client_id)
                    sent += 1
            killer.join()
            kill(pid)
        pid = spawner.start(port, url)  # a last restart, so the final state is read back
        kill(pid)
    finally:
        spawner.close()
    assert sent >= KILLS  # commands were really flowing between the kills
    _check_log(url, contest, acked)


def _check_log(url: str, contest_id: int, acked: list[str]) -> None:
    db = Database(url)
    with db.read() as conn:
        rows = conn.execute(sa.select(t.contest_events).where(
            t.contest_events.c.contest_id == contest_id).order_by(t.contest_events.c.seq)).all()
        contest = conn.execute(sa.select(t.contests).where(
            t.contests.c.id == contest_id)).mappings().one()
        category = conn.execute(sa.select(t.categories).where(
            t.categories.c.id == contest["category_id"])).mappings().one()
    db.dispose()
    stored = [r.client_id for r in rows]
    # every acknowledged command once and in order; at most one more (sent, committed, and
    # killed before its acknowledgement went out, then resent and answered as a duplicate)
    assert stored[:len(acked)] == acked
    assert len(stored) - len(acked) in (0, 1)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert [r.payload for r in rows] == [script(n) for n in range(len(rows))]
    replay = Contest(ruleset_for(dict(category)))
    for r in rows:
        replay.push(event_from_json({**r.payload, "at": r.at}, r.seq))
    assert contest["event_count"] == len(rows)
    state = replay.state_at(rows[-1].at)
    assert contest["status"] == ("finished" if state.outcome else "running")
