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

With several days, each category is fought on one day: the organiser's, or the first day
with room for it in programme order (a day is full at `FILL` of its open mat time); a day
whose contests run past its end hands its last categories to the next day and the day is
planned again (at most `DAY_ROUNDS` times). Mats are balanced per day.

A category too long for its day on one mat (or as the organiser asks: `Fix.mats`) is split:
its early rounds (`graph.early_contests`, before the quarter-finals) are fought on its own mat
and helpers, whichever is free first; the rest on its own mat. Each of `SPLIT_SHARES` is
planned (with its own local search budget) and the best plan kept.

The due times keep each category's contests together (athletes do not wait all day), at the
price of a few minutes at the end of the day on few mats; see benchmarks/README.md.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from ippon.tournament.schedule.calendar import Calendar
from ippon.tournament.schedule.engine import Frame, Priority, Timing, Underway, simulate
from ippon.tournament.schedule.graph import Graph, build, gates_for
from ippon.tournament.schedule.model import ContestKey, Plan, Problem, Slot, SlotStatus

SIMULATIONS = 16  # local-search budget per split share: about 1 s on the benchmark
TRIES_PER_STEP = 4
FINISH_WINDOW = 90 * 60.0  # seconds; measured on the benchmark's instances (README)
FILL = 0.95  # share of a day's open mat time given to contests at first; rest waits fill the rest
DAY_ROUNDS = 8  # re-runs to move categories off a day that runs late
# A category longer on one mat than this share of its day's open time is split; each share
# is planned and the best plan kept (the best share depends on the event: README).
SPLIT_SHARES = (0.5, 0.42, 0.35, 0.25)
MAX_SPLIT = 4  # mats a category is split over at most by itself: one per pool A-D


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
    # Each mat starts from the real end of what it fought (an end reported after `now`
    # holds the mat until then).
    busy = [at] * problem.mats
    for task in graph.tasks:
        was = planned.get(graph.key(task))
        if task.done and was is not None and 1 <= was.mat <= problem.mats:
            busy[was.mat - 1] = max(busy[was.mat - 1], task.end)
    return _Planner(graph, previous, at, on_mat, keep_mats=keep_mats, busy=busy).plan()


def naive_plan(problem: Problem) -> Plan:
    """What an organiser without a scheduler does: categories dealt to the mats in entry order
    (fixed mats kept), each mat fighting its categories one after the other and each category's
    contests in bracket order, waiting whenever the next contest's athletes are not rested."""
    graph = build(problem)
    calendar = Calendar(problem)
    loads = [c.load(graph) for c in graph.categories]
    day_of = fill_days(graph, calendar, loads, {}, 0, -math.inf)
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
    for order in orders:  # day by day; the final block closes every mat's day
        order.sort(key=lambda t: (day_of[graph.tasks[t].cat], graph.tasks[t].final))
    priority: list[Priority] = [(0.0, t.cat, t.number) for t in graph.tasks]
    timing = simulate(graph, mat_of, priority, orders=orders,
                      frame=frame_of(graph, calendar, day_of))
    return to_plan(graph, timing, None)


def frame_of(graph: Graph, calendar: Calendar, day_of: Sequence[int]) -> Frame:
    """Each category released at its block and its day's start; a final block per day."""
    several = len(graph.problem.days) > 1
    not_before = [max(c.not_before, calendar.day_start(day_of[c.index])) if several
                  else c.not_before for c in graph.categories]
    return Frame(calendar, not_before, gates_for(graph, day_of) if several else graph.gates)


