"""Days and breaks as seconds from `Problem.start`: when each mat is closed, and the days.

A contest is fought only while its mat is open: it never starts inside a closure and never
runs into one (a contest that would end after the lunch break begins waits until it is over).
The nights between days are closures of every mat. After the last day's end nothing is
closed: if the contests do not fit the days the plan runs on, and `check` says so.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime

from ippon.tournament.schedule.model import Problem

EPS = 1e-6


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + EPS:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class _Closures:
    spans: list[tuple[float, float]]
    ends: list[float]  # the spans' ends, for bisect

    @classmethod
    def of(cls, spans: list[tuple[float, float]]) -> _Closures:
        merged = _merged(spans)
        return cls(merged, [b for _, b in merged])

    def fit(self, t: float, length: float) -> float:
        """The earliest start from `t` at which `length` seconds fit between closures."""
        i = bisect.bisect_right(self.ends, t + EPS)
        while i < len(self.spans):
            a, b = self.spans[i]
            if t + length <= a + EPS:
                return t
            t = max(t, b)
            i += 1
        return t

    def is_open(self, t: float) -> bool:
        i = bisect.bisect_right(self.ends, t)
        return i >= len(self.spans) or t < self.spans[i][0]

    def open_between(self, a: float, b: float) -> float:
        """Seconds open in [a, b]."""
        if b <= a:
            return 0.0
        closed = sum(max(0.0, min(b, y) - max(a, x)) for x, y in self.spans)
        return b - a - closed


class Calendar:
    """The problem's days and breaks, per mat (0-based), in seconds from `Problem.start`."""

    def __init__(self, problem: Problem) -> None:
        def seconds(at: datetime) -> float:
            return (at - problem.start).total_seconds()

        self.mats = [_Closures.of([(seconds(a), seconds(b)) for a, b, _ in
                                   problem.closed(m)]) for m in range(1, problem.mats + 1)]
        # Closed on every mat at once: what holds back any contest, whatever its mat.
        every = [(seconds(a), seconds(b)) for a, b, _ in problem.closed(1)
                 if all((a, b) in {(x, y) for x, y, _ in problem.closed(m)}
                        for m in range(2, problem.mats + 1))]
        self.common = _Closures.of(every)
        self.days: list[tuple[float, float]] = [
            (seconds(d.start), math.inf if d.end is None else seconds(d.end))
            for d in problem.days] or [(-math.inf, math.inf)]
        self.finals = [-math.inf if d.finals is None else seconds(d.finals)
                       for d in problem.days] or [-math.inf]
        self.empty = not any(c.spans for c in self.mats)

    def fit(self, mat: int, t: float, length: float) -> float:
        return self.mats[mat].fit(t, length)

    def fit_anywhere(self, t: float, length: float) -> float:
        """The earliest start from `t` that no closure of every mat forbids."""
        return self.common.fit(t, length)

    def day_start(self, day: int) -> float:
        return self.days[day][0]

    def day_end(self, day: int) -> float:
        return self.days[day][1]

    def day_at(self, t: float) -> int:
        """The day (0-based) a contest starting at `t` belongs to: the last day begun."""
        starts = [a for a, _ in self.days]
        return max(0, bisect.bisect_right(starts, t + EPS) - 1)

    def capacity(self, day: int, mat: int, since: float = -math.inf) -> float:
        """Seconds mat `mat` is open on `day` from `since`."""
        a, b = self.days[day]
        a = max(a, since)
        if math.isinf(b):
            return math.inf
        return self.mats[mat].open_between(a, b)

    def filled(self, work: float, mats: int, since: float) -> float:
        """The earliest time by which `mats` mats, each open as its closures allow, could
        have fought `work` seconds from `since`: the load part of the lower bound."""
        if work <= 0:
            return since
        points = sorted({since, *(x for c in self.mats for s in c.spans for x in s
                                  if x > since)})
        done = 0.0
        for a, b in zip(points, [*points[1:], math.inf], strict=True):
            middle = a + 1.0 if math.isinf(b) else (a + b) / 2
            rate = sum(1 for c in self.mats[:mats] if c.is_open(middle))
            if rate and done + rate * (b - a) >= work:
                return a + (work - done) / rate
            done += rate * (b - a)
        return math.inf  # unreachable: every mat is open after the last closure
