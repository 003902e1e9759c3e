"""What the scheduler takes and what it gives back.

A `Problem` is the day as the organiser sets it up: categories (each a `Bracket`, so a live
re-plan sees the results already in), the expected duration of a contest, the mats, the rest
time, and the constraints. A `Plan` is an ordered list of `Slot`s per mat with estimated times.
Instants are `datetime`s the caller passes in; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property

from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Athlete

ContestKey = tuple[str, int]
"""A contest of the day: (category key, contest number in its system)."""

REST_TIME = timedelta(minutes=10)
"""RULES §1.11: at least 10 minutes between two contests of the same athlete."""

FINAL_ROUNDS = frozenset({"F", "BRONZE", "GF"})


class ScheduleError(ValueError):
    """The problem cannot be planned as given (unknown category, cyclic order, bad mat)."""


@dataclass(frozen=True)
class CategoryToPlan:
    """One category of the day. `key` is how plans and messages name it ("U13 Boys -34 kg").
    `duration` is the expected time a contest takes on the mat, changeover included;
    `durations` overrides it for single contests (a final with ceremony, say)."""

    key: str
    bracket: Bracket
    duration: timedelta
    durations: Mapping[int, timedelta] = field(default_factory=dict)

    def duration_of(self, number: int) -> timedelta:
        return self.durations.get(number, self.duration)


@dataclass(frozen=True, slots=True)
class Before:
    """Category `then` starts only once every contest of category `first` has ended."""

    first: str
    then: str


@dataclass(frozen=True, slots=True)
class Fix:
    """The organiser's fixed assignment of a category: to a mat (1-based), and/or to a time
    block that opens at `not_before`."""

    category: str
    mat: int | None = None
    not_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class FinalBlock:
    """Contests of `rounds` start only after every other contest has ended (the final block),
    and not before `not_before`. `categories`: the categories it applies to (empty: all).
    `mats`: the mats (1-based) the block is fought on, whichever is free first (empty: each
    category's own mat)."""

    rounds: frozenset[str] = FINAL_ROUNDS
    categories: frozenset[str] = frozenset()
    not_before: datetime | None = None
    mats: tuple[int, ...] = ()

    def covers(self, category: str) -> bool:
        return not self.categories or category in self.categories


@dataclass(frozen=True)
class Problem:
    """Everything the scheduler needs. `categories` are in entry order (the order of the
    programme: the naive plan deals them in this order, and each mat fights its categories in
    this order as far as the rest time allows). `names` maps athlete ids to the names shown in
    messages (the id is shown where missing)."""

    categories: tuple[CategoryToPlan, ...]
    mats: int
    start: datetime
    rest: timedelta = REST_TIME
    before: tuple[Before, ...] = ()
    fixed: tuple[Fix, ...] = ()
    final_block: FinalBlock | None = None
    names: Mapping[Athlete, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.mats < 1:
            raise ScheduleError(f"a schedule needs at least one mat, not {self.mats}")
        keys = [c.key for c in self.categories]
        if len(set(keys)) != len(keys):
            twice = sorted({k for k in keys if keys.count(k) > 1})
            raise ScheduleError(f"categories entered twice: {', '.join(twice)}")
        known = set(keys)
        for rule in self.before:
            for key in (rule.first, rule.then):
                if key not in known:
                    raise ScheduleError(f"the order rule names an unknown category {key!r}")
            # A longer cycle is found by the scheduler, which then cannot place everything.
            if rule.first == rule.then:
                raise ScheduleError(f"{rule.first} cannot come before itself")
        for fix in self.fixed:
            if fix.category not in known:
                raise ScheduleError(f"a fixed assignment names an unknown category "
                                    f"{fix.category!r}")
            if fix.mat is not None and not 1 <= fix.mat <= self.mats:
                raise ScheduleError(f"{fix.category} is fixed to mat {fix.mat}, but there are "
                                    f"mats 1 to {self.mats}")

        block = self.final_block
        for mat in () if block is None else block.mats:
            if not 1 <= mat <= self.mats:
                raise ScheduleError(f"the final block is on mat {mat}, but there are mats 1 to "
                                    f"{self.mats}")

    def name(self, athlete: Athlete) -> str:
        return self.names.get(athlete, athlete)

    def fix_of(self, category: str) -> Fix | None:
        return next((f for f in self.fixed if f.category == category), None)


class SlotStatus(StrEnum):
    PLANNED = "planned"
    UNDERWAY = "underway"  # on the mat now
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Slot:
    """A contest on a mat. `white`/`blue` are the athletes known when planning (None: decided
    by a contest still to come)."""

    category: str
    contest: int
    round: str
    mat: int
    start: datetime
    end: datetime
    white: Athlete | None = None
    blue: Athlete | None = None
    status: SlotStatus = SlotStatus.PLANNED

    @property
    def key(self) -> ContestKey:
        return (self.category, self.contest)

    @property
    def athletes(self) -> tuple[Athlete, ...]:
        return tuple(a for a in (self.white, self.blue) if a is not None)


@dataclass(frozen=True)
class Plan:
    """Per mat (index 0 is mat 1), the slots in the order they are called."""

    start: datetime
    mats: tuple[tuple[Slot, ...], ...]

    def slots(self) -> Iterator[Slot]:
        for slots in self.mats:
            yield from slots

    @property
    def finish(self) -> datetime:
        """When the last contest is expected to end."""
        return max((s.end for s in self.slots()), default=self.start)

    def slot(self, key: ContestKey) -> Slot:
        try:
            return self._by_key[key]
        except KeyError:
            raise ScheduleError(f"contest {key[1]} of {key[0]} is not in the plan") from None

    def get(self, key: ContestKey) -> Slot | None:
        return self._by_key.get(key)

    def mat_of(self, category: str) -> int | None:
        """The mat of the category's first slot (None if it has no slot)."""
        slots = self._by_category.get(category)
        return slots[0].mat if slots else None

    def of_category(self, category: str) -> tuple[Slot, ...]:
        return tuple(self._by_category.get(category, ()))

    def eta(self, athlete: Athlete) -> Slot | None:
        """The athlete's next known contest (not yet done), or None if none is known: they
        are out, finished, or wait for results (a pool to end) to know their next contest."""
        return self._etas.get(athlete)

    @cached_property
    def etas(self) -> Mapping[Athlete, Slot]:
        return dict(self._etas)

    @cached_property
    def _by_key(self) -> dict[ContestKey, Slot]:
        return {s.key: s for s in self.slots()}

    @cached_property
    def _by_category(self) -> dict[str, list[Slot]]:
        out: dict[str, list[Slot]] = {}
        for s in sorted(self.slots(), key=lambda s: s.start):
            out.setdefault(s.category, []).append(s)
        return out

    @cached_property
    def _etas(self) -> dict[Athlete, Slot]:
        out: dict[Athlete, Slot] = {}
        for s in self.slots():
            if s.status is SlotStatus.DONE:
                continue
            for athlete in s.athletes:
                known = out.get(athlete)
                if known is None or s.start < known.start:
                    out[athlete] = s
        return out
