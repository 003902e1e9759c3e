"""The database driver: ippon's synchronous SQLAlchemy engine in worker threads against
SQLAlchemy's async engine (aiosqlite; psycopg's async mode on PostgreSQL), measured in one run.

    .venv/bin/python benchmarks/bench_driver.py                   # SQLite, 12 mats, 6 s a phase
    .venv/bin/python benchmarks/bench_driver.py --seconds 3       # quick look
    .venv/bin/python benchmarks/bench_driver.py --database postgresql://postgres@127.0.0.1:54329/postgres

12 mats, one coroutine each on one event loop, run transactions shaped like a table official's
command (`ippon.services.matches.command`): read the contest row, read its events, insert one
event, update the contest row, bump the mat's topic version, commit. Each phase starts from a
new database (a new SQLite file in WAL mode, or a new PostgreSQL database) with ippon's tables.

- sync: `ippon.store.db.Database` (its pragmas and its one-writer lock) called through
  `anyio.to_thread.run_sync`, as the server's `run_in_threadpool` does;
- async: `create_async_engine` on the same file, the same statements, the same pragmas, and an
  `asyncio.Lock` as its one writer (PostgreSQL: no lock; the contest row's lock orders writers).

Phases: a fixed rate (`--rate` commands a second per mat), then saturation (as fast as each mat
can). Rounds alternate the order (sync, async, then async, sync), so a change in the machine's
load hits both. A 5 ms ticker task runs on the same loop throughout: its lag (how late it wakes)
is what the live streams and WebSockets served by that loop would feel."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import anyio.to_thread
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from ippon.store import schema as t
from ippon.store.db import Database, _sqlite_pragmas, engine_url

try:
    import aiosqlite  # noqa: F401
except ImportError:
    sys.exit("bench_driver.py compares with the async driver aiosqlite, which is not installed.\n"
             "Install the benchmarks' extras:  .venv/bin/pip install -e '.[bench]'")

EVENTS_PER_CONTEST = 20  # then the mat calls its next contest, so the event read stays realistic
CONTESTS_PER_MAT = 400
TICK = 0.005
PAYLOADS = ({"type": "hajime"}, {"type": "mate"}, {"type": "hajime"},
            {"type": "score", "side": "white", "value": "waza-ari"}, {"type": "mate"})


# -- the statements, shared by both engines --------------------------------------------------

def contest_id_for(mat: int, n: int) -> int:
    return 1 + mat * CONTESTS_PER_MAT + (n // EVENTS_PER_CONTEST) % CONTESTS_PER_MAT


def read_contest(contest_id: int, lock_row: bool) -> sa.Select[Any]:
    q = sa.select(t.contests).where(t.contests.c.id == contest_id)
    return q.with_for_update() if lock_row else q


def read_events(contest_id: int) -> sa.Select[Any]:
    e = t.contest_events.c
    return sa.select(e.seq, e.at, e.payload).where(e.contest_id == contest_id).order_by(e.seq)


def insert_event(contest: Any, mat: int, n: int, now: datetime) -> sa.Insert:
    seq = contest["event_count"] + 1
    return t.contest_events.insert().values(
        tournament_id=contest["tournament_id"], contest_id=contest["id"], seq=seq,
        at=float(seq), payload=PAYLOADS[n % len(PAYLOADS)], client_id=f"m{mat}-{n}",
        actor=f"mat {mat + 1}", recorded_at=now, origin="127.0.0.1")


def update_contest(contest: Any, now: datetime) -> sa.Update:
    return t.contests.update().where(t.contests.c.id == contest["id"]).values(
        event_count=contest["event_count"] + 1, status="running",
        started_at=contest["started_at"] or now)


def bump(dialect: str, mat: int) -> Any:
    """As `ippon.services.context._bump`: the topic's sequence number, upserted."""
    versions = t.topic_versions
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(versions).values(topic=f"mat:{mat + 1}", seq=1).on_conflict_do_update(
        index_elements=[versions.c.topic], set_={"seq": versions.c.seq + 1}
    ).returning(versions.c.seq)


