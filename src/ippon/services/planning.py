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
from ippon.services.snapshots import athletes, summaries
from ippon.store import schema as t
from ippon.tournament.schedule import (
    Before,
    Bound,
    Break,
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
from ippon.tournament.schedule import Day as Hours


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


SPLIT_MOST = 4  # a category's early rounds go over at most 4 mats (one per pool)
DAY_ENDS = "18:00"  # a day's end when the organiser has not set it (every day but the last)


def days_of(settings: setup.Settings, document: dict[str, Any]
            ) -> tuple[list[dict[str, str]], tuple[Hours, ...], tuple[Break, ...]]:
    """The days as the page shows them (one per tournament date: start, end, finals as
    "HH:MM" or ""), and as the scheduler takes them with the breaks. A one-day event whose
    organiser set nothing has no days: it runs from the first contest until done."""
    count = max((settings.ends_on - settings.starts_on).days + 1, 1)
    stored = list(document.get("days") or [])
    shown: list[dict[str, str]] = []
    days: list[Hours] = []
    for i in range(count):
        found = stored[i] if i < len(stored) else {}
        last = i == count - 1
        start = found.get("start") or settings.first_contest
        end = found.get("end") or ("" if last else DAY_ENDS)
        finals = found.get("finals") or ""
        shown.append({"date": (settings.starts_on + timedelta(days=i)).isoformat(),
                      "start": start, "end": end, "finals": finals})
        morning = start_of(settings) + timedelta(days=i)
        days.append(Hours(_clock(start, morning), _clock(end, morning) if end else None,
                          _clock(finals, morning) if finals else None))
    breaks = []
    for pause in document.get("breaks") or []:
        number = int(pause.get("day", 1))
        if not 1 <= number <= count:
            continue  # the event became shorter: that day's breaks no longer apply
        morning = days[number - 1].start
        breaks.append(Break(_clock(pause["start"], morning), _clock(pause["end"], morning),
                            tuple(int(m) for m in pause.get("mats") or ()),
                            pause.get("label") or "break"))
    if count == 1 and not stored and not breaks:
        return shown, (), ()
    return shown, tuple(days), tuple(breaks)


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
    days: list[dict[str, str]]  # per date: start, end, finals ("HH:MM" or "")
    breaks: list[dict[str, Any]]  # day, start, end, mats, label

    def bands(self, mat: int) -> list[tuple[datetime, datetime, str]]:
        """The times mat `mat` is closed (breaks, nights), to show on the plan."""
        return self.problem.closed(mat)


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
    _, days, breaks = days_of(settings, document)
    start = days[0].start if days else start_of(settings)
    fixes, order = [], []
    for name, fix in document["fixed"].items():
        if name in ids:
            on = fix.get("day") if days else None
            morning = days[on - 1].start if on and on <= len(days) else start
            not_before = _clock(fix["not_before"], morning) if fix.get("not_before") else None
            if on is not None and on > len(days):
                on = None  # the event became shorter
            split = fix.get("mats")
            if split is not None:
                split = min(int(split), max(mats))  # the event lost mats since
            if (fix.get("mat") is not None or not_before is not None or on is not None
                    or split is not None):
                fixes.append(Fix(name, fix.get("mat"), not_before, on, split))
            if fix.get("after") in ids:
                order.append(Before(fix["after"], name))
    names = {str(k): v["name"] for k, v in athletes(
        conn, {int(a) for p in plans for a in p.bracket.lines if a is not None}).items()}
    try:
        problem = Problem(tuple(plans), max(mats), start,
                          rest=timedelta(minutes=settings.rest_minutes), fixed=tuple(fixes),
                          before=tuple(order),
                          final_block=FinalBlock() if document.get("final_block") else None,
                          names=names, days=days, breaks=breaks)
    except ScheduleError as error:
        raise Invalid(str(error)) from None
    return problem, ids, mats


def day(conn: Connection, tournament_id: int) -> Day:
    problem, ids, mats = problem_of(conn, tournament_id)
    document = _document(conn, tournament_id)
    plan = None if document["plan"] is None else plan_from_json(document["plan"])
    violations = [] if plan is None else check(problem, plan)
    bound = lower_bound(problem) if problem.categories else None
    shown, _, _ = days_of(setup.load(conn, tournament_id), document)
    return Day(problem, plan, violations, bound, document["fixed"],
               bool(document.get("final_block")), ids, mats, shown,
               list(document.get("breaks") or []))


def set_fixed(svc: Services, actor: Actor, tournament_id: int,
              fixed: dict[str, dict[str, Any]], *, final_block: bool) -> None:
    """The organiser's fixed mat, day, time block, preceding category ("starts after every
    contest of") and split (`mats`: how many mats its early rounds are spread over, 1 to
    `SPLIT_MOST`; 1: never split) per category (empty values: the planner chooses), and
    whether finals wait for a final block."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        document = _document(tx.conn, tournament_id)
        problem, ids, _ = problem_of(tx.conn, tournament_id)
        settings = setup.load(tx.conn, tournament_id)
        count = (settings.ends_on - settings.starts_on).days + 1
        clean: dict[str, dict[str, Any]] = {}
        for name, fix in fixed.items():
            if name not in ids:
                raise Invalid(f"{name} is not a drawn category of this tournament")
            mat, block = fix.get("mat"), (fix.get("not_before") or "").strip()
            after = fix.get("after") or None
            on, split = fix.get("day"), fix.get("mats")
            if split is not None and not 1 <= int(split) <= min(SPLIT_MOST, problem.mats):
                raise Invalid(f"{name}: split over 1 to {min(SPLIT_MOST, problem.mats)} mats")
            if on is not None and not 1 <= int(on) <= count:
                raise Invalid(f"{name}: the tournament has days 1 to {count}")
            if mat is not None and not 1 <= int(mat) <= problem.mats:
                raise Invalid(f"{name}: there are mats 1 to {problem.mats}")
            if block:
                _clock(block, problem.start)
            if after is not None and (after not in ids or after == name):
                raise Invalid(f"{name} cannot follow {after!r}: choose another drawn category")
            if mat is not None or block or after or on is not None or split is not None:
                clean[name] = {"mat": None if mat is None else int(mat), "not_before": block,
                               "after": after, "day": None if on is None else int(on),
                               "mats": None if split is None else int(split)}
        before = {"fixed": document["fixed"], "final_block": document.get("final_block")}
        document.update(fixed=clean, final_block=final_block)
        _save(tx, tournament_id, document)
        tx.audit("schedule.constraints", "tournament", tournament_id, before=before,
                 after={"fixed": clean, "final_block": final_block},
                 tournament_id=tournament_id)


def set_days(svc: Services, actor: Actor, tournament_id: int, days: list[dict[str, str]],
             breaks: list[dict[str, Any]]) -> None:
    """Each day's start, end and final block ("HH:MM"; an empty end: 18:00, or open on the
    last day) and the breaks (day, start, end, mats — empty: every mat —, label). Refused
    with the reason if a time is not a time or the days and breaks do not fit together."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        document = _document(tx.conn, tournament_id)
        settings = setup.load(tx.conn, tournament_id)
        count = (settings.ends_on - settings.starts_on).days + 1
        if len(days) != count:
            raise Invalid(f"the tournament has {count} day(s); set each of them")
        clean_days = []
        for number, given in enumerate(days, start=1):
            clean = {k: (given.get(k) or "").strip() for k in ("start", "end", "finals")}
            for text in clean.values():
                if text:
                    _clock(text, start_of(settings))
            if not clean["start"]:
                raise Invalid(f"day {number} needs a start time")
            clean_days.append(clean)
        clean_breaks: list[dict[str, Any]] = []
        for given in breaks:
            label = (given.get("label") or "").strip() or "break"
            on = int(given.get("day") or 1)
            begin, end = (given.get("start") or "").strip(), (given.get("end") or "").strip()
            if not begin or not end:
                raise Invalid(f"the {label} needs a start and an end time")
            if not 1 <= on <= count:
                raise Invalid(f"the {label} is on day {on}, but the tournament has days 1 to "
                              f"{count}")
            clean_breaks.append({"day": on, "start": begin, "end": end, "label": label,
                                 "mats": sorted({int(m) for m in given.get("mats") or ()})})
        trial = {**document, "days": clean_days, "breaks": clean_breaks}
        _, hours, pauses = days_of(settings, trial)
        for stored, pause in zip(clean_breaks, pauses, strict=True):
            day = hours[stored["day"] - 1] if hours else None
            if day is not None and (pause.start < day.start
                                    or (day.end is not None and pause.end > day.end)):
                raise Invalid(f"the {pause.label} ({pause.start:%H:%M}–{pause.end:%H:%M}) "
                              f"lies outside day {stored['day']}")
        try:
            problem, _, _ = problem_of(tx.conn, tournament_id)
            Problem((), problem.mats, problem.start, days=hours, breaks=pauses)
        except ScheduleError as error:
            raise Invalid(str(error)) from None
        before = {"days": document.get("days"), "breaks": document.get("breaks")}
        document.update(days=clean_days, breaks=clean_breaks)
        _save(tx, tournament_id, document)
        tx.audit("schedule.days", "tournament", tournament_id, before=before,
                 after={"days": clean_days, "breaks": clean_breaks},
                 tournament_id=tournament_id)