def fill_days(graph: Graph, calendar: Calendar, loads: Sequence[float],
              at_least: Mapping[int, int], first: int, since: float) -> list[int]:
    """Each category's day (0-based): the organiser's, else the first day from `first` (and
    from `at_least`) whose open mat time from `since` still has room for it, in programme
    order. A category never comes on an earlier day than one an order rule puts before it."""
    count = max(len(graph.problem.days), 1)
    if count == 1:
        return [0] * len(graph.categories)
    day_of = [first] * len(graph.categories)
    room = [FILL * sum(calendar.capacity(d, m, since) for m in range(graph.problem.mats))
            for d in range(count)]
    used = [0.0] * count
    lower = [max(first, at_least.get(c.index, first)) for c in graph.categories]
    for info in graph.categories:
        if info.day is not None:
            day_of[info.index] = info.day
            used[info.day] += loads[info.index]
    after: list[list[int]] = [[] for _ in graph.categories]
    index = {c.key: c.index for c in graph.categories}
    for rule in graph.problem.before:
        after[index[rule.first]].append(index[rule.then])
    order = _programme(graph)
    listed = set(order)
    order += [c.index for c in graph.categories if c.index not in listed]
    for c in order:
        if graph.categories[c].day is None:
            d = lower[c]
            while d < count - 1 and used[d] + loads[c] > room[d]:
                d += 1
            day_of[c] = d
            used[d] += loads[c]
        for n in after[c]:
            lower[n] = max(lower[n], day_of[c])
    return day_of


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
                 underway: Mapping[int, Underway], *, keep_mats: bool,
                 busy: Sequence[float] | None = None) -> None:
        self.graph, self.previous, self.now, self.underway = graph, previous, now, underway
        self.mats = graph.problem.mats
        self.calendar = Calendar(graph.problem)
        self.days = max(len(graph.problem.days), 1)
        self.first_day = self.calendar.day_at(now) if self.days > 1 else 0
        self.free = list(busy) if busy is not None else [now] * self.mats
        for slot in underway.values():
            self.free[slot.mat] = max(self.free[slot.mat], slot.end)
        self.pinned: dict[int, int] = {}
        self.kept_helpers: dict[int, tuple[int, ...]] = {}  # a split kept from `previous`
        self.preferred: dict[int, int] = {}  # a re-plan's mats to start from when rebalancing
        self.started: set[int] = set()
        for c in graph.categories:
            started = any(graph.tasks[t].done or t in underway for t in c.tasks)
            before = None if previous is None else previous.mat_of(c.key)
            if started:
                self.started.add(c.index)
            if c.mat is not None:
                self.pinned[c.index] = c.mat
            elif before is not None and (keep_mats or started):
                self.pinned[c.index] = before - 1
            elif before is not None:
                self.preferred[c.index] = before - 1
            if before is not None and c.index in self.pinned and (keep_mats or started):
                self.kept_helpers[c.index] = self._previous_helpers(c.key,
                                                                    self.pinned[c.index])
        self.loads = [c.load(graph) for c in graph.categories]
        self.early = [c.early_load(graph) for c in graph.categories]
        self.share = SPLIT_SHARES[0]
        self.tails = _tails(graph)
        self.heights = _heights(graph)
        self.day_pinned = self._days_pinned()

    def _previous_helpers(self, category: str, home: int) -> tuple[int, ...]:
        """The other mats (0-based) the previous plan gave the category's early contests still
        to fight: athletes were told those mats."""
        assert self.previous is not None
        graph = self.graph
        return tuple(sorted({s.mat - 1 for s in self.previous.of_category(category)
                             if s.status is not SlotStatus.DONE and s.key in graph.by_key
                             and graph.tasks[graph.by_key[s.key]].early
                             and s.mat - 1 != home}))

    def _spread(self, c: int, day: int) -> int:
        """How many mats category `c` is fought on before its split cut: the organiser's
        choice, the mats it had (a re-plan), or as few as keep its one-mat time within
        `self.share` of the day's open time (a category fixed to a mat is not split unless
        the organiser asks)."""
        info = self.graph.categories[c]
        if c in self.kept_helpers:
            return 1 + len(self.kept_helpers[c])
        if self.early[c] <= 0:
            return 1
        if info.split is not None:
            return info.split
        if info.mat is not None or c in self.pinned:
            return 1
        limit = self.share * self._open_time(day)
        if self.loads[c] <= limit:  # also every category of one open day without end
            return 1
        late = self.loads[c] - self.early[c]
        most = min(MAX_SPLIT, self.mats)
        return next((k for k in range(2, most) if late + self.early[c] / k <= limit), most)

    def _open_time(self, day: int) -> float:
        """A mat's open time on `day` from now; for a last day without set end, that of the
        longest day with one (the organiser's usual day); inf for one day without end."""
        def open_time(d: int) -> float:
            return max(self.calendar.capacity(d, m, self.now) for m in range(self.mats))

        here = open_time(day)
        if math.isinf(here):
            bounded = [open_time(d) for d in range(self.days) if d != day]
            return max((x for x in bounded if not math.isinf(x)), default=math.inf)
        return here

    def _share(self, c: int, k: int, home: bool) -> float:
        """The work of category `c` on one of its `k` mats: the early contests shared."""
        if k <= 1:
            return self.loads[c]
        part = self.early[c] / k
        return self.loads[c] - self.early[c] + part if home else part

    def _days_pinned(self) -> dict[int, int]:
        """Categories whose day is settled: a block's time says it, or they have begun."""
        pinned: dict[int, int] = {}
        if self.days == 1:
            return pinned
        graph, calendar = self.graph, self.calendar
        for c in graph.categories:
            if c.day is not None:
                continue
            fix = graph.problem.fix_of(c.key)
            if fix is not None and fix.not_before is not None:
                pinned[c.index] = calendar.day_at(graph.seconds(fix.not_before))
            elif c.index in self.started and self.previous is not None:
                slots = self.previous.of_category(c.key)
                if slots:
                    pinned[c.index] = calendar.day_at(graph.seconds(slots[0].start))
        return pinned

    def plan(self) -> Plan:
        best = self._searched()
        splits = [self._splits(best[1])]
        for share in SPLIT_SHARES[1:]:
            self.share = share
            if self._splits(best[1]) in splits:
                continue  # no category splits otherwise: the same plan
            splits.append(self._splits(best[1]))
            found = self._searched()
            if found[0] < best[0]:
                best = found
        return to_plan(self.graph, best[4], self.previous, frozenset(self.underway))

    def _searched(self) -> tuple[tuple[float, float], list[int], list[int],
                                 list[tuple[int, ...]], Timing]:
        """A plan with the current split share, improved by the local search."""
        _, day_of, mat_of, helpers, timing = self._days_planned()
        self.budget = SIMULATIONS
        movable = {c.index for c in self.graph.categories if c.index not in self.pinned}
        while movable and self.budget > 0:
            better = self._improve(mat_of, helpers, day_of, timing, movable)
            if better is None:
                break
            mat_of, helpers, timing = better
        return self._score(timing, day_of), day_of, mat_of, helpers, timing

    def _splits(self, day_of: Sequence[int]) -> list[int]:
        return [self._spread(c.index, day_of[c.index]) for c in self.graph.categories]

    def _days_planned(self) -> tuple[tuple[float, float], list[int], list[int],
                                     list[tuple[int, ...]], Timing]:
        """Days, mats and a first plan with the current split share: the days filled in
        programme order, then the late categories of a day that runs over handed on."""
        at_least = dict(self.day_pinned)
        day_of = fill_days(self.graph, self.calendar, self.loads, at_least, self.first_day,
                           self.now)
        mat_of, helpers = self._assign(day_of)
        timing = self._run(mat_of, day_of, helpers)
        best = (self._score(timing, day_of), day_of, mat_of, helpers, timing)
        for _ in range(DAY_ROUNDS if self.days > 1 else 0):
            late = self._hand_on(timing, day_of, at_least)
            if not late:
                break
            at_least.update(late)
            day_of = fill_days(self.graph, self.calendar, self.loads, at_least,
                               self.first_day, self.now)
            mat_of, helpers = self._assign(day_of)
            timing = self._run(mat_of, day_of, helpers)
            if self._score(timing, day_of) < best[0]:
                best = (self._score(timing, day_of), day_of, mat_of, helpers, timing)
        return best

    def _hand_on(self, timing: Timing, day_of: Sequence[int], at_least: Mapping[int, int]
                 ) -> dict[int, int]:
        """For the first day that runs past its end: its last categories in programme order
        (not begun, not set to the day by the organiser) to the next day, about as much work
        as runs late."""
        graph, calendar = self.graph, self.calendar
        late = [0.0] * self.days
        for task in graph.tasks:
            end = timing.end[task.index]
            if task.done or math.isnan(end):
                continue
            d = day_of[task.cat]
            late[d] += max(0.0, end - calendar.day_end(d) - max(0.0, timing.start[task.index]
                                                               - calendar.day_end(d)))
        late_day = next((d for d in range(self.days - 1) if late[d] > 0), None)
        if late_day is None:
            return {}
        # Work that ends late on one mat: its contests' time beyond the day's end, at least.
        excess = sum(min(graph.tasks[t].duration, max(0.0, timing.end[t]
                                                        - calendar.day_end(late_day)))
                     for c in graph.categories if day_of[c.index] == late_day
                     for t in c.tasks if not graph.tasks[t].done
                     and not math.isnan(timing.end[t]))
        moved: dict[int, int] = {}
        for c in reversed(_programme(graph)):
            if excess <= 0:
                break
            info = graph.categories[c]
            if (day_of[c] != late_day or info.day is not None or c in self.started
                    or c in self.day_pinned):
                continue
            moved[c] = max(late_day + 1, at_least.get(c, 0))
            excess -= self.loads[c]
        return moved

    def _score(self, timing: Timing, day_of: Sequence[int]) -> tuple[float, float]:
        """Seconds of contests outside their day, then the days' finishes added up."""
        calendar = self.calendar
        outside = 0.0
        for task in self.graph.tasks:
            end = timing.end[task.index]
            if task.done or math.isnan(end):
                continue
            outside += max(0.0, end - calendar.day_end(day_of[task.cat]))
        finishes = self._finishes(timing, day_of)
        return outside, sum(max(f) for f in finishes if max(f) > -math.inf)

    def _finishes(self, timing: Timing, day_of: Sequence[int]) -> list[list[float]]:
        """Per day, per mat: when its last contest of the day ends."""
        finish = [list(self.free) if d == self.first_day else [-math.inf] * self.mats
                  for d in range(self.days)]
        tasks = self.graph.tasks
        for i, (m, end) in enumerate(zip(timing.mat, timing.end, strict=True)):
            if m >= 0 and not math.isnan(end) and not tasks[i].done:
                d = day_of[tasks[i].cat]
                finish[d][m] = max(finish[d][m], end)
        return finish

    def _assign(self, day_of: Sequence[int]) -> tuple[list[int], list[tuple[int, ...]]]:
        """Longest processing time first, day by day, over the categories not pinned to a
        mat; a split category's helpers are the mats with the least work after its own."""
        mat_of = [0] * len(self.graph.categories)
        helpers: list[tuple[int, ...]] = [()] * len(self.graph.categories)
        for day in range(self.days):
            work = list(self.free) if day == self.first_day else [0.0] * self.mats
            here = [c.index for c in self.graph.categories if day_of[c.index] == day]
            spread = {c: self._spread(c, day) for c in here}
            for c in here:
                m = self.pinned.get(c, self.preferred.get(c, -1))
                if m >= 0:
                    mat_of[c] = m
                    work[m] += self._share(c, spread[c], True)
                kept = self.kept_helpers.get(c, ())
                helpers[c] = kept
                for h in kept:
                    work[h] += self._share(c, spread[c], False)
            # Rebalancing starts from the mats people were told; the local search then
            # moves categories off the mats that run late.
            placed = set(self.pinned) | set(self.preferred)
            free = sorted((c for c in here if c not in placed
                           or (spread[c] > 1 and c not in self.kept_helpers)),
                          key=lambda c: (-self.loads[c], c))
            for c in free:
                k = spread[c]
                if c not in placed:
                    m = min(range(self.mats), key=lambda m: (work[m], m))
                    mat_of[c] = m
                    work[m] += self._share(c, k, True)
                if k > 1:
                    others = sorted((m for m in range(self.mats) if m != mat_of[c]),
                                    key=lambda m: (work[m], m))[:k - 1]
                    helpers[c] = tuple(sorted(others))
                    for h in others:
                        work[h] += self._share(c, k, False)
        return mat_of, helpers

    def _run(self, mat_of: Sequence[int], day_of: Sequence[int],
             helpers: Sequence[Sequence[int]]) -> Timing:
        graph = self.graph
        frame = frame_of(graph, self.calendar, day_of)
        due = [0.0] * len(graph.categories)
        rank = [0] * len(graph.categories)
        for m in range(self.mats):
            for day in range(self.days):
                # A split category comes first on each of its mats: its early rounds are
                # fought side by side, then it comes together on its own mat.
                here = sorted((c for c in graph.categories if day_of[c.index] == day
                               and (mat_of[c.index] == m or m in helpers[c.index])),
                              key=lambda c: (frame.not_before[c.index],
                                             self._first_start(c.key),
                                             not helpers[c.index],
                                             -self.heights[c.index], c.index))
                clock = self.free[m]
                for position, c in enumerate(here):
                    own = mat_of[c.index] == m
                    clock = max(clock, frame.not_before[c.index]) + self._share(
                        c.index, 1 + len(helpers[c.index]), own)
                    if own:
                        due[c.index], rank[c.index] = clock, position
                # The categories due in the mat's last stretch share its end as due time, so
                # they interleave: a category left alone at the end of a mat waits out its
                # rest times.
                for c in here:
                    if mat_of[c.index] == m and due[c.index] >= clock - FINISH_WINDOW:
                        due[c.index] = clock
        priority: list[Priority] = [(due[t.cat] - self.tails[t.index], rank[t.cat], t.number)
                                    for t in graph.tasks]
        return simulate(graph, mat_of, priority, earliest=self.now, mat_free=self.free,
                        underway=self.underway, frame=frame, helpers=helpers)

    def _first_start(self, category: str) -> float:
        if self.previous is None:
            return 0.0
        slots = self.previous.of_category(category)
        return self.graph.seconds(slots[0].start) if slots else math.inf

    def _improve(self, mat_of: list[int], helpers: list[tuple[int, ...]],
                 day_of: Sequence[int], timing: Timing, movable: set[int]
                 ) -> tuple[list[int], list[tuple[int, ...]], Timing] | None:
        """Move a category off the mat that finishes last to the one that finishes first, or
        swap two of theirs, if that ends the day earlier: the moves that shift about half the
        gap between the two mats are tried first. With several days: on the day with the
        largest gap."""
        finishes = self._finishes(timing, day_of)
        gaps = [(max(f) - min(x for x in f if x > -math.inf), d)
                for d, f in enumerate(finishes) if max(f) > -math.inf]
        if not gaps:
            return None
        gap, day = max(gaps)
        finish = finishes[day]
        late = max(range(self.mats), key=lambda m: finish[m])
        early = min(range(self.mats), key=lambda m: (finish[m] == -math.inf, finish[m]))
        on_late = [c for c in movable if mat_of[c] == late and day_of[c] == day]
        on_early = [c for c in movable if mat_of[c] == early and day_of[c] == day]

        def work(c: int) -> float:
            return self._share(c, 1 + len(helpers[c]), True)

        # (shift, category moved to `early`, category moved to `late` or -1, help moved)
        changes: list[tuple[float, int, int, bool]] = [(work(c), c, -1, False)
                                                       for c in on_late]
        changes += [(work(c) - work(d), c, d, False) for c in on_late for d in on_early
                    if work(c) > work(d)]
        # A split category helped by the late mat is helped by the early one instead.
        changes += [(self._share(c, 1 + len(helpers[c]), False), c, -1, True)
                    for c in range(len(helpers)) if late in helpers[c] and day_of[c] == day
                    and c not in self.kept_helpers and early != mat_of[c]
                    and early not in helpers[c]]
        changes.sort(key=lambda change: (abs(change[0] - gap / 2), change[1], change[2],
                                         change[3]))
        outside, total = self._score(timing, day_of)
        for _shift, c, d, help_moved in changes[:TRIES_PER_STEP]:
            if self.budget <= 0:
                break
            self.budget -= 1
            trial, helping = list(mat_of), list(helpers)
            if help_moved:
                helping[c] = tuple(sorted(early if h == late else h for h in helpers[c]))
            else:
                trial[c] = early
                # A split category moved onto one of its helpers hands that help to its
                # old mat.
                helping[c] = tuple(sorted(late if h == early else h for h in helpers[c]))
            if d >= 0:
                trial[d] = late
                helping[d] = tuple(sorted(early if h == late else h for h in helpers[d]))
            result = self._run(trial, day_of, helping)
            new_outside, new_total = self._score(result, day_of)
            if new_outside < outside - 1 or (new_outside <= outside + 1e-6
                                             and new_total < total - 1):
                return trial, helping, result
        return None


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
