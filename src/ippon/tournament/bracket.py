"""The progression engine: one derivation for every competition system.

`derive` walks a system's contests once, in order of play, resolving each place from its feed:
who is on the line, who won or lost an earlier contest, who ranks where in a finished pool. A
contest with one place empty is a walkover without a contest; with both empty it is empty. An
athlete out of the tournament (RULES §13: absent, failed weigh-in, excluding hansoku-make,
declared unfit) loses every later contest by fusen-gachi and gets no placing.

`Bracket` is the immutable state a server keeps: the system, the draw lines and the recorded
results. Feeding or correcting a result returns a new Bracket; everything downstream is derived
again, never patched, so a correction cannot leave stale athletes behind.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum
from functools import cached_property
from typing import Final, Literal

from ippon.tournament.model import (
    Athlete,
    BeatenBy,
    BracketError,
    Contest,
    Entry,
    Feed,
    LoserOf,
    PoolRank,
    Result,
    Side,
    System,
    WinnerOf,
)
from ippon.tournament.standings import Points, PoolContest, Standing, rank_pool


class Status(StrEnum):
    WAITING = "waiting"  # a place is not known yet
    READY = "ready"  # both athletes known: to be fought
    DECIDED = "decided"  # fought, with a result
    FUSEN = "fusen"  # won by fusen-gachi: the opponent is out of the tournament
    WALKOVER = "walkover"  # one place empty: the athlete goes on without a contest
    EMPTY = "empty"  # nobody goes on
    SKIPPED = "skipped"  # not needed (best of three already won)


SETTLED: Final = frozenset({
    Status.DECIDED, Status.FUSEN, Status.WALKOVER, Status.EMPTY, Status.SKIPPED,
})


class _Waiting(Enum):
    WAITING = "waiting"


WAITING: Final = _Waiting.WAITING
Place = Athlete | None | Literal[_Waiting.WAITING]


@dataclass(frozen=True, slots=True)
class ContestState:
    contest: Contest
    white: Athlete | None
    blue: Athlete | None
    status: Status
    result: Result | None = None

    @property
    def number(self) -> int:
        return self.contest.number

    @property
    def round(self) -> str:
        return self.contest.round

    @property
    def winner(self) -> Athlete | None:
        if self.result is not None:
            return self.white if self.result.winner is Side.WHITE else self.blue
        if self.status is Status.WALKOVER:
            return self.white if self.white is not None else self.blue
        return None

    @property
    def loser(self) -> Athlete | None:
        if self.result is not None:
            return self.blue if self.result.winner is Side.WHITE else self.white
        return None


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything derived from a system, its lines and its results."""

    contests: tuple[ContestState, ...]
    placings: Mapping[int, tuple[Athlete, ...]]
    # Every pool's table; provisional until all the pool's contests are settled.
    standings: Mapping[str, tuple[Standing, ...]]
    excluded: frozenset[Athlete]

    @property
    def finished(self) -> bool:
        return all(state.status in SETTLED for state in self.contests)

    def ready(self) -> tuple[ContestState, ...]:
        """The contests that can be called now, in order of play."""
        return tuple(state for state in self.contests if state.status is Status.READY)

    def place_of(self) -> dict[Athlete, int]:
        return {athlete: place for place, names in self.placings.items() for athlete in names}


ResultSource = Callable[[ContestState], Result | None]
"""Given a READY contest, its result, or None while it has not been fought."""


def derive(
    system: System,
    lines: Sequence[Athlete | None],
    results: ResultSource,
    points: Points,
    *,
    out: Iterable[Athlete] = (),
    weights: Mapping[Athlete, float] | None = None,
) -> Progress:
    """Derive every contest and placing in one pass (feeds only point to earlier contests).

    `out` are athletes out before the start (absent, failed weigh-in): they lose every contest.
    An athlete excluded by a result loses every contest not yet fought; when a pool holds such a
    contest earlier in the order of play than the excluding one, a further pass settles it.
    """
    late: frozenset[Athlete] = frozenset()
    while True:
        derivation = _Derivation(system, lines, results, points, frozenset(out), late,
                                 weights or {})
        progress = derivation.run()
        unfought = {a for s in progress.contests if s.status is Status.READY
                    for a in (s.white, s.blue) if a in progress.excluded}
        if not unfought - late:
            return progress
        late |= unfought


