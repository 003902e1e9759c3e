"""The day's schedule: the organiser's fixed mats and time blocks, a plan from the scheduler
(`ippon.tournament.schedule`), live re-planning, manual moves with the constraints they break,
and the mats' queues kept in the plan's order.

The plan and the organiser's choices are one JSON document per tournament in
`tournament_settings`; every plan, re-plan, move and choice is audited. The mats' queues follow
the plan, so the table officials call contests in its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import settings as tournament_settings
from ippon.services import setup
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import bracket
from ippon.services.errors import Conflict, Invalid
from ippon.services.scheduling import enqueue
from ippon.services.snapshots import athletes
from ippon.store import schema as t
from ippon.tournament.schedule import (
    Before,
    Bound,
    CategoryToPlan,
    FinalBlock,
    Fix,
    Plan,
    Problem,
    ScheduleError,
    Slot,
    SlotStatus,
    Violation,
    check,
    lower_bound,
    move_category,
    move_contest,
    replan,
    schedule,
)


def _document(conn: Connection, tournament_id: int) -> dict[str, Any]:
    stored = tournament_settings.get(conn, tournament_id, tournament_settings.SCHEDULE)
    return stored if stored else {"fixed": {}, "plan": None, "final_block": False}


def _save(tx: Tx, tournament_id: int, document: dict[str, Any]) -> None:
    tournament_settings.put(tx, tournament_id, tournament_settings.SCHEDULE, document)


def _clock(text: str, day: datetime) -> datetime:
    try:
        hours, minutes = (int(x) for x in text.split(":"))
        return day.replace(hour=hours, minute=minutes)
    except ValueError:
        raise Invalid(f"{text!r} is not a time of day such as 09:30") from None


def start_of(settings: setup.Settings) -> datetime:
    """The first contest of the first day, on the hall's clock."""
    hours, minutes = (int(x) for x in settings.first_contest.split(":"))
    return datetime.combine(settings.starts_on, time(hours, minutes),
                            ZoneInfo(settings.timezone))


@dataclass(frozen=True)
class Day:
    """Everything the schedule page shows: the problem built from the database, the stored plan
    (None before the first), what the plan breaks, and the best a plan could do."""

    problem: Problem
    plan: Plan | None
    violations: list[Violation]
    bound: Bound | None
    fixed: dict[str, dict[str, Any]]
    final_block: bool
    categories: dict[str, int]  # category name → id
    mats: dict[int, int]  # mat number → mat id


def problem_of(conn: Connection, tournament_id: int) -> tuple[Problem, dict[str, int],
                                                               dict[int, int]]:
    settings = setup.load(conn, tournament_id)
    document = _document(conn, tournament_id)
    mats = dict(conn.execute(sa.select(t.mats.c.number, t.mats.c.id)
                             .where(t.mats.c.tournament_id == tournament_id)).all())
    if not mats:
        raise Conflict("the tournament has no mats yet; set their number on the setup page")
    drawn = conn.execute(sa.select(t.categories.c.id, t.categories.c.name)
                         .where(t.categories.c.tournament_id == tournament_id,
                                sa.exists().where(t.draws.c.category_id == t.categories.c.id))
                         .order_by(t.categories.c.id)).all()
    duration = timedelta(minutes=settings.contest_minutes)
    plans, ids = [], {}
    for category_id, name in drawn:
        found = bracket(conn, category_id)
        if found is not None:
            plans.append(CategoryToPlan(name, found, duration))
            ids[name] = category_id
    start = start_of(settings)
    fixes, order = [], []
    for name, fix in document["fixed"].items():
        if name in ids:
            not_before = _clock(fix["not_before"], start) if fix.get("not_before") else None
            if fix.get("mat") is not None or not_before is not None:
                fixes.append(Fix(name, fix.get("mat"), not_before))
            if fix.get("after") in ids:
                order.append(Before(fix["after"], name))
    names = {str(k): v["name"] for k, v in athletes(
        conn, {int(a) for p in plans for a in p.bracket.lines if a is not None}).items()}
    try:
        problem = Problem(tuple(plans), max(mats), start,
                          rest=timedelta(minutes=settings.rest_minutes), fixed=tuple(fixes),
                          before=tuple(order),
                          final_block=FinalBlock() if document.get("final_block") else None,
                          names=names)
    except ScheduleError as error:
        raise Invalid(str(error)) from None
    return problem, ids, mats


