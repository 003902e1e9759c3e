"""List scheduling: a simulation of the day, mat by mat, in time order.

Whenever a mat is free it calls, among the contests of its categories that can be fought now
(feeding contests ended plus the rest time, every athlete rested, the category's block open),
the one with the best priority; if none can, it waits for the first that will. Starts are taken
in non-decreasing time over all mats, so when a contest is placed every contest that could
clash with it is already placed: checking the athletes' last ends is enough.

With `orders`, a mat calls its contests strictly in that order instead (the naive plan).

With days and breaks (`Calendar`), a mat calls only a contest that ends before its next
closure; when none fits, it waits until the closure is over.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ippon.tournament.model import Athlete
from ippon.tournament.schedule.calendar import Calendar
from ippon.tournament.schedule.graph import Gate, Graph, Task
from ippon.tournament.schedule.model import ScheduleError

EPS = 1e-6
Priority = tuple[float, int, int]


@dataclass(frozen=True, slots=True)
class Timing:
    """Start, end and mat (0-based) of every task. A decided contest keeps its actual end and
    has no start (nan)."""

    start: list[float]
    end: list[float]
    mat: list[int]


@dataclass(frozen=True, slots=True)
class Frame:
    """The time frame of a run: the days and breaks, each category's release (its block or
    its day's start) and the gates (order rules, final blocks) for that choice of days."""

    calendar: Calendar
    not_before: Sequence[float]
    gates: Sequence[Gate]


@dataclass(frozen=True, slots=True)
class Underway:
    """A contest on a mat now: it stays there, from `start` to `end` (seconds)."""

    mat: int
    start: float
    end: float


def simulate(graph: Graph, mat_of: Sequence[int], priority: Sequence[Priority], *,
             earliest: float = 0.0, mat_free: Sequence[float] | None = None,
             underway: Mapping[int, Underway] | None = None,
             orders: Sequence[Sequence[int]] | None = None,
             frame: Frame | None = None,
             helpers: Sequence[Sequence[int]] | None = None) -> Timing:
    """Place every task: `mat_of` per category (0-based), `priority` per task (lowest first),
    nothing before `earliest`, each mat free from `mat_free`, within `frame` (default: the
    graph's own blocks and gates, no closures). `helpers`: per category, the other mats
    that may call its early contests (a split category), whichever is free first. Raises
    ScheduleError if some contest can never be called."""
    return _Simulation(graph, mat_of, priority, earliest, mat_free, underway or {},
                       orders, frame, helpers).run()


