"""The planners: the measured heuristic (`schedule`, `replan`) and the naive plan to compare with.

The heuristic:

1. **Categories to mats** by load (longest processing time first: the heaviest category goes
   to the mat with the least work so far). A category stays on one mat all day, so its
   athletes, coaches and officials know where to be. Fixed assignments are kept.
2. **Per-mat programme**: each mat fights its categories in entry order, except that a category
   whose athletes also fight in a later category goes first (they must be done before the
   other can call them). Each category gets a due time, the mat's cumulative load up to it. A
   contest's priority is its latest start: due time minus the longest chain of contests and
   rest times still to come after it. So a mat works through its categories in order and fills
   the rest gaps of one category with contests of the next, long chains first, instead of
   waiting.
3. **List scheduling** of all mats together (`engine.simulate`).
4. A small **local search** moves a category from the mat that finishes last to the one that
   finishes first, while the day ends earlier (a fixed number of tries: no clock is read).

The due times keep each category's contests together (athletes do not wait all day), at the
price of a few minutes at the end of the day on few mats; see benchmarks/README.md.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from ippon.tournament.schedule.engine import Priority, Timing, Underway, simulate
from ippon.tournament.schedule.graph import Graph, build
from ippon.tournament.schedule.model import ContestKey, Plan, Problem, Slot, SlotStatus

SIMULATIONS = 16  # local-search budget: about 1 s on the benchmark's 1,500 athletes
TRIES_PER_STEP = 4
FINISH_WINDOW = 90 * 60.0  # seconds; measured on the benchmark's instances (README)


def schedule(problem: Problem) -> Plan:
    """Plan the day from `problem.start`. Contests already decided in the brackets count as
    done at the start; use `replan` during the day."""
    graph = build(problem)
    return _Planner(graph, None, 0.0, {}, keep_mats=False).plan()


def replan(problem: Problem, previous: Plan, now: datetime, *,
           ended: Mapping[ContestKey, datetime] | None = None,
           underway: Mapping[ContestKey, datetime] | None = None,
           keep_mats: bool = True) -> Plan:
    """Plan the rest of the day at `now`, with the results already in `problem`'s brackets.

    `ended`: when decided contests ended (missing ones: their planned end, or `now` if that is
    still to come). `underway`: contests on the mat now, with when they started; they stay on
    their mat. Categories keep their mat from `previous` (with `keep_mats=False`, categories
    that have not started yet may move to balance the mats); a category already started
    always stays."""
    start = problem.start
    at = (now - start).total_seconds()
    planned = {s.key: s for s in previous.slots()}
    ends: dict[ContestKey, float] = {}
    for key, slot in planned.items():
        ends[key] = min((slot.end - start).total_seconds(), at)
    for key, when in (ended or {}).items():
        ends[key] = (when - start).total_seconds()
    graph = build(problem, ends)
    on_mat: dict[int, Underway] = {}
    for key, began in (underway or {}).items():
        task = graph.tasks[graph.by_key[key]] if key in graph.by_key else None
        if task is None or task.done:
            continue
        mat = planned[key].mat - 1 if key in planned else _mat_of_category(previous, key[0])
        begin = (began - start).total_seconds()
        on_mat[task.index] = Underway(mat, begin, max(begin + task.duration, at))
    return _Planner(graph, previous, at, on_mat, keep_mats=keep_mats).plan()


def naive_plan(problem: Problem) -> Plan:
    """What an organiser without a scheduler does: categories dealt to the mats in entry order
    (fixed mats kept), each mat fighting its categories one after the other and each category's
    contests in bracket order, waiting whenever the next contest's athletes are not rested."""
    graph = build(problem)
    mat_of = [c.mat if c.mat is not None else c.index % problem.mats
              for c in graph.categories]
    orders: list[list[int]] = [[] for _ in range(problem.mats)]
    block = problem.final_block
    show = [m - 1 for m in block.mats] if block is not None else []
    finals: list[int] = []
    for index in _programme(graph):
        c = graph.categories[index]
        todo = [t for t in c.tasks if not graph.tasks[t].done]
        orders[mat_of[index]].extend(t for t in todo if not (show and graph.tasks[t].final))
        finals.extend(t for t in todo if show and graph.tasks[t].final)
    for k, t in enumerate(finals):  # the final block's show mats, dealt in turn
        orders[show[k % len(show)]].append(t)
    for order in orders:  # the final block closes every mat's day
        order.sort(key=lambda t: graph.tasks[t].final)
    priority: list[Priority] = [(0.0, t.cat, t.number) for t in graph.tasks]
    timing = simulate(graph, mat_of, priority, orders=orders)
    return to_plan(graph, timing, None)


