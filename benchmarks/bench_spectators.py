"""Live load: thousands of spectators on the public pages while every mat fights.

One command, loopback only, bounded in time and count:

    python benchmarks/bench_spectators.py                  # 5,000 spectators, 12 mats, 90 s
    python benchmarks/bench_spectators.py --spectators 500 --seconds 20

It starts `ippon serve` on a fresh SQLite database, creates 12 mats with a 16-athlete category
each, opens the spectators' SSE streams (4 in 5 on category pages, the rest on athlete pages)
from a few client processes, and has every mat fight contest after contest over the HTTP API:
hajime, waza-ari, shido and the deciding ippon, `--pace` seconds apiece (20 s: a real contest
lasts minutes, so the mats here decide contests many times faster than in a hall).
For each contest's end it measures the time from the deciding command being sent to each
spectator of that category receiving the page whose drawing shows the result (the page's
`data-fought` count), and reports p50 and p99 over all spectators and ends, with the server's
memory (resident set, and its peak).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing as mp
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"  # loopback only
IPPON = str(Path(sys.executable).with_name("ippon"))
PASSWORD = "bench spectators password"
FOUGHT = re.compile(rb'data-fought="(\d+)"')
COUNTRIES = ["JPN", "FRA", "GER", "NED", "BRA", "GEO", "KOR", "MGL", "ITA", "ESP", "AZE", "ISR"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def raise_file_limit(wanted: int) -> int:
    """Each connection is a file on both sides; the server inherits the limit set here."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def memory_of(pid: int) -> tuple[int, int]:
    """(resident, peak resident) in MiB, from /proc."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) // 1024
    return fields.get("VmRSS", 0), fields.get("VmHWM", 0)


# -- the tournament -----------------------------------------------------------------------

def build(api: httpx.Client, mats: int, athletes: int) -> dict[str, Any]:
    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = api.post(path, json=body)
        answer.raise_for_status()
        found: dict[str, Any] = answer.json()
        return found

    tid = post("/api/tournaments", {"name": "Spectators Open", "starts_on": "2026-11-28"})["id"]
    setup: dict[str, Any] = {"tournament": tid, "mats": []}
    for number in range(1, mats + 1):
        mat = post(f"/api/tournaments/{tid}/mats", {"number": number})["id"]
        cat = post(f"/api/tournaments/{tid}/categories",
                   {"name": f"Men -{60 + number} kg", "gender": "m", "max_weight": 60 + number,
                    "mat_id": mat})["id"]
        people = []
        for i in range(athletes):
            aid = post(f"/api/tournaments/{tid}/athletes",
                       {"family_name": f"Athlete{number:02d}x{i:02d}", "given_name": "A",
                        "gender": "m", "birth_year": 1999,
                        "country": COUNTRIES[(i + number) % len(COUNTRIES)]})["id"]
            post(f"/api/categories/{cat}/entries", {"athlete_id": aid})
            people.append(aid)
        post(f"/api/categories/{cat}/draw", {"seed": number})
        token = post("/api/credentials", {"mat_id": mat, "kind": "token"})["secret"]
        setup["mats"].append({"mat": mat, "category": cat, "token": token, "athletes": people})
    return setup


# -- the spectators (client processes) ------------------------------------------------------

async def spectator(port: int, path: str, seen: dict[int, float],
                    counts: list[int], ready: list[int], shared: Any) -> None:
    """One SSE connection: when each `data-fought` count first arrived (monotonic time)."""
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        counts[1] += 1
        return
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n"
                 f"Accept-Language: en\r\n\r\n".encode())
    await writer.drain()
    tail = b""
    first = True
    try:
        while True:  # until the server closes or the client process cancels this task
            chunk = await reader.read(65536)
            if not chunk:
                break
            now = time.monotonic()
            if first:
                ready[0] += 1
                with shared.get_lock():
                    shared.value += 1
                first = False
            buffer = tail + chunk
            counts[0] += buffer.count(b"event: page")
            for found in FOUGHT.finditer(buffer):
                seen.setdefault(int(found.group(1)), now)
            tail = buffer[-64:]  # a marker cut across two reads is found in the next
    finally:
        writer.close()


def client_process(port: int, paths: list[tuple[int, str]], start_at: float, deadline: float,
                   out: Any, shared: Any) -> None:
    """Runs in its own process: a share of the spectators on one event loop."""

    async def main() -> None:
        results: list[tuple[int, dict[int, float]]] = []
        counts = [0, 0]  # events received, connections refused
        ready = [0]
        tasks = []
        while time.monotonic() < start_at:
            await asyncio.sleep(0.01)
        for index, (category, path) in enumerate(paths):
            seen: dict[int, float] = {}
            results.append((category, seen))
            tasks.append(asyncio.create_task(spectator(port, path, seen, counts,
                                                       ready, shared)))
            if index % 200 == 199:
                await asyncio.sleep(0.05)  # the server's accept backlog is finite
        # The client is the instrument: its collector pausing a thousand sockets would count
        # as the server's latency (what it reads is bytes and numbers, freed as it goes).
        gc.collect()
        gc.disable()
        while time.monotonic() < min(deadline, shared.stop.value):
            await asyncio.sleep(0.2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        gc.enable()
        out.put({"results": results, "events": counts[0], "refused": counts[1],
                 "connected": ready[0]})

    asyncio.run(main())


# -- the mats ---------------------------------------------------------------------------------

def mat_client(base: str, mat: dict[str, Any]) -> httpx.Client:
    """The mat's connection, opened (kept alive) before the spectators crowd the server's
    accept queue: a table official's device is connected before the hall fills."""
    api = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {mat['token']}"},
                       timeout=60, transport=httpx.HTTPTransport(retries=2))
    api.get(f"/api/mats/{mat['mat']}").raise_for_status()
    return api