def day(conn: Connection, tournament_id: int) -> Day:
    problem, ids, mats = problem_of(conn, tournament_id)
    document = _document(conn, tournament_id)
    plan = None if document["plan"] is None else plan_from_json(document["plan"])
    violations = [] if plan is None else check(problem, plan)
    bound = lower_bound(problem) if problem.categories else None
    return Day(problem, plan, violations, bound, document["fixed"],
               bool(document.get("final_block")), ids, mats)


def set_fixed(svc: Services, actor: Actor, tournament_id: int,
              fixed: dict[str, dict[str, Any]], *, final_block: bool) -> None:
    """The organiser's fixed mat, time block and preceding category ("starts after every
    contest of") per category (empty values: the planner chooses), and whether finals wait for
    a final block."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        document = _document(tx.conn, tournament_id)
        problem, ids, _ = problem_of(tx.conn, tournament_id)
        clean: dict[str, dict[str, Any]] = {}
        for name, fix in fixed.items():
            if name not in ids:
                raise Invalid(f"{name} is not a drawn category of this tournament")
            mat, block = fix.get("mat"), (fix.get("not_before") or "").strip()
            after = fix.get("after") or None
            if mat is not None and not 1 <= int(mat) <= problem.mats:
                raise Invalid(f"{name}: there are mats 1 to {problem.mats}")
            if block:
                _clock(block, problem.start)
            if after is not None and (after not in ids or after == name):
                raise Invalid(f"{name} cannot follow {after!r}: choose another drawn category")
            if mat is not None or block or after:
                clean[name] = {"mat": None if mat is None else int(mat), "not_before": block,
                               "after": after}
        before = {"fixed": document["fixed"], "final_block": document.get("final_block")}
        document.update(fixed=clean, final_block=final_block)
        _save(tx, tournament_id, document)
        tx.audit("schedule.constraints", "tournament", tournament_id, before=before,
                 after={"fixed": clean, "final_block": final_block},
                 tournament_id=tournament_id)


def plan_day(svc: Services, actor: Actor, tournament_id: int, *,
             now: datetime | None = None) -> Plan:
    """Plan the day (or, with `now` and a plan already made, re-plan what is left of it) and
    put every mat's queue in the plan's order."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        problem, ids, mats = problem_of(tx.conn, tournament_id)
        if not problem.categories:
            raise Conflict("no category is drawn yet: draw the categories first")
        document = _document(tx.conn, tournament_id)
        previous = None if document["plan"] is None else plan_from_json(document["plan"])
        try:
            if now is not None and previous is not None:
                plan = replan(problem, previous, now, underway=_underway(tx.conn, ids, previous))
            else:
                plan = schedule(problem)
        except ScheduleError as error:
            raise Invalid(str(error)) from None
        _store(tx, tournament_id, document, plan, ids, mats,
               "schedule.replan" if now is not None and previous is not None
               else "schedule.plan", previous)
        return plan


def _underway(conn: Connection, ids: dict[str, int], plan: Plan) -> dict[tuple[str, int],
                                                                             datetime]:
    names = {v: k for k, v in ids.items()}
    running = conn.execute(sa.select(t.contests.c.category_id, t.contests.c.number,
                                     t.contests.c.started_at)
                           .where(t.contests.c.category_id.in_(list(names)),
                                  t.contests.c.status == "running")).all()
    return {(names[c], n): at for c, n, at in running
            if at is not None and plan.get((names[c], n)) is not None}


