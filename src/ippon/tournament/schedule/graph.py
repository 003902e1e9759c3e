"""The day as a task graph: every contest still to fight, what it waits for, who is in it.

A contest is planned when both its places will (or may) hold an athlete: a walkover or an
empty contest takes no mat time, and a contest that may not be needed (the third contest of a
best of three, a repechage place that depends on byes) is planned pessimistically — a re-plan
gives the time back once it is known.

Two kinds of athlete constraint:

* within a category the feeds carry the rest time: the athletes of contest m come from the
  contests that feed it, so m starts at least the rest time after they end. Pool bouts share
  athletes without feeding each other: for those the athletes are known (*definite*) and the
  scheduler spaces them.
* an athlete entered in two categories may fight in any contest their results can lead to
  (their *possible* contests); these never overlap, rest time included, with a possible
  contest of theirs in the other category, whatever the results turn out to be.

Times are float seconds from `Problem.start`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from ippon.tournament.bracket import SETTLED, ContestState, Progress, Status
from ippon.tournament.model import (
    Athlete,
    BeatenBy,
    Contest,
    Entry,
    Feed,
    LoserOf,
    PoolRank,
    WinnerOf,
)
from ippon.tournament.schedule.model import ContestKey, Problem


class Tri(IntEnum):
    """Whether something happens: no, depending on results, or surely."""

    NO = 0
    MAYBE = 1
    YES = 2


@dataclass(slots=True)
class Task:
    index: int
    cat: int
    number: int
    round: str
    duration: float
    white: Athlete | None
    blue: Athlete | None
    preds: list[int] = field(default_factory=list)  # each waited for, plus the rest time
    succs: list[int] = field(default_factory=list)
    cross: tuple[Athlete, ...] = ()  # athletes of other categories who may fight here
    done: bool = False  # decided: `end` is when it ended
    end: float = 0.0
    final: bool = False  # in the final block
    definite: tuple[Athlete, ...] = ()  # the athletes known: white and blue when not None
    early: bool = False  # before the split cut: may be fought on a split category's other mats

    def __post_init__(self) -> None:
        self.definite = tuple(a for a in (self.white, self.blue) if a is not None)


@dataclass(slots=True)
class CategoryInfo:
    key: str
    index: int
    tasks: list[int] = field(default_factory=list)
    not_before: float = 0.0
    mat: int | None = None  # fixed by the organiser (0-based)
    day: int | None = None  # fixed by the organiser (0-based)
    split: int | None = None  # mats for its early rounds, set by the organiser

    def load(self, graph: Graph) -> float:
        return sum(graph.tasks[t].duration for t in self.tasks if not graph.tasks[t].done)

    def early_load(self, graph: Graph) -> float:
        """The contest time still to fight before the split cut."""
        return sum(graph.tasks[t].duration for t in self.tasks
                   if graph.tasks[t].early and not graph.tasks[t].done)


@dataclass(slots=True)
class Gate:
    """A barrier: `dependents` start only after every task of `members` has ended, and not
    before `opens`."""

    members: list[int]
    dependents: list[int]
    opens: float = 0.0


@dataclass(slots=True)
class Graph:
    problem: Problem
    rest: float
    tasks: list[Task]
    categories: list[CategoryInfo]
    gates: list[Gate]
    by_key: dict[ContestKey, int]
    cross: frozenset[Athlete] = frozenset()  # athletes entered in more than one category

    def key(self, task: Task) -> ContestKey:
        return (self.categories[task.cat].key, task.number)

    def seconds(self, at: datetime) -> float:
        return (at - self.problem.start).total_seconds()


@dataclass(frozen=True, slots=True)
class _Place:
    presence: Tri
    athlete: Athlete | None
    sources: frozenset[int]  # tasks whose end the athlete comes from
    possible: frozenset[Athlete]  # cross-entered athletes who may take the place


_NOBODY = _Place(Tri.NO, None, frozenset(), frozenset())


def build(problem: Problem, ended: Mapping[ContestKey, float] | None = None) -> Graph:
    """The task graph of `problem`. `ended` gives the end of decided contests (seconds);
    a decided contest missing from it ended at time 0."""
    counts: dict[Athlete, int] = {}
    for cat in problem.categories:
        for athlete in {a for a in cat.bracket.lines if a is not None}:
            counts[athlete] = counts.get(athlete, 0) + 1
    cross = frozenset(a for a, n in counts.items() if n > 1)
    graph = Graph(problem, problem.rest.total_seconds(), [], [], [], {}, cross)
    block = problem.final_block
    for index, cat in enumerate(problem.categories):
        info = CategoryInfo(cat.key, index)
        fix = problem.fix_of(cat.key)
        if fix is not None:
            info.mat = None if fix.mat is None else fix.mat - 1
            info.split = fix.mats
            if fix.not_before is not None:
                info.not_before = graph.seconds(fix.not_before)
            if fix.day is not None and problem.days:
                info.day = fix.day - 1
                info.not_before = max(info.not_before,
                                      graph.seconds(problem.days[fix.day - 1].start))
        graph.categories.append(info)
        _Category(graph, info, cat.bracket.progress, cat.bracket.system.pools, cross,
                  ended or {}).run()
        final = block is not None and block.covers(cat.key)
        early = early_contests(cat.bracket.system.contests)
        for t in info.tasks:
            task = graph.tasks[t]
            task.final = final and block is not None and task.round in block.rounds
            task.early = task.number in early and not task.final
            graph.by_key[(cat.key, task.number)] = t
    _gates(graph)
    return graph


SPLIT_ROUND = re.compile(r"[RW]\d+")


def early_contests(contests: Sequence[Contest]) -> frozenset[int]:
    """The contests a split category may spread over its mats: the knockout rounds of more
    than four contests, i.e. before the quarter-finals. For the IJF repechage these are the
    contests inside pools A–D (the quarter-finals are the pool finals); in elimination the
    rounds before the quarter-finals (R16, R32, …); in double elimination the winners' rounds
    of more than four contests. Pools, round robins, repechage and the losers' bracket stay
    on the category's own mat, and so does everything from the quarter-finals on."""
    sizes = Counter(c.round for c in contests if c.pool is None)
    return frozenset(c.number for c in contests if c.pool is None
                     and SPLIT_ROUND.fullmatch(c.round) and sizes[c.round] > 4)