def command_sync(db: Database, mat: int, n: int) -> None:
    now = datetime.now(UTC)
    with db.write() as conn:
        contest = conn.execute(read_contest(contest_id_for(mat, n), not db.is_sqlite)
                               ).mappings().one()
        conn.execute(read_events(contest["id"])).all()
        conn.execute(insert_event(contest, mat, n, now))
        conn.execute(update_contest(contest, now))
        conn.execute(bump(conn.dialect.name, mat)).scalar_one()


@dataclass
class AsyncDb:
    engine: AsyncEngine
    is_sqlite: bool
    writer: asyncio.Lock = field(default_factory=asyncio.Lock)

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[Any]:
        if self.is_sqlite:
            async with self.writer, self.engine.begin() as conn:
                yield conn
        else:
            async with self.engine.begin() as conn:
                yield conn


async def command_async(db: AsyncDb, mat: int, n: int) -> None:
    now = datetime.now(UTC)
    async with db.write() as conn:
        contest = (await conn.execute(read_contest(contest_id_for(mat, n), not db.is_sqlite))
                   ).mappings().one()
        (await conn.execute(read_events(contest["id"]))).all()
        await conn.execute(insert_event(contest, mat, n, now))
        await conn.execute(update_contest(contest, now))
        (await conn.execute(bump(conn.dialect.name, mat))).scalar_one()


# -- databases -------------------------------------------------------------------------------

@contextlib.contextmanager
def fresh_database(base: str, scratch: str) -> Iterator[str]:
    """A new, empty database for one phase: a SQLite file, or a PostgreSQL database (dropped
    after)."""
    if not base.startswith("postgres"):
        yield f"sqlite:///{os.path.join(scratch, uuid.uuid4().hex + '.sqlite3')}"
        return
    import psycopg

    name = f"ippon_bench_driver_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(url: str, mats: int) -> None:
    db = Database(url)
    try:
        t.metadata.create_all(db.engine)
        now = datetime.now(UTC)
        with db.write() as conn:
            conn.execute(t.tournaments.insert().values(
                id=1, name="Bench", starts_on=date(2026, 6, 1), ruleset="ijf2025",
                created_at=now))
            conn.execute(t.contests.insert(), [
                {"id": 1 + i, "tournament_id": 1, "number": 1 + i, "ruleset": "ijf2025",
                 "status": "ready", "created_at": now}
                for i in range(mats * CONTESTS_PER_MAT)])
    finally:
        db.dispose()


def async_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url.replace("sqlite://", "sqlite+aiosqlite://", 1))
        sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)  # ippon's own pragmas
        return engine
    # psycopg 3's async mode; the pool as ippon's Database sizes it
    return create_async_engine(engine_url(url), pool_size=10, max_overflow=20,
                               pool_pre_ping=True)


# -- the load --------------------------------------------------------------------------------

@dataclass
class Result:
    engine: str
    phase: str
    seconds: float
    latencies: list[float]
    lags: list[float]
    cpu: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


async def ticker(stop: asyncio.Event, lags: list[float]) -> None:
    due = time.perf_counter() + TICK
    while not stop.is_set():
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        woke = time.perf_counter()
        lags.append(woke - due)
        due = woke + TICK


async def load(run: Callable[[int, int], Awaitable[None]], mats: int, seconds: float,
               rate: float | None) -> tuple[list[float], list[float], float, float]:
    """Every mat runs commands for `seconds`; returns latencies, ticker lags, wall and CPU time."""
    await asyncio.gather(*(run(m, 0) for m in range(mats)))  # open connections; not timed
    latencies: list[float] = []
    lags: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(stop, lags))
    start, cpu = time.perf_counter(), time.process_time()
    deadline = start + seconds

    async def mat_loop(mat: int) -> None:
        n = 1
        due = start + (mat / mats / rate if rate else 0.0)  # spread the mats over one period
        while True:
            if rate:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due = max(due + 1 / rate, time.perf_counter())  # late: no catch-up burst
            began = time.perf_counter()
            if began >= deadline:
                return
            await run(mat, n)
            latencies.append(time.perf_counter() - began)
            n += 1

    await asyncio.gather(*(mat_loop(m) for m in range(mats)))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    stop.set()
    await tick
    return latencies, lags, wall, cpu