def move(svc: Services, actor: Actor, tournament_id: int, *, category: str, mat: int,
         number: int | None = None, position: int | None = None,
         at: str = "") -> list[Violation]:
    """Move a category (to a mat, optionally from a time) or one contest (to a place in a
    mat's order) by hand. The move is kept; the constraints it breaks are returned (and shown
    on the page until a re-plan repairs them)."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        problem, ids, mats = problem_of(tx.conn, tournament_id)
        document = _document(tx.conn, tournament_id)
        if document["plan"] is None:
            raise Conflict("plan the day first; then move categories and contests by hand")
        previous = plan_from_json(document["plan"])
        try:
            if number is None:
                when = _clock(at, problem.start) if at.strip() else None
                plan = move_category(previous, category, mat, when)
            else:
                plan = move_contest(previous, (category, number), mat, position or 0)
        except ScheduleError as error:
            raise Invalid(str(error)) from None
        _store(tx, tournament_id, document, plan, ids, mats, "schedule.move", previous,
               detail={"category": category, "contest": number, "mat": mat,
                       "position": position, "at": at})
        return check(problem, plan)


def _store(tx: Tx, tournament_id: int, document: dict[str, Any], plan: Plan,
           ids: dict[str, int], mats: dict[int, int], action: str, previous: Plan | None,
           detail: dict[str, Any] | None = None) -> None:
    document["plan"] = plan_to_json(plan)
    _save(tx, tournament_id, document)
    _queues(tx, plan, ids, mats)
    tx.audit(action, "tournament", tournament_id,
             before=None if previous is None else {"finish": previous.finish},
             after={"finish": plan.finish, **(detail or {})}, tournament_id=tournament_id)
    tx.touch(f"tournament:{tournament_id}", *(f"mat:{m}" for m in mats.values()))


def _queues(tx: Tx, plan: Plan, ids: dict[str, int], mats: dict[int, int]) -> None:
    """Each mat's queue in the plan's order for the contests still to fight; each category's
    mat is the mat of its first planned contest."""
    contests = {(c.category_id, c.number): (c.id, c.status) for c in tx.conn.execute(
        sa.select(t.contests.c.id, t.contests.c.category_id, t.contests.c.number,
                  t.contests.c.status).where(t.contests.c.category_id.in_(list(ids.values()))))}
    for name, category_id in ids.items():
        mat = plan.mat_of(name)
        if mat is not None:
            tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                            .values(mat_id=mats[mat]))
    for number, slots in enumerate(plan.mats, start=1):
        order = [contests[(ids[s.category], s.contest)][0] for s in slots
                 if s.status is SlotStatus.PLANNED and (ids[s.category], s.contest) in contests
                 and contests[(ids[s.category], s.contest)][1] in ("waiting", "ready")]
        if order:
            tx.conn.execute(t.mat_queue.delete().where(t.mat_queue.c.contest_id.in_(order)))
            enqueue(tx, mats[number], order)


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {"start": plan.start.isoformat(), "mats": [[
        [s.category, s.contest, s.round, s.start.isoformat(), s.end.isoformat(), s.white,
         s.blue, s.status.value] for s in slots] for slots in plan.mats]}


def plan_from_json(data: dict[str, Any]) -> Plan:
    return Plan(datetime.fromisoformat(data["start"]), tuple(tuple(
        Slot(c, n, r, mat, datetime.fromisoformat(a), datetime.fromisoformat(b), w, bl,
             SlotStatus(st)) for c, n, r, a, b, w, bl, st in slots)
        for mat, slots in enumerate(data["mats"], start=1)))


def etas(conn: Connection, tournament_id: int, text: str = "", *,
         limit: int = 50) -> list[dict[str, Any]]:
    """Each athlete's next known contest in the stored plan: mat and estimated time."""
    document = _document(conn, tournament_id)
    if document["plan"] is None:
        return []
    plan = plan_from_json(document["plan"])
    people = athletes(conn, {int(a) for a in plan.etas})
    words = text.lower().split()
    found = []
    for athlete, slot in sorted(plan.etas.items(), key=lambda kv: kv[1].start):
        who = people.get(int(athlete))
        if who is None:
            continue
        haystack = f"{who['name']} {who['club'] or ''} {who['country'] or ''}".lower()
        if all(w in haystack for w in words):
            found.append({**who, "category": slot.category, "contest": slot.contest,
                          "round": slot.round, "mat": slot.mat, "start": slot.start})
            if len(found) >= limit:
                break
    return found