def _gates(graph: Graph) -> None:
    graph.gates = gates_for(graph, None)


def gates_for(graph: Graph, day_of: Sequence[int] | None) -> list[Gate]:
    """The order rules' and the final block's barriers. With `day_of` (each category's day,
    0-based), each day has its own final block: a day's finals wait for that day's other
    contests only, and open no earlier than the day's `finals` time."""
    gates: list[Gate] = []
    index = {c.key: c for c in graph.categories}
    for rule in graph.problem.before:
        first, then = index[rule.first], index[rule.then]
        # With a final block the rule holds in each part of the day: before the final block,
        # and within it (otherwise "X before Y" and "finals last" would contradict each other).
        for final in (False, True):
            members = [t for t in first.tasks if graph.tasks[t].final is final]
            dependents = [t for t in then.tasks if graph.tasks[t].final is final]
            if members and dependents:
                gates.append(Gate(members, dependents))
    block = graph.problem.final_block
    if block is None:
        return gates
    days = graph.problem.days
    opens = -math.inf if block.not_before is None else graph.seconds(block.not_before)
    for day in range(max(len(days), 1)):
        covered = [t for c in graph.categories if block.covers(c.key)
                   and (day_of is None or day_of[c.index] == day) for t in c.tasks]
        at = opens
        finals = days[day].finals if days and (day_of is not None or len(days) == 1) else None
        if finals is not None:
            at = max(at, graph.seconds(finals))
        gates.append(Gate([t for t in covered if not graph.tasks[t].final],
                          [t for t in covered if graph.tasks[t].final],
                          0.0 if math.isinf(at) else at))
        if day_of is None:
            break
    return gates


