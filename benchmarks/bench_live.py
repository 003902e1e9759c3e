"""Live-update latency: 12 mats each send a command every 0.5 s while 2,000 SSE subscribers
listen; command -> snapshot latency (p50, p99) at the subscribers, next to a bare broadcast
baseline measured in the same run (a minimal Starlette app doing only the fan-out).

    .venv/bin/python benchmarks/bench_live.py                      # SQLite, 2,000 subscribers
    .venv/bin/python benchmarks/bench_live.py --database postgresql://postgres@127.0.0.1:54329/postgres
    .venv/bin/python benchmarks/bench_live.py --subscribers 200 --seconds 5   # quick

Loopback only, bounded in time. Latency is measured from just before a command is sent to the
moment a subscriber has read the snapshot that shows it (SSE parsed by hand on raw sockets, so
the client costs little next to the server)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
IPPON = str(Path(sys.executable).with_name("ippon"))
PASSWORD = "benchmark password"
WARM_UP = 4  # commands per mat before the measurement, not counted


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


# -- the baseline: only the fan-out ----------------------------------------------------------

BASELINE = '''
import asyncio, json, sys
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route
import uvicorn

subscribers = {}

async def publish(request):
    mat = int(request.path_params["mat"])
    body = await request.body()
    for queue in subscribers.get(mat, ()):
        queue.put_nowait(body)
    return JSONResponse({"ok": True})

async def subscribe(request):
    mat = int(request.path_params["mat"])
    queue = asyncio.Queue()
    subscribers.setdefault(mat, set()).add(queue)
    async def events():
        try:
            while True:
                data = await queue.get()
                yield b"data: " + data + b"\\n\\n"
        finally:
            subscribers[mat].discard(queue)
    return StreamingResponse(events(), media_type="text/event-stream")

app = Starlette(routes=[Route("/publish/{mat}", publish, methods=["POST"]),
                        Route("/sub/{mat}", subscribe)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error")
'''


# -- subscribers on raw sockets ----------------------------------------------------------------

async def subscriber(port: int, path: str, on_event: Callable[[bytes], None],
                     ready: asyncio.Event, count: list[int], total: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**22)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                 .encode())
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")
    count[0] += 1
    if count[0] == total:
        ready.set()
    try:
        while True:
            line = await reader.readline()
            if not line:
                return
            # chunked transfer: data lines carry the payload; everything else is framing
            if line.startswith(b"data:"):
                on_event(line[5:].strip())
    finally:
        writer.close()


async def run_load(port: int, paths: list[str], send: Callable[[int, int], Awaitable[None]],
                   parse: Callable[[bytes], tuple[int, int] | None], mats: int,
                   subscribers: int, seconds: float) -> list[float]:
    """Open the subscribers, then each mat sends a command every 0.5 s; returns latencies (s)."""
    sent: dict[tuple[int, int], float] = {}
    latencies: list[float] = []

    def on_event(data: bytes) -> None:
        key = parse(data)
        if key is not None and key in sent:
            latencies.append(time.perf_counter() - sent[key])

    ready, count = asyncio.Event(), [0]
    tasks = []
    for i in range(subscribers):
        tasks.append(asyncio.create_task(subscriber(port, paths[i % mats], on_event, ready,
                                                    count, subscribers)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)  # do not flood the accept queue
    await asyncio.wait_for(ready.wait(), 120)
    await asyncio.sleep(1.0)  # let the initial snapshots drain
    # The client is the instrument: its own collector pausing 2,000 sockets would be counted
    # as the server's latency (parsed snapshots are acyclic, freed as they go).
    gc.collect()
    gc.disable()

    async def mat_loop(mat: int) -> None:
        n = 0
        await asyncio.sleep(0.5 * mat / mats)  # spread the mats over the half second
        deadline = time.perf_counter() + WARM_UP * 0.5 + seconds
        while time.perf_counter() < deadline:
            n += 1
            start = time.perf_counter()
            if n > WARM_UP:  # the first commands of a process compile its statements
                sent[(mat, n)] = start
            await send(mat, n)
            await asyncio.sleep(max(0.0, start + 0.5 - time.perf_counter()))

    await asyncio.gather(*(mat_loop(m) for m in range(mats)))
    await asyncio.sleep(2.0)
    gc.enable()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return latencies


async def baseline(mats: int, subscribers: int, seconds: float) -> list[float]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", BASELINE, str(port)])
    try:
        wait_port(port)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            async def send(mat: int, n: int) -> None:
                # the size of a real mat snapshot, so the fan-out moves the same bytes
                await client.post(f"/publish/{mat}", content=json.dumps(
                    {"mat": mat, "n": n, "pad": "x" * 1500}).encode())

            def parse(data: bytes) -> tuple[int, int] | None:
                message = json.loads(data)
                return int(message["mat"]), int(message["n"])

            return await run_load(port, [f"/sub/{m}" for m in range(mats)], send, parse, mats,
                                  subscribers, seconds)
    finally:
        process.terminate()
        process.wait(10)


# -- ippon ---------------------------------------------------------------------------------

def prepare(database: str, mats: int) -> tuple[subprocess.Popen[bytes], int, dict[str, Any]]:
    made = subprocess.run([IPPON, "admin", "create", "--database", database, "--password",
                           PASSWORD], capture_output=True, text=True)
    if made.returncode and "exists already" not in made.stderr:  # a database used before
        raise RuntimeError(made.stderr)
    port = free_port()
    process = subprocess.Popen([IPPON, "serve", "--port", str(port), "--database", database],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    base = f"http://127.0.0.1:{port}"
    token = httpx.post(f"{base}/api/login", json={"username": "admin", "password": PASSWORD}
                       ).json()["token"]
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                      timeout=30) as api:
        tid = api.post("/api/tournaments", json={"name": "Bench", "starts_on": "2026-06-01"}
                       ).json()["id"]
        plan: dict[str, Any] = {"mats": []}
        for m in range(mats):
            mat = api.post(f"/api/tournaments/{tid}/mats", json={"number": m + 1}).json()["id"]
            cat = api.post(f"/api/tournaments/{tid}/categories", json={
                "name": f"C{m}", "gender": "m", "max_weight": 73, "mat_id": mat}).json()["id"]
            for i in range(2):
                aid = api.post(f"/api/tournaments/{tid}/athletes", json={
                    "family_name": f"A{m}x{i}", "gender": "m", "birth_year": 2000}).json()["id"]
                api.post(f"/api/categories/{cat}/entries", json={"athlete_id": aid})
            api.post(f"/api/categories/{cat}/draw", json={"seed": 1})
            secret = api.post("/api/credentials", json={"mat_id": mat}).json()["secret"]
            contest = api.get(f"/api/mats/{mat}").json()["current"]["id"]
            plan["mats"].append({"mat": mat, "token": secret, "contest": contest})
    return process, port, plan


async def ippon(database: str, mats: int, subscribers: int, seconds: float) -> list[float]:
    process, port, plan = prepare(database, mats)
    by_mat_id = {p["mat"]: i for i, p in enumerate(plan["mats"])}
    try:
        clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30,
                                     headers={"Authorization": f"Bearer {p['token']}"})
                   for p in plan["mats"]]

        async def send(mat: int, n: int) -> None:
            p = plan["mats"][mat]
            answer = await clients[mat].post(
                f"/api/contests/{p['contest']}/commands",
                json={"client_id": uuid.uuid4().hex,
                      "command": {"type": "hajime" if n % 2 else "mate"}})
            answer.raise_for_status()

        def parse(data: bytes) -> tuple[int, int] | None:
            snapshot = json.loads(data)
            current = snapshot.get("current")
            if current is None:
                return None
            return by_mat_id[snapshot["mat"]["id"]], int(current["events"])

        try:
            return await run_load(port, [f"/api/live/mat/{p['mat']}" for p in plan["mats"]],
                                  send, parse, mats, subscribers, seconds)
        finally:
            for client in clients:
                await client.aclose()
    finally:
        process.terminate()
        process.wait(10)


def summary(name: str, latencies: list[float], expected: int) -> str:
    if not latencies:
        return f"{name:<28} no snapshots received"
    q = statistics.quantiles(latencies, n=100)
    return (f"{name:<28} p50 {q[49] * 1000:7.1f} ms   p99 {q[98] * 1000:7.1f} ms   "
            f"max {max(latencies) * 1000:7.1f} ms   deliveries {len(latencies)}/{expected}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="", help="postgresql://... (default: a new "
                                                       "SQLite file in a temporary directory)")
    parser.add_argument("--mats", type=int, default=12)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8192)), hard))
    expected = int(args.seconds / 0.5) * args.subscribers
    with tempfile.TemporaryDirectory() as scratch:
        database = args.database
        if not database:
            database = f"sqlite:///{os.path.join(scratch, 'bench.sqlite3')}"
        elif database.startswith("postgresql"):
            import psycopg

            name = f"ippon_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(database, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            database = database.rsplit("/", 1)[0] + "/" + name
        print(f"{args.mats} mats, a command per mat every 0.5 s for {args.seconds:g} s, "
              f"{args.subscribers} SSE subscribers; {database.split(':')[0]}")
        base = asyncio.run(baseline(args.mats, args.subscribers, args.seconds))
        print(summary("baseline (bare fan-out)", base, expected), flush=True)
        real = asyncio.run(ippon(database, args.mats, args.subscribers, args.seconds))
        print(summary("ippon (command->snapshot)", real, expected))


if __name__ == "__main__":
    main()
