"""Check a plan against the problem, in words the organiser can act on.

Used after a manual move (`moves`) and by the tests on every plan the scheduler makes. Each
broken constraint is one `Violation`, e.g.

    JONES Anna would fight at 10:42 on mat 3 only 4 minutes after her contest on mat 1 ends
    (rest time 10 minutes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import pairwise

from ippon.tournament.model import Athlete
from ippon.tournament.schedule.graph import Graph, Task, build
from ippon.tournament.schedule.model import (
    ContestKey,
    FinalBlock,
    Plan,
    Problem,
    Slot,
    SlotStatus,
)

EPS = 1e-6


class Kind(StrEnum):
    MISSING = "missing"  # a contest to fight is not on the plan
    NOT_NEEDED = "not-needed"  # a slot for a contest that will not be fought
    TWICE = "twice"  # a contest on the plan twice
    OVERLAP = "overlap"  # two contests at once on one mat
    FEED = "feed"  # a contest before the contest that decides who fights in it
    REST = "rest"  # an athlete without their rest time
    DOUBLE_BOOKED = "double-booked"  # an athlete on two mats at once
    ORDER = "order"  # a category order rule (Before)
    FIXED = "fixed"  # a fixed mat or time block
    FINAL_BLOCK = "final-block"
    BREAK = "break"  # a contest during a break or a night
    DAY = "day"  # a contest outside the days, or a category over two days or on another day


@dataclass(frozen=True, slots=True)
class Violation:
    kind: Kind
    message: str
    contests: tuple[ContestKey, ...]

    def __str__(self) -> str:
        return self.message


def check(problem: Problem, plan: Plan) -> list[Violation]:
    """Every constraint `plan` breaks, most serious first (missing contests, then clashes)."""
    return list(_Checker(problem, plan).run())


def _hm(at: datetime) -> str:
    return f"{at:%H:%M}"


def _minutes(seconds: float) -> str:
    whole = int(max(seconds, 0) // 60)
    if whole == 0:
        return "less than a minute"
    return "1 minute" if whole == 1 else f"{whole} minutes"


def _after(seconds: float) -> str:
    return "right after" if seconds < 60 else f"only {_minutes(seconds)} after"


def _mats(mats: Iterable[int]) -> str:
    """'mat 2', 'mats 1 and 2', 'mats 1, 2 and 5'."""
    names = [str(m) for m in sorted(set(mats))]
    if len(names) == 1:
        return f"mat {names[0]}"
    return f"mats {', '.join(names[:-1])} and {names[-1]}"


def _history(a: Slot, b: Slot) -> bool:
    """Both contests are fought or being fought: what happened is not the plan's to break."""
    return a.status is not SlotStatus.PLANNED and b.status is not SlotStatus.PLANNED


def _contest(slot: Slot) -> str:
    return f"{slot.category} contest {slot.contest} ({slot.round})"