class _Category:
    """Walk one category's contests in order of play, deciding for each whether it is
    fought, who may leave it, and which tasks gate it."""

    def __init__(self, graph: Graph, info: CategoryInfo, progress: Progress,
                 pools: Mapping[str, tuple[int, ...]], cross: frozenset[Athlete],
                 ended: Mapping[ContestKey, float]) -> None:
        self.graph, self.info, self.progress = graph, info, progress
        self.pools, self.cross, self.ended = pools, cross, ended
        self.states = progress.contests
        self.lines = [None if a is None or a in progress.excluded else a
                      for a in graph.problem.categories[info.index].bracket.lines]
        # Per contest: does it have a winner, is it fought, which tasks gate those who leave
        # it, and which cross-entered athletes may leave it.
        self.has_winner: list[Tri] = []
        self.fought: list[Tri] = []
        self.through: list[frozenset[int]] = []
        self.possible: list[frozenset[Athlete]] = []

    def run(self) -> None:
        for state in self.states:
            self._contest(state)

    def _contest(self, state: ContestState) -> None:
        contest = state.contest
        white, blue = self._place(contest.white), self._place(contest.blue)
        sources = white.sources | blue.sources
        possible = white.possible | blue.possible
        if state.status in SETTLED:
            fought = state.status is Status.DECIDED
            has_winner = Tri.YES if state.winner is not None else Tri.NO
            task = self._task(state, sources, possible, done=True) if fought else None
        else:
            fought = min(white.presence, blue.presence) >= Tri.MAYBE
            has_winner = max(white.presence, blue.presence)
            task = None
            if fought:
                if state.status is Status.READY:
                    white = _Place(Tri.YES, state.white, white.sources, white.possible)
                    blue = _Place(Tri.YES, state.blue, blue.sources, blue.possible)
                task = self._task(state, sources, possible, done=False,
                                  athletes=(white.athlete, blue.athlete))
        certain = (state.status is Status.DECIDED or (
            state.status not in SETTLED and contest.unless_wins is None
            and min(white.presence, blue.presence) is Tri.YES))
        self.fought.append(Tri.YES if certain else Tri.MAYBE if fought else Tri.NO)
        self.has_winner.append(has_winner)
        self.through.append(frozenset({task}) if task is not None else sources)
        self.possible.append(possible)

    def _task(self, state: ContestState, sources: frozenset[int],
              possible: frozenset[Athlete], *, done: bool,
              athletes: tuple[Athlete | None, Athlete | None] = (None, None)) -> int:
        graph = self.graph
        cat = graph.problem.categories[self.info.index]
        contest: Contest = state.contest
        white, blue = (state.white, state.blue) if done else athletes
        task = Task(len(graph.tasks), self.info.index, contest.number, contest.round,
                    cat.duration_of(contest.number).total_seconds(), white, blue,
                    preds=sorted(sources), done=done)
        task.cross = tuple(sorted(possible - {white, blue}))
        if done:
            task.end = self.ended.get((cat.key, contest.number), 0.0)
        for p in task.preds:
            graph.tasks[p].succs.append(task.index)
        graph.tasks.append(task)
        self.info.tasks.append(task.index)
        return task.index

    def _place(self, feed: Feed) -> _Place:
        if isinstance(feed, Entry):
            athlete = self.lines[feed.index]
            if athlete is None:
                return _NOBODY
            return _Place(Tri.YES, athlete, frozenset(), self._cross(athlete))
        if isinstance(feed, PoolRank):
            return self._pool_rank(feed)
        number = feed.contest
        state = self.states[number - 1]
        through, possible = self.through[number - 1], self.possible[number - 1]
        if isinstance(feed, WinnerOf | LoserOf) and state.status in SETTLED:
            athlete = state.winner if isinstance(feed, WinnerOf) else state.loser
            if athlete is None or athlete in self.progress.excluded:
                return _NOBODY
            return _Place(Tri.YES, athlete, through, self._cross(athlete))
        if isinstance(feed, WinnerOf):
            presence = self.has_winner[number - 1]
        elif isinstance(feed, LoserOf) or (isinstance(feed, BeatenBy) and feed.back == 0):
            presence = self.fought[number - 1]
        else:
            # Beaten earlier on the winner's path (which may hold byes): known only once the
            # contest is settled, whether it was fought or a walkover.
            presence = Tri.MAYBE if self.has_winner[number - 1] is not Tri.NO else Tri.NO
        if presence is Tri.NO:
            return _NOBODY
        return _Place(presence, None, through, possible)

    def _pool_rank(self, feed: PoolRank) -> _Place:
        contests = [s.number for s in self.states if s.contest.pool == feed.pool]
        # Standings may be provisional while the pool is fought: use them only once it is over.
        over = all(self.states[n - 1].status in SETTLED for n in contests)
        standings = self.progress.standings.get(feed.pool) if over else None
        through = frozenset[int]().union(*(self.through[n - 1] for n in contests
                                      if n <= len(self.through)))
        if standings is not None:
            if feed.rank > len(standings):
                return _NOBODY
            athlete = standings[feed.rank - 1].athlete
            return _Place(Tri.YES, athlete, through, self._cross(athlete))
        members = [a for a in (self.lines[i] for i in self.pools[feed.pool]) if a is not None]
        if feed.rank > len(members):
            return _NOBODY
        possible = frozenset(a for a in members if a in self.cross)
        return _Place(Tri.YES, None, through, possible)

    def _cross(self, athlete: Athlete) -> frozenset[Athlete]:
        return frozenset({athlete}) if athlete in self.cross else frozenset()
