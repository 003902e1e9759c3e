"""Following a plan during the day: its order per mat, re-timed from now (the public ETAs).

`replan` makes a new plan; `follow` keeps the one announced and says when its contests will
really start. Each mat calls the plan's contests in the plan's order, from the real end of
what it fought; a contest that cannot be fought yet (feeds not ended, athletes resting, a
break or the night coming) lets the next one in the order go first, as the table officials
do with the mat's queue. Breaks, days and rest times are those of the problem. No category
moves to another mat or day (a split category keeps its mats), and nothing starts before
`now`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime

from ippon.tournament.schedule.calendar import Calendar
from ippon.tournament.schedule.engine import Priority, Underway, simulate
from ippon.tournament.schedule.graph import build
from ippon.tournament.schedule.model import ContestKey, Plan, Problem
from ippon.tournament.schedule.planner import frame_of, to_plan


def follow(problem: Problem, plan: Plan, now: datetime, *,
           ended: Mapping[ContestKey, datetime] | None = None,
           underway: Mapping[ContestKey, datetime] | None = None) -> Plan:
    """`plan` re-timed at `now`. `problem` has the results in its brackets; `ended` gives
    the real ends of decided contests (missing: the planned end, or `now` if that is still
    to come), `underway` the contests on a mat with when they started (they end at their
    expected length, not before `now`). Contests the plan does not have come last on their
    category's mat."""
    start = problem.start

    def seconds(at: datetime) -> float:
        return (at - start).total_seconds()

    at = seconds(now)
    planned = {s.key: s for s in plan.slots()}
    ends = {key: min(seconds(slot.end), at) for key, slot in planned.items()}
    ends.update({key: seconds(when) for key, when in (ended or {}).items()})
    graph = build(problem, ends)

    def mat_of(category: str, fixed: int | None) -> int:
        mat = plan.mat_of(category)
        if mat is not None and 1 <= mat <= problem.mats:
            return mat - 1
        return fixed or 0

    mats = [mat_of(c.key, c.mat) for c in graph.categories]
    # A split category's early contests go to whichever of the mats the plan gave them is
    # free first (`helpers`: its mats besides its own).
    helpers: list[list[int]] = [[] for _ in graph.categories]
    for planned_slot in plan.slots():
        index = graph.by_key.get(planned_slot.key)
        if index is None or not 1 <= planned_slot.mat <= problem.mats:
            continue
        task = graph.tasks[index]
        mat = planned_slot.mat - 1
        if task.early and not task.done and mat != mats[task.cat] \
                and mat not in helpers[task.cat]:
            helpers[task.cat].append(mat)
    on_mat: dict[int, Underway] = {}
    for key, began in (underway or {}).items():
        index = graph.by_key.get(key)
        if index is None or graph.tasks[index].done:
            continue
        task = graph.tasks[index]
        slot = planned.get(key)
        mat = slot.mat - 1 if slot is not None and slot.mat <= problem.mats else mats[task.cat]
        on_mat[index] = Underway(mat, seconds(began), max(seconds(began) + task.duration, at))
    # A mat starts from the real end of what it fought: late if that ran long (an end
    # reported after `now` holds the mat until then), never before `now`.
    busy = [at] * problem.mats
    for task in graph.tasks:
        slot = planned.get(graph.key(task))
        if task.done and slot is not None and 1 <= slot.mat <= problem.mats:
            busy[slot.mat - 1] = max(busy[slot.mat - 1], task.end)
    calendar = Calendar(problem)
    # Each category stays on the day the plan gave it (its first contest's day).
    days = []
    for c in graph.categories:
        first = plan.of_category(c.key)
        days.append(c.day if c.day is not None else
                    calendar.day_at(seconds(first[0].start)) if first else calendar.day_at(at))
    priority: list[Priority] = [
        (seconds(planned[graph.key(t)].start) if graph.key(t) in planned else math.inf,
         t.cat, t.number) for t in graph.tasks]
    timing = simulate(graph, mats, priority, earliest=at, mat_free=busy, underway=on_mat,
                      frame=frame_of(graph, calendar, days), helpers=helpers)
    return to_plan(graph, timing, plan, frozenset(on_mat))