class _Checker:
    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem, self.plan = problem, plan
        ended = {s.key: (s.end - problem.start).total_seconds()
                 for s in plan.slots() if s.status is SlotStatus.DONE}
        self.graph: Graph = build(problem, ended)
        self.rest = self.graph.rest
        self.slots: dict[ContestKey, Slot] = {}
        self.rest_text = _minutes(self.rest)
        self.fed: set[tuple[ContestKey, ContestKey]] = set()  # reported by _feeds already

    def run(self) -> Iterator[Violation]:
        yield from self._coverage()
        yield from self._mats()
        yield from self._feeds()
        yield from self._athletes()
        yield from self._order()
        yield from self._fixed()
        yield from self._split()
        yield from self._final_block()
        yield from self._breaks()
        yield from self._days()

    def _coverage(self) -> Iterator[Violation]:
        graph = self.graph
        for slot in self.plan.slots():
            if slot.key in self.slots:
                first = self.slots[slot.key]
                yield Violation(Kind.TWICE, f"{_contest(slot)} is on the plan twice: mat "
                                f"{first.mat} at {_hm(first.start)} and mat {slot.mat} at "
                                f"{_hm(slot.start)}.", (slot.key,))
                continue
            self.slots[slot.key] = slot
            if slot.key not in graph.by_key:
                yield Violation(Kind.NOT_NEEDED, f"{_contest(slot)} on mat {slot.mat} at "
                                f"{_hm(slot.start)} will not be fought (a walkover, empty, "
                                "or not a contest of the category).", (slot.key,))
        for task in graph.tasks:
            key = graph.key(task)
            if not task.done and key not in self.slots:
                yield Violation(Kind.MISSING, f"{key[0]} contest {task.number} ({task.round}) "
                                "is not on any mat.", (key,))

    def _mats(self) -> Iterator[Violation]:
        for slots in self.plan.mats:
            for a, b in pairwise(slots):
                if _history(a, b):
                    continue
                if (b.start - a.end).total_seconds() < -EPS:
                    yield Violation(Kind.OVERLAP, f"On mat {a.mat}, {_contest(b)} at "
                                    f"{_hm(b.start)} starts before {_contest(a)} ends "
                                    f"({_hm(a.end)}).", (a.key, b.key))

    def _slot_of(self, task: Task) -> Slot | None:
        return self.slots.get(self.graph.key(task))

    def _feeds(self) -> Iterator[Violation]:
        graph = self.graph
        for task in graph.tasks:
            slot = self._slot_of(task)
            if slot is None or task.done:
                continue
            for p in task.preds:
                feeder = self._slot_of(graph.tasks[p])
                if feeder is None or _history(feeder, slot):
                    continue
                gap = (slot.start - feeder.end).total_seconds()
                if gap < self.rest - EPS:
                    self.fed.add((feeder.key, slot.key))
                if gap < -EPS:
                    yield Violation(Kind.FEED, f"{_contest(slot)} at {_hm(slot.start)} on mat "
                                    f"{slot.mat} comes before {_contest(feeder)}, which decides "
                                    f"who fights in it and ends at {_hm(feeder.end)} on mat "
                                    f"{feeder.mat}.", (feeder.key, slot.key))
                elif gap < self.rest - EPS:
                    known = [a for a in slot.athletes if a in feeder.athletes]
                    if known:  # say who, now that the results have told
                        yield from (self._clash(a, feeder, slot, gap, True) for a in known)
                        continue
                    yield Violation(Kind.REST, f"An athlete of {_contest(feeder)} (ends "
                                    f"{_hm(feeder.end)} on mat {feeder.mat}) would fight "
                                    f"{_contest(slot)} at {_hm(slot.start)} on mat {slot.mat} "
                                    f"{_after(gap)} it (rest time {self.rest_text}).",
                                    (feeder.key, slot.key))

    def _athletes(self) -> Iterator[Violation]:
        """Athletes' own contests: known ones in any category, and for athletes in two
        categories, the contests their results may lead to in the other category."""
        graph = self.graph
        fights: dict[Athlete, list[tuple[Slot, int, bool]]] = {}
        for task in graph.tasks:
            slot = self._slot_of(task)
            if slot is None:
                continue
            for athlete in task.definite:
                fights.setdefault(athlete, []).append((slot, task.cat, True))
            for athlete in task.cross:
                fights.setdefault(athlete, []).append((slot, task.cat, False))
        for athlete, entries in sorted(fights.items()):
            entries.sort(key=lambda e: e[0].start)
            for i, (a, cat_a, sure_a) in enumerate(entries):
                for b, cat_b, sure_b in entries[i + 1:]:
                    gap = (b.start - a.end).total_seconds()
                    if gap >= self.rest - EPS:
                        break  # later ones start later still
                    if cat_a == cat_b and not (sure_a and sure_b):
                        continue  # the feeds carry it, or the two cannot both happen
                    if (a.key, b.key) in self.fed or _history(a, b):
                        continue
                    yield self._clash(athlete, a, b, gap, sure_a and sure_b)

    def _clash(self, athlete: Athlete, a: Slot, b: Slot, gap: float, sure: bool
               ) -> Violation:
        name = self.problem.name(athlete)
        would = "would" if sure else "could (depending on results)"
        if gap < -EPS:
            return Violation(Kind.DOUBLE_BOOKED, f"{name} {would} be called to mat {b.mat} at "
                             f"{_hm(b.start)} ({_contest(b)}) while still on mat {a.mat} until "
                             f"{_hm(a.end)} ({_contest(a)}).", (a.key, b.key))
        return Violation(Kind.REST, f"{name} {would} fight at {_hm(b.start)} on mat {b.mat} "
                         f"({_contest(b)}) {_after(gap)} their contest on mat "
                         f"{a.mat} ends at {_hm(a.end)} ({_contest(a)}; rest time "
                         f"{self.rest_text}).", (a.key, b.key))

    def _order(self) -> Iterator[Violation]:
        block = self.problem.final_block
        for rule in self.problem.before:
            for final in (False, True):  # as in the scheduler: each part of the day apart
                first = [s for s in self.plan.of_category(rule.first)
                         if self._in_final_block(block, s) is final]
                then = [s for s in self.plan.of_category(rule.then)
                        if self._in_final_block(block, s) is final]
                if not first or not then:
                    continue
                last = max(first, key=lambda s: s.end)
                begin = min(then, key=lambda s: s.start)
                if begin.start < last.end:
                    part = " in the final block" if final else ""
                    yield Violation(Kind.ORDER, f"{rule.then} starts{part} at "
                                    f"{_hm(begin.start)} on mat {begin.mat}, but {rule.first} "
                                    f"must end first (it ends at {_hm(last.end)} on mat "
                                    f"{last.mat}).", (last.key, begin.key))

    @staticmethod
    def _in_final_block(block: FinalBlock | None, slot: Slot) -> bool:
        return block is not None and block.covers(slot.category) and slot.round in block.rounds

    def _fixed(self) -> Iterator[Violation]:
        for fix in self.problem.fixed:
            slots = self.plan.of_category(fix.category)
            block = self.problem.final_block
            shown = block is not None and bool(block.mats)  # finals go to the show mats
            split = fix.mats is not None and fix.mats > 1
            away = [s for s in slots if fix.mat is not None and s.mat != fix.mat
                    and s.status is not SlotStatus.DONE
                    and not (shown and self._in_final_block(block, s))
                    and not (split and self._early(s))]  # a split's early rounds may be
            if away:
                yield Violation(Kind.FIXED, f"{fix.category} is fixed to mat {fix.mat}, but "
                                f"{len(away)} of its contests are on "
                                f"{_mats({s.mat for s in away})}.",
                                tuple(s.key for s in away))
            spread = {s.mat for s in slots if s.status is not SlotStatus.DONE
                      and not (shown and self._in_final_block(block, s))}
            if fix.mats is not None and len(spread) > fix.mats:
                most = "1 mat" if fix.mats == 1 else f"{fix.mats} mats"
                yield Violation(Kind.FIXED, f"{fix.category} is to be fought on at most "
                                f"{most}, but it is planned on {_mats(spread)}.",
                                tuple(s.key for s in slots if s.status is not SlotStatus.DONE))
            early = [s for s in slots if fix.not_before is not None
                     and s.start < fix.not_before]
            if early and fix.not_before is not None:
                yield Violation(Kind.FIXED, f"{fix.category} starts at {_hm(early[0].start)}, "
                                f"before its block opens at {_hm(fix.not_before)}.",
                                tuple(s.key for s in early))

    def _early(self, slot: Slot) -> bool:
        """Before the split cut (`graph.early_contests`): may be on a split category's
        other mats."""
        index = self.graph.by_key.get(slot.key)
        return index is not None and self.graph.tasks[index].early

    def _split(self) -> Iterator[Violation]:
        """A category comes together on one mat from its split cut on (the quarter-finals,
        the pool finals), except for the final block's show mats."""
        block = self.problem.final_block
        shown = block is not None and bool(block.mats)
        for cat in self.problem.categories:
            slots = self.plan.of_category(cat.key)
            if len({s.mat for s in slots}) < 2 or not any(self._early(s) for s in slots):
                continue
            if len({s.mat for s in slots if self._early(s)}) < 2:
                continue  # not split: a manual move is the organiser's to judge
            later = [s for s in slots if not self._early(s) and s.status is SlotStatus.PLANNED
                     and not (shown and self._in_final_block(block, s))]
            own = self.plan.mat_of(cat.key)
            away = [s for s in later if s.mat != own]
            if away:
                yield Violation(Kind.FIXED, f"{cat.key} is split for its early rounds, but "
                                f"{len(away)} of its later contests are on "
                                f"{_mats({s.mat for s in away})}, not on mat {own}.",
                                tuple(s.key for s in away))

    def _final_block(self) -> Iterator[Violation]:
        block = self.problem.final_block
        if block is None:
            return
        problem = self.problem
        covered = [s for s in self.plan.slots() if block.covers(s.category)]
        # With several days each day has its own final block: a category's day is the day
        # of its first contest.
        day_of: dict[str, int] = {}
        for slot in sorted(covered, key=lambda s: s.start):
            day_of.setdefault(slot.category, problem.day_of(slot.start) or 0
                              if len(problem.days) > 1 else 1)
        last: dict[int, Slot] = {}
        for slot in covered:
            day = day_of[slot.category]
            if slot.round not in block.rounds and (day not in last
                                                   or slot.end > last[day].end):
                last[day] = slot
        for slot in covered:
            if slot.round not in block.rounds:
                continue
            day = day_of[slot.category]
            opens = block.not_before
            finals = problem.days[day - 1].finals if problem.days and day else None
            if finals is not None and (opens is None or finals > opens):
                opens = finals
            before = last.get(day)
            if block.mats and slot.mat not in block.mats and slot.status is SlotStatus.PLANNED:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} is on mat {slot.mat}, but "
                                f"the final block is fought on {_mats(block.mats)}.",
                                (slot.key,))
            if before is not None and slot.start < before.end:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} at {_hm(slot.start)} on "
                                f"mat {slot.mat} is in the final block, but {_contest(before)} "
                                f"still ends at {_hm(before.end)} on mat {before.mat}.",
                                (slot.key, before.key))
            elif opens is not None and slot.start < opens:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} at {_hm(slot.start)} is "
                                f"before the final block opens at {_hm(opens)}.",
                                (slot.key,))

    def _breaks(self) -> Iterator[Violation]:
        for mat, slots in enumerate(self.plan.mats, start=1):
            closed = self.problem.closed(mat)
            for slot in slots:
                if slot.status is not SlotStatus.PLANNED:
                    continue
                for begin, end, label in closed:
                    if slot.start < end and begin < slot.end:
                        yield Violation(Kind.BREAK, f"{_contest(slot)} at {_hm(slot.start)} "
                                        f"on mat {mat} runs into the {label} ({_hm(begin)}–"
                                        f"{_hm(end)}).", (slot.key,))
                        break

    def _days(self) -> Iterator[Violation]:
        problem = self.problem
        if not problem.days:
            return
        first, last = problem.days[0], problem.days[-1]
        outside: dict[str, list[Slot]] = {}
        for slot in self.plan.slots():
            if slot.status is not SlotStatus.PLANNED:
                continue
            if slot.start < first.start or (last.end is not None and slot.end > last.end):
                outside.setdefault(slot.category, []).append(slot)
        for category, slots in outside.items():
            late = max(slots, key=lambda s: s.end)
            if late.end > first.start and last.end is not None and late.end > last.end:
                where = (f"after the last day ends at {_hm(last.end)} (the last at "
                         f"{_hm(late.start)} on mat {late.mat})")
            else:
                where = f"before the first day starts at {_hm(first.start)}"
            count = "1 contest" if len(slots) == 1 else f"{len(slots)} contests"
            yield Violation(Kind.DAY, f"{category}: {count} {where}.",
                            tuple(s.key for s in slots))
        if len(problem.days) < 2:
            return
        for cat in problem.categories:
            fought = self.plan.of_category(cat.key)
            if not any(s.status is SlotStatus.PLANNED for s in fought):
                continue
            days = sorted({d for d in (problem.day_of(s.start) for s in fought)
                           if d is not None})
            wanted = problem.day_number(cat.key)
            if len(days) > 1:
                yield Violation(Kind.DAY, f"{cat.key} is fought on days "
                                f"{' and '.join(str(d) for d in days)}: a category is fought "
                                "on one day.", tuple(s.key for s in fought))
            elif wanted is not None and days and days[0] != wanted:
                yield Violation(Kind.DAY, f"{cat.key} is set to day {wanted}, but it is "
                                f"planned on day {days[0]}.", tuple(s.key for s in fought))
