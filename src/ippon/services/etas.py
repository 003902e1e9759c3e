"""When each contest still to fight is expected to start: the one source of the public ETAs.

With a stored plan (`ippon.services.planning`), the plan is followed from now
(`ippon.tournament.schedule.follow`): each mat keeps the plan's order, its breaks, days and
rest waits, and starts from the real end of what it fought, so a mat that runs 20 minutes
late shows its contests later, an early one earlier, and a contest after lunch stays after
lunch. A contest on the mat ends at its expected length; no ETA lies in the past.

Without a plan (or for contests the plan does not know: a category drawn after planning),
the estimate walks each mat's queue from now: every contest ahead counts for its category's
contest time stretched by the usual stops (mate, medical, the call), plus a changeover; a
running contest counts with what is left of that.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import planning
from ippon.services import settings as tournament_settings
from ippon.services.draws import ruleset_for
from ippon.services.errors import Conflict, Invalid
from ippon.services.scheduling import queue
from ippon.store import schema as t
from ippon.tournament.schedule import Plan, Problem, ScheduleError, SlotStatus
from ippon.tournament.schedule.follow import follow

STOPS = 1.5  # a contest lasts about this many times its clock time, with the stops
CHANGEOVER = timedelta(seconds=60)  # bowing out, the next pair's call and bow
OPEN = ("waiting", "ready", "running")


Versions = tuple[tuple[str, int], ...]  # (live topic, its sequence number)
REUSE = timedelta(seconds=30)  # how long a computation serves the pages of one version
# (database, tournament) -> (topic versions, computed at, starts, running contests)
_computed: dict[tuple[str, int], tuple[Versions, datetime, dict[int, datetime], frozenset[int]]]
_computed = {}
_lock = threading.Lock()
_gates: dict[tuple[str, int], threading.Lock] = {}  # (database, tournament) -> its computation


def starts(conn: Connection, tournament_id: int, now: datetime) -> dict[int, datetime]:
    """Contest id → expected start, for every contest of the tournament still to fight
    (waiting, ready or running) that is on a mat's queue or in the stored plan.

    Following the plan of a 1,500-athlete event takes about 150–200 ms, and one change (a
    result) re-renders many pages at once (every athlete of the mat, the coaches, the home):
    the starts are computed once per version of the tournament's and its categories' live
    topics and reused for `REUSE` at most (the running contests' expected ends move with
    the clock)."""
    where = (str(conn.engine.url), tournament_id)
    versions = _versions(conn, tournament_id)
    reused = _reuse(where, versions, now)
    if reused is not None:
        return reused
    with _lock:
        gate = _gates.setdefault(where, threading.Lock())
    # One computation at a time per tournament: the pages a change re-renders together wait
    # for the first one's result instead of all computing the same thing at once.
    with gate:
        reused = _reuse(where, versions, now)
        if reused is not None:
            return reused
        found, running = _starts(conn, tournament_id, now)
        with _lock:
            _computed[where] = (versions, now, found, running)
    return dict(found)


def _reuse(where: tuple[str, int], versions: Versions, now: datetime
           ) -> dict[int, datetime] | None:
    with _lock:
        known = _computed.get(where)
    if known is None or known[0] != versions or not timedelta(0) <= now - known[1] < REUSE:
        return None
    _, _, found, running = known
    return {c: at if c in running else max(at, now) for c, at in found.items()}


def _versions(conn: Connection, tournament_id: int) -> Versions:
    """The live topics whose changes move ETAs: a contest's status (started, decided), a
    re-derived category, a new plan or queue all touch the tournament or a category. (Scores
    touch only the mat: they move no ETA.)"""
    topics = [f"tournament:{tournament_id}", *(f"category:{c}" for c in conn.execute(
        sa.select(t.categories.c.id).where(t.categories.c.tournament_id == tournament_id))
        .scalars())]
    return tuple(sorted((r.topic, int(r.seq)) for r in conn.execute(
        sa.select(t.topic_versions.c.topic, t.topic_versions.c.seq)
        .where(t.topic_versions.c.topic.in_(topics)))))


def _starts(conn: Connection, tournament_id: int,
            now: datetime) -> tuple[dict[int, datetime], frozenset[int]]:
    queued = {r.id: r.status for r in conn.execute(
        sa.select(t.contests.c.id, t.contests.c.status)
        .join(t.mat_queue, t.mat_queue.c.contest_id == t.contests.c.id)
        .where(t.contests.c.tournament_id == tournament_id, t.contests.c.status.in_(OPEN)))}
    running = frozenset(c for c, status in queued.items() if status == "running")
    found: dict[int, datetime] = {}
    stored = tournament_settings.get(conn, tournament_id, tournament_settings.SCHEDULE)
    if stored and stored.get("plan") is not None:
        found = by_plan(conn, tournament_id, planning.plan_from_json(stored["plan"]), now)
    if queued.keys() - found.keys():
        found = by_queue(conn, tournament_id, now) | found
    return found, running


def by_plan(conn: Connection, tournament_id: int, plan: Plan,
            now: datetime) -> dict[int, datetime]:
    """The stored plan followed from `now`; empty if it cannot be (the mats or categories
    changed under it so that it no longer fits: the queue estimate stands)."""
    try:
        problem, ids, _ = planning.problem_of(conn, tournament_id)
        problem = _planned_only(problem, plan)
        followed = follow(problem, plan, now, ended=planning.ended(conn, ids),
                          underway=_underway(conn, ids))
    except (Conflict, Invalid, ScheduleError):
        return {}
    contests = {(r.category_id, r.number): r.id for r in conn.execute(
        sa.select(t.contests.c.id, t.contests.c.category_id, t.contests.c.number)
        .where(t.contests.c.category_id.in_(list(ids.values())),
               t.contests.c.status.in_(OPEN)))}
    out = {}
    for slot in followed.slots():
        contest_id = contests.get((ids.get(slot.category, 0), slot.contest))
        if contest_id is not None and slot.status is not SlotStatus.DONE:
            out[contest_id] = slot.start
    return out


def _planned_only(problem: Problem, plan: Plan) -> Problem:
    """The problem without the categories drawn after the plan was made: following a plan
    does not place them (the queue estimate does)."""
    keep = {c.key for c in problem.categories if plan.of_category(c.key)}
    return dataclasses.replace(
        problem, categories=tuple(c for c in problem.categories if c.key in keep),
        before=tuple(b for b in problem.before if b.first in keep and b.then in keep),
        fixed=tuple(f for f in problem.fixed if f.category in keep))


def _underway(conn: Connection, ids: dict[str, int]) -> dict[tuple[str, int], datetime]:
    names = {v: k for k, v in ids.items()}
    if not names:
        return {}
    return {(names[r.category_id], r.number): r.started_at for r in conn.execute(
        sa.select(t.contests.c.category_id, t.contests.c.number, t.contests.c.started_at)
        .where(t.contests.c.category_id.in_(list(names)), t.contests.c.status == "running",
               t.contests.c.started_at.is_not(None)))}


def expected(category: dict[str, Any] | None) -> timedelta:
    """How long a contest of `category` takes on the mat, stops and changeover included."""
    seconds = 240.0 if category is None else ruleset_for(category).contest_time
    return timedelta(seconds=seconds * STOPS) + CHANGEOVER


def by_queue(conn: Connection, tournament_id: int, now: datetime) -> dict[int, datetime]:
    """Each mat's queue walked from `now` with the expected lengths."""
    lengths: dict[int | None, timedelta] = {None: expected(None)}
    for category in conn.execute(sa.select(t.categories).where(
            t.categories.c.tournament_id == tournament_id)).mappings():
        lengths[category["id"]] = expected(dict(category))
    out: dict[int, datetime] = {}
    for mat_id in conn.execute(sa.select(t.mats.c.id)
                               .where(t.mats.c.tournament_id == tournament_id)).scalars():
        at = now
        for contest in queue(conn, mat_id):
            length = lengths.get(contest["category_id"], lengths[None])
            began = contest["started_at"]
            if contest["status"] == "running":
                out[contest["id"]] = began or at
                left = length - (now - began) if began is not None else length
                at += max(left, CHANGEOVER)
            else:
                out[contest["id"]] = at
                at += length
    return out