class _Derivation:
    def __init__(
        self,
        system: System,
        lines: Sequence[Athlete | None],
        results: ResultSource,
        points: Points,
        out: frozenset[Athlete],
        late: frozenset[Athlete],
        weights: Mapping[Athlete, float],
    ) -> None:
        self.system, self.lines, self.results, self.points = system, lines, results, points
        self.late, self.weights = late, weights
        self.excluded: set[Athlete] = set(out)
        self.states: list[ContestState] = []
        self.pools: dict[str, list[Contest]] = {pool: [] for pool in system.pools}
        for contest in system.contests:
            if contest.pool is not None:
                self.pools[contest.pool].append(contest)
        self.standings: dict[str, tuple[Standing, ...]] = {}

    def run(self) -> Progress:
        for contest in self.system.contests:
            self.states.append(self._contest(contest))
        placings = self._placings()
        for pool in self.pools:
            if pool not in self.standings:
                self.standings[pool] = self._rank(pool)  # provisional
        return Progress(tuple(self.states), placings, self.standings, frozenset(self.excluded))

    def _contest(self, contest: Contest) -> ContestState:
        if contest.unless_wins is not None and contest.pool is not None:
            earlier = [self.states[c.number - 1] for c in self.pools[contest.pool]
                       if c.number < contest.number]
            if any(s.status not in SETTLED for s in earlier):
                return ContestState(contest, None, None, Status.WAITING)
            wins: dict[Athlete, int] = {}
            for s in earlier:
                if s.winner is not None and s.result is not None:
                    wins[s.winner] = wins.get(s.winner, 0) + 1
            if max(wins.values(), default=0) >= contest.unless_wins:
                return ContestState(contest, None, None, Status.SKIPPED)
        white, blue = self._resolve(contest.white), self._resolve(contest.blue)
        if white is WAITING or blue is WAITING:
            return ContestState(contest, None, None, Status.WAITING)
        if white is None or blue is None:
            alone = white if blue is None else blue
            status = Status.WALKOVER if alone is not None and alone not in self.excluded \
                else Status.EMPTY
            return ContestState(contest, white, blue, status)
        if white in self.excluded or blue in self.excluded:
            return _fusen(contest, white, blue, self.excluded)
        state = ContestState(contest, white, blue, Status.READY)
        result = self.results(state)
        if result is None:
            if white in self.late or blue in self.late:
                return _fusen(contest, white, blue, self.late)
            return state
        decided = replace(state, status=Status.DECIDED, result=result)
        if result.excluded and decided.loser is not None:
            self.excluded.add(decided.loser)
        return decided

    def _resolve(self, feed: Feed) -> Place:
        if isinstance(feed, Entry):
            return self.lines[feed.index]
        if isinstance(feed, WinnerOf | LoserOf):
            state = self.states[feed.contest - 1]
            if state.status not in SETTLED:
                return WAITING
            return state.winner if isinstance(feed, WinnerOf) else state.loser
        if isinstance(feed, PoolRank):
            standings = self._pool(feed.pool)
            if standings is None:
                return WAITING
            return standings[feed.rank - 1].athlete if feed.rank <= len(standings) else None
        return self._beaten_by(feed)

    def _beaten_by(self, feed: BeatenBy) -> Place:
        state = self.states[feed.contest - 1]
        for _ in range(feed.back):
            if state.status not in SETTLED:
                return WAITING
            came_from = state.contest.white if state.winner == state.white else state.contest.blue
            if state.winner is None or not isinstance(came_from, WinnerOf):
                return None  # a bye on the winner's path: nobody was beaten there
            state = self.states[came_from.contest - 1]
        return state.loser if state.status in SETTLED else WAITING

    def _pool(self, pool: str) -> tuple[Standing, ...] | None:
        """The pool's standings once all its contests are settled, else None."""
        if pool not in self.standings:
            contests = self.pools[pool]
            if any(c.number > len(self.states) for c in contests):
                return None
            if any(self.states[c.number - 1].status not in SETTLED for c in contests):
                return None
            self.standings[pool] = self._rank(pool)
        return self.standings[pool]

    def _rank(self, pool: str) -> tuple[Standing, ...]:
        """Rank the pool on the contests fought so far; athletes out are not ranked."""
        states = [self.states[c.number - 1] for c in self.pools[pool]
                  if c.number <= len(self.states)]
        fought = [
            PoolContest(s.white, s.blue, s.winner, self.points(s.result.value), s.result.time)
            for s in states
            if s.result is not None and s.white is not None and s.blue is not None
            and s.winner is not None
        ]
        lines = (self.lines[i] for i in self.system.pools[pool])
        ranked = [a for a in lines if a is not None and a not in self.excluded]
        return rank_pool(ranked, fought, self.weights)

    def _placings(self) -> dict[int, tuple[Athlete, ...]]:
        rule_place = {p.feed: p.place for p in self.system.placings}
        placings: dict[int, list[Athlete]] = {}
        for rule in self.system.placings:
            athlete = self._resolve(rule.feed)
            if athlete is WAITING or athlete is None or athlete in self.excluded:
                continue
            place = rule.place
            if isinstance(rule.feed, PoolRank):
                # A shared pool rank gives a shared place: the place of the first of the tie.
                pool = self.standings[rule.feed.pool]
                shared = next(s.rank for s in pool if s.athlete == athlete)
                place = rule_place.get(PoolRank(rule.feed.pool, shared), place)
            placings.setdefault(place, []).append(athlete)
        return {place: tuple(names) for place, names in sorted(placings.items())}