def plan_day(svc: Services, actor: Actor, tournament_id: int, *,
             now: datetime | None = None, rebalance: bool = False) -> Plan:
    """Plan the day (or, with `now` and a plan already made, re-plan what is left of it from
    the real end of every contest fought and of those on the mats) and put every mat's queue
    in the plan's order. With `rebalance`, a re-plan may move categories that have not
    started to another mat (towards the mats that run early)."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        problem, ids, mats = problem_of(tx.conn, tournament_id)
        if not problem.categories:
            raise Conflict("no category is drawn yet: draw the categories first")
        document = _document(tx.conn, tournament_id)
        previous = None if document["plan"] is None else plan_from_json(document["plan"])
        try:
            if now is not None and previous is not None:
                plan = replan(problem, previous, now, ended=ended(tx.conn, ids),
                              underway=_underway(tx.conn, ids, previous),
                              keep_mats=not rebalance)
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


def ended(conn: Connection, ids: dict[str, int]) -> dict[tuple[str, int], datetime]:
    """When each finished contest really ended: its last logged event (`started_at` plus the
    event's contest seconds), or the official's closing it after the bell (`contest.finish`
    in the audit log), whichever is later. The contests table keeps no end time itself.
    Contests without a start (settled on paper) are left out: the re-plan takes their
    planned end."""
    names = {v: k for k, v in ids.items()}
    if not names:
        return {}
    last = (sa.select(t.contest_events.c.contest_id,
                      sa.func.max(t.contest_events.c.at).label("at"))
            .group_by(t.contest_events.c.contest_id).subquery())
    rows = conn.execute(
        sa.select(t.contests.c.id, t.contests.c.category_id, t.contests.c.number,
                  t.contests.c.started_at, last.c.at)
        .join(last, last.c.contest_id == t.contests.c.id)
        .where(t.contests.c.category_id.in_(list(names)),
               t.contests.c.status == "finished", t.contests.c.started_at.is_not(None))).all()
    closed = dict(conn.execute(
        sa.select(t.audit_log.c.entity_id, sa.func.max(t.audit_log.c.recorded_at))
        .where(t.audit_log.c.action == "contest.finish", t.audit_log.c.entity == "contest",
               t.audit_log.c.entity_id.in_([str(r.id) for r in rows]))
        .group_by(t.audit_log.c.entity_id)).all()) if rows else {}
    out = {}
    for contest_id, category_id, number, started, at in rows:
        end = started + timedelta(seconds=float(at or 0.0))
        bell = closed.get(str(contest_id))
        out[(names[category_id], number)] = max(end, bell) if bell is not None else end
    return out


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
                first = previous.of_category(category)
                when = (_clock(at, first[0].start if first else problem.start)
                        if at.strip() else None)
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
         now: datetime | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Each athlete's next known contest (one row per entry; the one on the mat first, then the
    earliest), with its mat and expected start as the public pages give them
    (`ippon.services.etas.starts`: the stored plan followed from `now`, or the mats' queues).
    Without `now`, from the day's first contest. Times are on the hall's clock."""
    # etas reads this module's stored plan, so it is imported here, not at the top.
    from ippon.services import etas as expected

    settings = setup.load(conn, tournament_id)
    document = _document(conn, tournament_id)
    if now is None:
        now = (plan_from_json(document["plan"]).start if document["plan"] is not None
               else start_of(settings))
    starts = expected.starts(conn, tournament_id, now)
    if not starts:
        return []
    contests = [dict(c) for c in conn.execute(sa.select(t.contests).where(
        t.contests.c.id.in_(list(starts)))).mappings()]
    on_mat = dict(conn.execute(
        sa.select(t.mat_queue.c.contest_id, t.mats.c.number)
        .join(t.mats, t.mats.c.id == t.mat_queue.c.mat_id)
        .where(t.mat_queue.c.contest_id.in_(list(starts)))).all())
    next_of: dict[int, tuple[bool, datetime, dict[str, Any]]] = {}
    for contest in contests:
        key = (contest["status"] != "running", starts[contest["id"]], contest)
        for side in ("white_entry_id", "blue_entry_id"):
            entry = contest[side]
            if entry is not None and (entry not in next_of or key[:2] < next_of[entry][:2]):
                next_of[entry] = key
    people = athletes(conn, set(next_of))
    chosen = [c for _, _, c in next_of.values()]
    rounds = {c["id"]: s["round"] for c, s in zip(chosen, summaries(conn, chosen), strict=True)}
    names = dict(conn.execute(sa.select(t.categories.c.id, t.categories.c.name).where(
        t.categories.c.tournament_id == tournament_id)).all())
    hall = ZoneInfo(settings.timezone)
    words = text.lower().split()
    found = []
    for entry, (_, start, contest) in sorted(next_of.items(), key=lambda kv: kv[1][:2]):
        who = people.get(entry)
        if who is None:
            continue
        haystack = f"{who['name']} {who['club'] or ''} {who['country'] or ''}".lower()
        if all(w in haystack for w in words):
            found.append({**who, "category": names.get(contest["category_id"]),
                          "contest": contest["number"], "round": rounds.get(contest["id"]),
                          "mat": on_mat.get(contest["id"]), "start": start.astimezone(hall)})
            if len(found) >= limit:
                break
    return found