def _programme(graph: Graph) -> list[int]:
    """Categories in entry order, except that a category comes after those an order rule puts
    before it (a strict order would otherwise wait for ever)."""
    index = {c.key: c.index for c in graph.categories}
    after: list[list[int]] = [[] for _ in graph.categories]
    waiting = [0] * len(graph.categories)
    for rule in graph.problem.before:
        after[index[rule.first]].append(index[rule.then])
        waiting[index[rule.then]] += 1
    ready = [c.index for c in graph.categories if waiting[c.index] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        c = heapq.heappop(ready)
        order.append(c)
        for n in after[c]:
            waiting[n] -= 1
            if waiting[n] == 0:
                heapq.heappush(ready, n)
    # Categories in a cycle are left out here; the simulation then reports them.
    return order


def _mat_of_category(plan: Plan, category: str) -> int:
    mat = plan.mat_of(category)
    return 0 if mat is None else mat - 1


class _Planner:
    def __init__(self, graph: Graph, previous: Plan | None, now: float,
                 underway: Mapping[int, Underway], *, keep_mats: bool) -> None:
        self.graph, self.previous, self.now, self.underway = graph, previous, now, underway
        self.mats = graph.problem.mats
        self.free = [now] * self.mats
        for slot in underway.values():
            self.free[slot.mat] = max(self.free[slot.mat], slot.end)
        self.pinned: dict[int, int] = {}
        for c in graph.categories:
            started = any(graph.tasks[t].done or t in underway for t in c.tasks)
            before = None if previous is None else previous.mat_of(c.key)
            if c.mat is not None:
                self.pinned[c.index] = c.mat
            elif before is not None and (keep_mats or started):
                self.pinned[c.index] = before - 1
        self.loads = [c.load(graph) for c in graph.categories]
        self.tails = _tails(graph)
        self.heights = _heights(graph)

    def plan(self) -> Plan:
        mat_of = self._assign()
        timing = self._run(mat_of)
        self.budget = SIMULATIONS
        movable = {c.index for c in self.graph.categories if c.index not in self.pinned}
        while movable and self.budget > 0:
            better = self._improve(mat_of, timing, movable)
            if better is None:
                break
            mat_of, timing = better
        return to_plan(self.graph, timing, self.previous, frozenset(self.underway))

    def _assign(self) -> list[int]:
        """Longest processing time first, over the categories not pinned to a mat."""
        mat_of = [0] * len(self.graph.categories)
        work = list(self.free)
        for c, m in self.pinned.items():
            mat_of[c] = m
            work[m] += self.loads[c]
        free = sorted((c.index for c in self.graph.categories if c.index not in self.pinned),
                      key=lambda c: (-self.loads[c], c))
        for c in free:
            m = min(range(self.mats), key=lambda m: (work[m], m))
            mat_of[c] = m
            work[m] += self.loads[c]
        return mat_of

    def _run(self, mat_of: Sequence[int]) -> Timing:
        graph = self.graph
        due = [0.0] * len(graph.categories)
        rank = [0] * len(graph.categories)
        for m in range(self.mats):
            here = sorted((c for c in graph.categories if mat_of[c.index] == m),
                          key=lambda c: (c.not_before, self._first_start(c.key),
                                         -self.heights[c.index], c.index))
            clock = self.free[m]
            for position, c in enumerate(here):
                clock = max(clock, c.not_before) + self.loads[c.index]
                due[c.index], rank[c.index] = clock, position
            # The categories due in the mat's last stretch share its end as due time, so they
            # interleave: a category left alone at the end of a mat waits out its rest times.
            for c in here:
                if due[c.index] >= clock - FINISH_WINDOW:
                    due[c.index] = clock
        priority: list[Priority] = [(due[t.cat] - self.tails[t.index], rank[t.cat], t.number)
                                    for t in graph.tasks]
        return simulate(graph, mat_of, priority, earliest=self.now, mat_free=self.free,
                        underway=self.underway)

    def _first_start(self, category: str) -> float:
        if self.previous is None:
            return 0.0
        slots = self.previous.of_category(category)
        return self.graph.seconds(slots[0].start) if slots else math.inf

    def _improve(self, mat_of: list[int], timing: Timing, movable: set[int]
                 ) -> tuple[list[int], Timing] | None:
        """Move a category off the mat that finishes last to the one that finishes first, or
        swap two of theirs, if that ends the day earlier: the moves that shift about half the
        gap between the two mats are tried first."""
        finish = _mat_finish(timing, self.mats, self.free)
        late = max(range(self.mats), key=lambda m: finish[m])
        early = min(range(self.mats), key=lambda m: finish[m])
        gap = finish[late] - finish[early]
        on_late = [c for c in movable if mat_of[c] == late]
        on_early = [c for c in movable if mat_of[c] == early]
        changes: list[tuple[float, int, int | None]] = [(self.loads[c], c, None)
                                                        for c in on_late]
        changes += [(self.loads[c] - self.loads[d], c, d) for c in on_late for d in on_early
                    if self.loads[c] > self.loads[d]]
        changes.sort(key=lambda change: (abs(change[0] - gap / 2), change[1], change[2] or -1))
        best = max(finish)
        for _shift, c, d in changes[:TRIES_PER_STEP]:
            if self.budget <= 0:
                break
            self.budget -= 1
            trial = list(mat_of)
            trial[c] = early
            if d is not None:
                trial[d] = late
            result = self._run(trial)
            if max(_mat_finish(result, self.mats, self.free)) < best - 1:
                return trial, result
        return None


def _mat_finish(timing: Timing, mats: int, free: Sequence[float]) -> list[float]:
    finish = list(free)
    for m, end in zip(timing.mat, timing.end, strict=True):
        if m >= 0 and not math.isnan(end):
            finish[m] = max(finish[m], end)
    return finish


def _heights(graph: Graph) -> list[int]:
    """Per category: how many categories follow it through athletes entered in both (a
    weight category before the open class, U11 before U13 for a kid fighting up). A category
    with followers goes earlier on its mat: its athletes must be done before they can fight in
    the next one."""
    entered: dict[str, list[int]] = {}
    for c in graph.categories:
        for a in {a for t in c.tasks for a in graph.tasks[t].definite if a in graph.cross}:
            entered.setdefault(a, []).append(c.index)
    after: list[set[int]] = [set() for _ in graph.categories]
    for cats in entered.values():
        cats.sort()
        for first, then in pairwise(cats):
            after[first].add(then)
    heights = [0] * len(graph.categories)
    for i in reversed(range(len(graph.categories))):  # links point to later categories
        heights[i] = max((heights[n] + 1 for n in after[i]), default=0)
    return heights


def _tails(graph: Graph) -> list[float]:
    """Per task: the longest chain of contests and rest times from its start to the end of
    its category: through the contests it feeds, and through its athletes' next known
    contests (a pool athlete's later bouts). Both point to later tasks, so one reverse pass
    suffices."""
    tails = [0.0] * len(graph.tasks)
    following: dict[tuple[str, int], int] = {}  # (athlete, category) -> their next task
    for task in reversed(graph.tasks):
        after = max((graph.rest + tails[s] for s in task.succs), default=0.0)
        for a in task.definite:
            nxt = following.get((a, task.cat))
            if nxt is not None:
                after = max(after, graph.rest + tails[nxt])
            following[(a, task.cat)] = task.index
        tails[task.index] = task.duration + after
    return tails


def to_plan(graph: Graph, timing: Timing, previous: Plan | None,
            underway: frozenset[int] = frozenset()) -> Plan:
    problem = graph.problem
    start = problem.start
    mats: list[list[Slot]] = [[] for _ in range(problem.mats)]
    for task in graph.tasks:
        key = graph.key(task)
        if task.done:
            before = None if previous is None else previous.get(key)
            if before is None:
                continue  # decided before any plan had it: nothing to show
            end = start + timedelta(seconds=task.end)
            begin = min(before.start, end - timedelta(seconds=task.duration))
            mats[before.mat - 1].append(Slot(key[0], task.number, task.round, before.mat,
                                             begin, end, task.white, task.blue,
                                             SlotStatus.DONE))
            continue
        m = timing.mat[task.index]
        status = SlotStatus.UNDERWAY if task.index in underway else SlotStatus.PLANNED
        mats[m].append(Slot(key[0], task.number, task.round, m + 1,
                            start + timedelta(seconds=timing.start[task.index]),
                            start + timedelta(seconds=timing.end[task.index]),
                            task.white, task.blue, status))
    return Plan(start, tuple(tuple(sorted(s, key=lambda s: (s.start, s.end))) for s in mats))