def _fusen(contest: Contest, white: Athlete, blue: Athlete, out: Collection[Athlete]
           ) -> ContestState:
    """An athlete who is out loses by fusen-gachi; with both out, nobody goes on."""
    if white in out and blue in out:
        return ContestState(contest, white, blue, Status.EMPTY)
    side = Side.BLUE if white in out else Side.WHITE
    return ContestState(contest, white, blue, Status.FUSEN,
                        Result(side, method="fusen-gachi", value="ippon"))


@dataclass(frozen=True, slots=True)
class Recorded:
    """A result as entered, with the pair it was entered for: if a correction upstream changes
    the pair, the result no longer applies (it becomes void)."""

    white: Athlete
    blue: Athlete
    result: Result


@dataclass(frozen=True)
class Bracket:
    """One category's competition: system, draw lines, results. Immutable; methods return new.

    `points` is the ruleset's `win_points`. `out` are athletes out before the start (absent,
    failed weigh-in): they lose every contest by fusen-gachi. An athlete who goes out during the
    competition does so through a result with `excluded=True` (an excluding hansoku-make, a kiken
    with the athlete declared unfit, a fusen-gachi for not coming to the mat).
    `weights` (official weigh-in) break pool ties that nothing else breaks.
    """

    system: System
    lines: tuple[Athlete | None, ...]
    points: Points
    out: frozenset[Athlete] = frozenset()
    weights: Mapping[Athlete, float] = field(default_factory=dict)
    results: Mapping[int, Recorded] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.lines) != self.system.lines:
            raise ValueError(
                f"{self.system.name} for {self.system.lines} lines was given {len(self.lines)}"
            )
        seen: set[Athlete] = set()
        for athlete in self.lines:
            if athlete in seen:
                raise ValueError(f"{athlete} is on more than one line")
            if athlete is not None:
                seen.add(athlete)

    @cached_property
    def progress(self) -> Progress:
        return derive(self.system, self.lines, self._recorded, self.points, out=self.out,
                      weights=self.weights)

    def _recorded(self, state: ContestState) -> Result | None:
        recorded = self.results.get(state.number)
        if recorded is None or (recorded.white, recorded.blue) != (state.white, state.blue):
            return None
        return recorded.result

    @property
    def void(self) -> tuple[int, ...]:
        """Contests whose recorded result does not apply any more (athletes changed, or an
        athlete is now out of the tournament)."""
        states = self.progress.contests
        return tuple(sorted(
            number for number, recorded in self.results.items()
            if states[number - 1].status is not Status.DECIDED
            or states[number - 1].result is not recorded.result
        ))

    def feed(self, number: int, result: Result) -> Bracket:
        """Record the result of a READY contest."""
        state = self._state(number)
        if state.status is not Status.READY:
            raise BracketError(f"contest {number} ({state.round}) is {state.status}, not ready")
        return self._with(number, result, state)

    def correct(self, number: int, result: Result | None) -> Bracket:
        """Replace (or with None, remove) the result of a decided contest; results that no
        longer apply are dropped. Call `impact` first to show what will change."""
        changed = self.amend(number, result)
        void = set(changed.void)
        kept = {n: r for n, r in changed.results.items() if n not in void}
        return replace(changed, results=kept)

    def amend(self, number: int, result: Result | None) -> Bracket:
        """The bracket with a decided contest's result replaced (None: removed), keeping results
        that become void so that they can be shown; `correct` drops them."""
        state = self._state(number)
        if state.status is not Status.DECIDED:
            raise BracketError(f"contest {number} ({state.round}) has no result to correct")
        if result is None:
            return replace(self, results={n: r for n, r in self.results.items() if n != number})
        return self._with(number, result, state)

    def _with(self, number: int, result: Result, state: ContestState) -> Bracket:
        assert state.white is not None  # READY and DECIDED contests have both athletes
        assert state.blue is not None
        recorded = Recorded(state.white, state.blue, result)
        return replace(self, results={**self.results, number: recorded})

    def _state(self, number: int) -> ContestState:
        if not 1 <= number <= len(self.system.contests):
            raise BracketError(f"there is no contest {number} in this {self.system.name}")
        return self.progress.contests[number - 1]