class _Simulation:
    def __init__(self, graph: Graph, mat_of: Sequence[int], priority: Sequence[Priority],
                 earliest: float, mat_free: Sequence[float] | None,
                 underway: Mapping[int, Underway],
                 orders: Sequence[Sequence[int]] | None, frame: Frame | None,
                 helpers: Sequence[Sequence[int]] | None) -> None:
        self.graph, self.priority, self.orders = graph, priority, orders
        self.calendar = None if frame is None or frame.calendar.empty else frame.calendar
        self.gates = graph.gates if frame is None else frame.gates
        not_before = ([c.not_before for c in graph.categories] if frame is None
                      else frame.not_before)
        self.underway = underway
        self.mats = graph.problem.mats
        n = len(graph.tasks)
        self.task_mat = [mat_of[t.cat] for t in graph.tasks]
        # The mats that may call each task: its category's, the final block's show mats, or
        # for the early contests of a split category its own mat and its helpers.
        block = graph.problem.final_block
        show = [m - 1 for m in block.mats] if block is not None else []
        self.task_mats = [show if t.final and show
                          else [self.task_mat[t.index], *helpers[t.cat]]
                          if t.early and helpers is not None and helpers[t.cat]
                          else [self.task_mat[t.index]] for t in graph.tasks]
        self.start = [math.nan] * n
        self.end = [t.end if t.done else math.nan for t in graph.tasks]
        self.placed = [t.done for t in graph.tasks]
        self.queued = [False] * n
        self.release = [max(earliest, not_before[t.cat]) for t in graph.tasks]
        self.pending = [0] * n
        self.free = list(mat_free) if mat_free is not None else [earliest] * self.mats
        # Per mat, the contests whose feeds are all placed: those that may be callable now, in
        # priority order, and those known to wait, by the time they may be callable.
        self.ready: list[list[tuple[Priority, int]]] = [[] for _ in range(self.mats)]
        self.waiting: list[list[tuple[float, Priority, int]]] = [[] for _ in range(self.mats)]
        self.position = [0] * self.mats
        self.heap: list[tuple[float, int]] = []
        self.now = earliest
        self.rest = graph.rest
        self.own_end: dict[tuple[Athlete, int], float] = {}
        self.cross_end: dict[Athlete, dict[int, float]] = {}
        self.gate_pending = [0] * len(self.gates)
        self.gate_time = [g.opens for g in self.gates]
        self.gates_of: list[list[int]] = [[] for _ in range(n)]

    def run(self) -> Timing:
        graph = self.graph
        for task in graph.tasks:
            if task.done:
                self._athletes_end(task, task.end)
            else:
                self.pending[task.index] = sum(1 for p in task.preds
                                               if not graph.tasks[p].done)
                self.release[task.index] = max(
                    [self.release[task.index]]
                    + [graph.tasks[p].end + self.rest for p in task.preds
                       if graph.tasks[p].done])
        for g, gate in enumerate(self.gates):
            for m in gate.members:
                if graph.tasks[m].done:
                    self.gate_time[g] = max(self.gate_time[g], graph.tasks[m].end)
                else:
                    self.gate_pending[g] += 1
                    self.gates_of[m].append(g)
        for g, gate in enumerate(self.gates):
            for d in gate.dependents:
                if self.gate_pending[g]:
                    self.pending[d] += 1
                else:
                    self.release[d] = max(self.release[d], self.gate_time[g])
        for t, slot in sorted(self.underway.items(), key=lambda item: item[1].start):
            self.task_mat[t] = slot.mat
            self.task_mats[t] = [slot.mat]
            self.free[slot.mat] = max(self.free[slot.mat], slot.end)
            self._place(graph.tasks[t], slot.start, slot.end)
        for task in graph.tasks:
            if not self.placed[task.index] and self.pending[task.index] == 0:
                self._released(task.index)
        for m in range(self.mats):
            heapq.heappush(self.heap, (self.free[m], m))
        self._loop()
        missing = [graph.key(t) for t in graph.tasks if not self.placed[t.index]]
        if missing:
            names = ", ".join(f"{c} contest {n}" for c, n in missing[:5])
            raise ScheduleError(f"{len(missing)} contests can never be called ({names}, ...): "
                                "the category order rules form a cycle, or a mat order puts a "
                                "contest before the contest that feeds it")
        return Timing(self.start, self.end, self.task_mat)

    def _loop(self) -> None:
        tasks = self.graph.tasks
        while self.heap:
            t, m = heapq.heappop(self.heap)
            if t < self.free[m] - EPS:
                continue  # the mat is busy: an older entry
            self.now = t
            best, soonest = self._pick_in_order(m, t) if self.orders else self._pick(m, t)
            if best >= 0:
                self.task_mat[best] = m
                end = t + tasks[best].duration
                self.free[m] = end
                self._place(tasks[best], t, end)
                heapq.heappush(self.heap, (end, m))
            elif soonest < math.inf:
                heapq.heappush(self.heap, (soonest, m))

    def _pick(self, m: int, t: float) -> tuple[int, float]:
        """The best contest mat `m` can call at `t` (-1 if none), and else when one may be
        callable. Contests found not callable wait in a heap by the time they may be, so they
        are not asked again before then (their athletes' ends only grow)."""
        waiting, ready = self.waiting[m], self.ready[m]
        while waiting and waiting[0][0] <= t + EPS:
            _, priority, i = heapq.heappop(waiting)
            if not self.placed[i]:
                bisect.insort(ready, (priority, i))
        calendar = self.calendar
        if calendar is not None:
            opens = calendar.fit(m, t, 0.0)
            if opens > t + EPS:
                return -1, opens  # the mat is closed (a break, the night)
        best, scanned, too_long, reopens = -1, 0, [], math.inf
        for priority, i in ready:  # in priority order: the first that can start is the best
            scanned += 1
            if self.placed[i]:
                continue  # called on another mat (a final block's show mats)
            at = max(self.release[i], self._athletes_ready(self.graph.tasks[i]))
            if at <= t + EPS:
                if calendar is not None:
                    fits = calendar.fit(m, t, self.graph.tasks[i].duration)
                    if fits > t + EPS:  # it would run into a closure: a shorter one may not
                        too_long.append((priority, i))
                        reopens = min(reopens, fits)
                        continue
                best = i
                break
            heapq.heappush(waiting, (at, priority, i))
        ready[:scanned] = too_long
        while waiting and self.placed[waiting[0][2]]:
            heapq.heappop(waiting)
        return best, min(reopens, waiting[0][0] if waiting else math.inf)

    def _pick_in_order(self, m: int, t: float) -> tuple[int, float]:
        """The next contest of mat `m`'s fixed order, if it can be called at `t`."""
        assert self.orders is not None
        order = self.orders[m]
        if self.position[m] >= len(order) or not self.queued[order[self.position[m]]]:
            return -1, math.inf  # woken when it is released
        head = order[self.position[m]]
        at = max(self.release[head], self._athletes_ready(self.graph.tasks[head]))
        if self.calendar is not None:
            at = self.calendar.fit(m, max(at, t), self.graph.tasks[head].duration)
        if at > t + EPS:
            return -1, at
        self.position[m] += 1
        return head, t

    def _released(self, i: int) -> None:
        if self.queued[i]:
            return
        self.queued[i] = True
        for m in self.task_mats[i]:
            bisect.insort(self.ready[m], (self.priority[i], i))
            heapq.heappush(self.heap, (max(self.now, self.free[m]), m))

    def _place(self, task: Task, start: float, end: float) -> None:
        i = task.index
        self.start[i], self.end[i], self.placed[i] = start, end, True
        self._athletes_end(task, end)
        for s in task.succs:
            self.release[s] = max(self.release[s], end + self.rest)
            self._settle(s)
        for g in self.gates_of[i]:
            self.gate_time[g] = max(self.gate_time[g], end)
            self.gate_pending[g] -= 1
            if self.gate_pending[g] == 0:
                for d in self.gates[g].dependents:
                    self.release[d] = max(self.release[d], self.gate_time[g])
                    self._settle(d)

    def _settle(self, i: int) -> None:
        self.pending[i] -= 1
        if self.pending[i] == 0 and not self.placed[i]:
            self._released(i)

    def _athletes_end(self, task: Task, end: float) -> None:
        cross = self.graph.cross
        for a in task.definite:
            key = (a, task.cat)
            self.own_end[key] = max(self.own_end.get(key, -math.inf), end)
        for a in (*task.definite, *task.cross):
            if a in cross:
                ends = self.cross_end.setdefault(a, {})
                ends[task.cat] = max(ends.get(task.cat, -math.inf), end)

    def _athletes_ready(self, task: Task) -> float:
        """When every athlete of the task has had the rest time since their last contest."""
        at = -math.inf
        cross = self.graph.cross
        for a in task.definite:
            own = self.own_end.get((a, task.cat))
            if own is not None:
                at = max(at, own + self.rest)
        for a in (*task.definite, *task.cross):
            if a in cross:
                for cat, end in self.cross_end.get(a, {}).items():
                    if cat != task.cat:
                        at = max(at, end + self.rest)
        return at