async def phase(engine: str, url: str, mats: int, seconds: float, rate: float | None) -> Result:
    name = f"{rate:g}/s per mat" if rate else "saturation"
    if engine == "sync":
        db = Database(url)
        try:
            async def run(mat: int, n: int) -> None:
                await anyio.to_thread.run_sync(command_sync, db, mat, n)

            found = await load(run, mats, seconds, rate)
        finally:
            db.dispose()
    else:
        adb = AsyncDb(async_engine(url), url.startswith("sqlite"))
        try:
            async def run(mat: int, n: int) -> None:
                await command_async(adb, mat, n)

            found = await load(run, mats, seconds, rate)
        finally:
            await adb.engine.dispose()
    latencies, lags, wall, cpu = found
    return Result(engine, name, wall, latencies, lags, cpu)


async def idle_lag(seconds: float) -> list[float]:
    lags: list[float] = []
    stop = asyncio.Event()
    task = asyncio.create_task(ticker(stop, lags))
    await asyncio.sleep(seconds)
    stop.set()
    await task
    return lags


# -- report ----------------------------------------------------------------------------------

def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] * 1000 if len(values) > 1 else float("nan")


def line(r: Result) -> str:
    return (f"{r.engine:<6} {r.phase:<16} {len(r.latencies):>6} commits {r.rate:7.0f}/s   "
            f"latency p50 {pct(r.latencies, 50):6.1f} p99 {pct(r.latencies, 99):7.1f} ms   "
            f"CPU {r.cpu / max(1, len(r.latencies)) * 1000:5.2f} ms/commit   "
            f"5 ms ticker lag p50 {pct(r.lags, 50):5.1f} p99 {pct(r.lags, 99):6.1f} "
            f"max {max(r.lags, default=0) * 1000:6.1f} ms")


def merged(results: list[Result], engine: str, phase_name: str) -> Result:
    chosen = [r for r in results if r.engine == engine and r.phase == phase_name]
    return Result(engine, phase_name, sum(r.seconds for r in chosen),
                  [x for r in chosen for x in r.latencies], [x for r in chosen for x in r.lags],
                  sum(r.cpu for r in chosen))


async def main_async(args: argparse.Namespace) -> None:
    base = args.database or "sqlite"
    lags = await idle_lag(2.0)
    print(f"idle loop: 5 ms ticker lag p50 {pct(lags, 50):.2f} ms, p99 {pct(lags, 99):.2f} ms",
          flush=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as scratch:
        for rate in (args.rate, None):
            for round_ in range(args.rounds):
                for engine in ("sync", "async") if round_ % 2 == 0 else ("async", "sync"):
                    with fresh_database(base, scratch) as url:
                        seed(url, args.mats)
                        result = await phase(engine, url, args.mats, args.seconds, rate)
                    results.append(result)
                    print(line(result), flush=True)
    print("\nall rounds together:")
    for phase_name in dict.fromkeys(r.phase for r in results):
        sync, async_ = merged(results, "sync", phase_name), merged(results, "async", phase_name)
        print(line(sync))
        print(line(async_))
        cpu = (async_.cpu / len(async_.latencies)) / (sync.cpu / len(sync.latencies))
        print(f"       async / sync: commits/s {async_.rate / sync.rate:.2f}x, "
              f"latency p50 {pct(async_.latencies, 50) / pct(sync.latencies, 50):.2f}x, "
              f"p99 {pct(async_.latencies, 99) / pct(sync.latencies, 99):.2f}x, "
              f"CPU per commit {cpu:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="", help="postgresql://... (default: new SQLite "
                                                       "files in a temporary directory)")
    parser.add_argument("--mats", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=6.0, help="per phase")
    parser.add_argument("--rate", type=float, default=5.0,
                        help="commands a second per mat in the fixed-rate phase")
    parser.add_argument("--rounds", type=int, default=2, help="of each engine, alternating")
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop",
                        help="the event loop (ippon serve runs on uvloop)")
    args = parser.parse_args()
    try:
        load_average = f", load average {os.getloadavg()[0]:.1f}"
    except OSError:
        load_average = ""
    print(f"{args.mats} mats, {args.seconds:g} s a phase, {args.rounds} rounds, "
          f"{args.loop}{load_average}; {(args.database or 'sqlite').split(':')[0]}", flush=True)
    factory = None
    if args.loop == "uvloop":
        import uvloop

        factory = uvloop.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(main_async(args))


if __name__ == "__main__":
    main()