def run_mat(api: httpx.Client, mat: dict[str, Any], deadline: float, pace: float,
            ends: dict[int, dict[int, float]], lock: threading.Lock) -> None:
    """Fight contest after contest on one mat; note when each was decided."""
    fought = 0
    try:
        while time.monotonic() + pace < deadline:  # only contests that end in time
            current = api.get(f"/api/mats/{mat['mat']}").json()["current"]
            if current is None:
                return
            contest = current["id"]

            def command(key: str, body: dict[str, Any], contest: int = contest) -> None:
                answer = api.post(f"/api/contests/{contest}/commands",
                                  json={"client_id": f"{contest}-{key}", "command": body})
                answer.raise_for_status()

            command("h", {"type": "hajime"})
            time.sleep(pace / 3)
            command("w", {"type": "score", "side": "blue", "value": "waza-ari"})
            time.sleep(pace / 3)
            command("s", {"type": "shido", "side": "white"})
            time.sleep(pace / 3)
            fought += 1
            with lock:
                ends.setdefault(mat["category"], {})[fought] = time.monotonic()
            command("i", {"type": "score", "side": "white", "value": "ippon"})
    finally:
        api.close()


# -- the run ------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spectators", type=int, default=5000)
    parser.add_argument("--mats", type=int, default=12)
    parser.add_argument("--athletes", type=int, default=16, help="per category")
    parser.add_argument("--seconds", type=float, default=90, help="how long the mats fight")
    parser.add_argument("--pace", type=float, default=20.0,
                        help="seconds per contest (a real one lasts 4-6 minutes)")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    args = parser.parse_args()
    if not 1 <= args.spectators <= 20000 or not 1 <= args.mats <= 40:
        parser.error("at most 20,000 spectators and 40 mats")
    limit = raise_file_limit(args.spectators + 2048)
    if limit < args.spectators + 256:
        parser.error(f"the open-file limit is {limit}: too low for {args.spectators} spectators")

    folder = Path(tempfile.mkdtemp(prefix="ippon-bench-"))
    database = f"sqlite:///{folder / 'bench.sqlite3'}"
    port = free_port()
    base = f"http://{HOST}:{port}"
    created = subprocess.run([IPPON, "admin", "create", "--database", database, "--password",
                              PASSWORD], capture_output=True, text=True, check=False)
    if created.returncode != 0:
        sys.exit(created.stdout + created.stderr)
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen([IPPON, "serve", "--host", HOST, "--port", str(port)],
                              env={**os.environ, "IPPON_DATABASE": database},
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/clock", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        token = httpx.post(f"{base}/api/login", json={"username": "admin",
                                                      "password": PASSWORD}).json()["token"]
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                          timeout=30) as api:
            setup = build(api, args.mats, args.athletes)
        print(f"{args.mats} mats, {args.mats * args.athletes} athletes; server memory "
              f"{memory_of(server.pid)[0]} MiB before the spectators")

        # 4 in 5 spectators watch a category's drawing, the rest an athlete's page.
        paths: list[tuple[int, str]] = []
        athletes = [a for m in setup["mats"] for a in m["athletes"][:8]]
        for i in range(args.spectators):
            if i % 5 == 4:
                paths.append((0, f"/live/athletes/{athletes[i % len(athletes)]}"))
            else:
                m = setup["mats"][i % len(setup["mats"])]
                paths.append((m["category"], f"/live/categories/{m['category']}"))
        clients = [mat_client(base, m) for m in setup["mats"]]
        connect_seconds = max(10.0, args.spectators / 50)  # at most: usually far less
        start_at = time.monotonic() + 1.0
        latest_fight = start_at + connect_seconds
        deadline = latest_fight + args.seconds + args.pace + 10.0
        context = mp.get_context("fork")
        queue: Any = context.Queue()
        shared: Any = context.Value("i", 0)
        shared.stop = context.Value("d", deadline)  # brought forward when the mats are done
        shares = [paths[i::args.processes] for i in range(args.processes)]
        workers = [context.Process(
            target=client_process, args=(port, share, start_at, deadline, queue, shared))
            for share in shares]
        for worker in workers:
            worker.start()
        # The mats fight once every spectator has the page (or the connection phase is over).
        while time.monotonic() < latest_fight and shared.value < args.spectators:
            time.sleep(0.2)
        time.sleep(1.0)
        fight_from = time.monotonic()
        print(f"{shared.value} spectators connected in {fight_from - start_at - 1:.1f} s")
        connected_memory = memory_of(server.pid)[0]

        ends: dict[int, dict[int, float]] = {}
        lock = threading.Lock()
        mats = [threading.Thread(target=run_mat, args=(api, m, fight_from + args.seconds,
                                                       args.pace, ends, lock))
                for api, m in zip(clients, setup["mats"], strict=True)]
        for thread in mats:  # the mats start one after another, as they do in a hall
            thread.start()
            time.sleep(args.pace / len(mats))
        for thread in mats:
            thread.join()
        time.sleep(2.0)  # the last pages on their way
        shared.stop.value = time.monotonic()
        reports = [queue.get(timeout=args.seconds + connect_seconds + 60) for _ in workers]
        for worker in workers:
            worker.join(30)
        resident, peak = memory_of(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)

    latencies: list[float] = []
    missed = 0
    for report in reports:
        for category, seen in report["results"]:
            if category == 0:
                continue
            for count, ended in ends.get(category, {}).items():
                if count in seen:
                    latencies.append(seen[count] - ended)
                else:
                    missed += 1
    connected = sum(r["connected"] for r in reports)
    refused = sum(r["refused"] for r in reports)
    events = sum(r["events"] for r in reports)
    decided = sum(len(v) for v in ends.values())
    print(f"spectators: {connected} of {args.spectators} connected ({refused} refused); "
          f"{events} page events received")
    print(f"contests decided: {decided} on {args.mats} mats in {args.seconds:.0f} s")
    if latencies:
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(f"contest end -> updated drawing at the spectator: p50 {p50 * 1000:.0f} ms, "
              f"p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms "
              f"over {len(latencies)} deliveries ({missed} never arrived)")
    print(f"server memory: {connected_memory} MiB with the spectators connected, {resident} MiB "
          f"at the end, peak {peak} MiB")


if __name__ == "__main__":
    main()
