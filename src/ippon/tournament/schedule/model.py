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
from itertools import pairwise

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
    """The organiser's fixed assignment of a category: to a mat (1-based), to a time block
    that opens at `not_before`, and/or to a day (1-based, of `Problem.days`). `mats`: how many
    mats its early rounds are spread over (1: never split; None: the scheduler's choice, which
    splits only a category too long for its day and not fixed to a mat)."""

    category: str
    mat: int | None = None
    not_before: datetime | None = None
    day: int | None = None  # 1-based, of `Problem.days`
    mats: int | None = None


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


@dataclass(frozen=True, slots=True)
class Day:
    """A day of fighting: mats open at `start` and close at `end` (None: no set end, only for
    the last day). With a final block, this day's block opens no earlier than `finals`."""

    start: datetime
    end: datetime | None = None
    finals: datetime | None = None


@dataclass(frozen=True, slots=True)
class Break:
    """A time no contest is fought: lunch, a medal ceremony. `mats`: the mats it stops
    (1-based; empty: every mat)."""

    start: datetime
    end: datetime
    mats: tuple[int, ...] = ()
    label: str = "break"

    def stops(self, mat: int) -> bool:
        return not self.mats or mat in self.mats

    def __str__(self) -> str:
        return f"{self.label} {self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Problem:
    """Everything the scheduler needs. `categories` are in entry order (the order of the
    programme: the naive plan deals them in this order, and each mat fights its categories in
    this order as far as the rest time allows). `names` maps athlete ids to the names shown in
    messages (the id is shown where missing). `days`: when the mats are open, in order (empty:
    one day from `start` without end); no contest is planned outside them or across one of
    the `breaks`."""

    categories: tuple[CategoryToPlan, ...]
    mats: int
    start: datetime
    rest: timedelta = REST_TIME
    before: tuple[Before, ...] = ()
    fixed: tuple[Fix, ...] = ()
    final_block: FinalBlock | None = None
    names: Mapping[Athlete, str] = field(default_factory=dict)
    days: tuple[Day, ...] = ()
    breaks: tuple[Break, ...] = ()

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
            if fix.mats is not None and not 1 <= fix.mats <= self.mats:
                raise ScheduleError(f"{fix.category} is to be split over {fix.mats} mats, but "
                                    f"there are {self.mats}")
            if fix.day is not None and not 1 <= fix.day <= max(len(self.days), 1):
                raise ScheduleError(f"{fix.category} is set to day {fix.day}, but there "
                                    f"are {len(self.days)} days")
        self._check_days()

        block = self.final_block
        for mat in () if block is None else block.mats:
            if not 1 <= mat <= self.mats:
                raise ScheduleError(f"the final block is on mat {mat}, but there are mats 1 to "
                                    f"{self.mats}")

    def _check_days(self) -> None:
        for number, day in enumerate(self.days, start=1):
            last = number == len(self.days)
            if day.end is None and not last:
                raise ScheduleError(f"day {number} needs an end: the next day follows it")
            if day.end is not None and day.end <= day.start:
                raise ScheduleError(f"day {number} ends ({day.end:%H:%M}) before it starts "
                                    f"({day.start:%H:%M})")
            following = None if last else self.days[number]
            if following is not None and day.end is not None and following.start < day.end:
                raise ScheduleError(f"day {number + 1} starts before day {number} ends")
        for pause in self.breaks:
            if pause.end <= pause.start:
                raise ScheduleError(f"the {pause.label} at {pause.start:%H:%M} ends before "
                                    "it starts")
            for mat in pause.mats:
                if not 1 <= mat <= self.mats:
                    raise ScheduleError(f"the {pause.label} at {pause.start:%H:%M} stops mat "
                                        f"{mat}, but there are mats 1 to {self.mats}")

    def name(self, athlete: Athlete) -> str:
        return self.names.get(athlete, athlete)

    def day_of(self, at: datetime) -> int | None:
        """The day (1-based) `at` falls in, or None outside every day (without days: 1)."""
        if not self.days:
            return 1
        for number, day in enumerate(self.days, start=1):
            if day.start <= at and (day.end is None or at <= day.end):
                return number
        return None

    def closed(self, mat: int) -> list[tuple[datetime, datetime, str]]:
        """When mat `mat` (1-based) fights nothing, in time order: the nights between days
        and its breaks. (After the last day's end the plan may run on when the days are too
        short for the contests; `check` says so.)"""
        out = [(day.end, following.start, f"night after day {number}")
               for number, (day, following) in enumerate(pairwise(self.days), start=1)
               if day.end is not None]
        out += [(b.start, b.end, b.label) for b in self.breaks if b.stops(mat)]
        return sorted(out, key=lambda c: c[0])

    def day_number(self, category: str) -> int | None:
        """The day the organiser set for the category (None: the scheduler's choice)."""
        fix = self.fix_of(category)
        return None if fix is None else fix.day

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
        """The category's own mat: that of its last contest before the final rounds (a split
        category's early rounds are on more mats and it comes together on its own mat; the
        final block may be on show mats). None: no slot."""
        slots = self._by_category.get(category)
        if not slots:
            return None
        before = [s for s in slots if s.round not in FINAL_ROUNDS] or slots
        return before[-1].mat

    def mats_of(self, category: str) -> tuple[int, ...]:
        """Every mat the category is planned on, its own mat first."""
        own = self.mat_of(category)
        if own is None:
            return ()
        return (own, *sorted({s.mat for s in self._by_category[category]} - {own}))

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
