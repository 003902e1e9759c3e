"""The lower bound: no plan of the problem can finish earlier.

It is the larger of two things:

* **load**: all the expected contest time shared perfectly over the mats;
* **chain**: the longest chain of contests, rest times included, that must follow one another
  whatever the mats: a contest waits for the contests that feed it; a contest after a pool
  waits until every athlete of the pool has fought all their pool bouts; and an athlete's own
  known contests (over all their categories) follow one another with the rest time between.

Categories' time blocks and days count (a chain starts when its block or day opens); the final
block and the one-mat-per-category rule do not, so the bound stays a bound for any plan.

Days and breaks: the load is shared over the mats' open time (a mat's breaks and the nights
add nothing), and a contest on a chain that would run into a closure of every mat (a lunch
break for all, a night) starts after it. A break of some mats only does not hold a chain back:
its contest could be fought on another mat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ippon.tournament.model import Athlete
from ippon.tournament.schedule.calendar import Calendar
from ippon.tournament.schedule.graph import build
from ippon.tournament.schedule.model import Problem


@dataclass(frozen=True, slots=True)
class Bound:
    load: datetime
    chain: datetime
    chain_of: str  # the category or athlete whose chain it is

    @property
    def value(self) -> datetime:
        return max(self.load, self.chain)

    def __str__(self) -> str:
        which = "the mats' load" if self.load >= self.chain else f"the chain of {self.chain_of}"
        return f"no plan can finish before {self.value:%H:%M} ({which})"


def lower_bound(problem: Problem) -> Bound:
    graph = build(problem)
    rest = graph.rest
    todo = [t for t in graph.tasks if not t.done]
    work = sum(t.duration for t in todo)
    start = problem.start
    calendar = Calendar(problem)
    opens = max(0.0, calendar.day_start(0)) if problem.days else 0.0

    # An athlete's known contests, per category and over all: their durations one after the
    # other with the rest time between.
    per_category: dict[tuple[Athlete, int], list[float]] = {}
    for t in todo:
        for a in t.definite:
            per_category.setdefault((a, t.cat), []).append(t.duration)
    overall: dict[Athlete, list[float]] = {}
    for (a, _cat), durations in per_category.items():
        overall.setdefault(a, []).extend(durations)

    def chain(durations: list[float]) -> float:
        return sum(durations) + rest * (len(durations) - 1)

    own = {key: chain(d) for key, d in per_category.items()}
    best, best_of = 0.0, ""
    for a, durations in overall.items():
        if opens + chain(durations) > best:
            best, best_of = opens + chain(durations), problem.name(a)

    # Earliest end per task, in index order (feeds point to lower indices).
    ends = [0.0] * len(graph.tasks)
    for t in todo:
        release = max(opens, graph.categories[t.cat].not_before)
        at = release
        for p in t.preds:
            pred = graph.tasks[p]
            if pred.done:
                continue
            at = max(at, ends[p] + rest)
            for a in pred.definite:
                at = max(at, release + own[(a, t.cat)] + rest)
        at = calendar.fit_anywhere(at, t.duration)
        ends[t.index] = at + t.duration
        if at + t.duration > best:
            best, best_of = at + t.duration, graph.categories[t.cat].key
    load = calendar.filled(work, problem.mats, opens) if problem.days or problem.breaks \
        else work / problem.mats
    return Bound(start + timedelta(seconds=load), start + timedelta(seconds=best), best_of)
