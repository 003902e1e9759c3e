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
        yield from self._final_block()

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
            away = [s for s in slots if fix.mat is not None and s.mat != fix.mat
                    and s.status is not SlotStatus.DONE
                    and not (shown and self._in_final_block(block, s))]
            if away:
                yield Violation(Kind.FIXED, f"{fix.category} is fixed to mat {fix.mat}, but "
                                f"{len(away)} of its contests are on "
                                f"{_mats({s.mat for s in away})}.",
                                tuple(s.key for s in away))
            early = [s for s in slots if fix.not_before is not None
                     and s.start < fix.not_before]
            if early and fix.not_before is not None:
                yield Violation(Kind.FIXED, f"{fix.category} starts at {_hm(early[0].start)}, "
                                f"before its block opens at {_hm(fix.not_before)}.",
                                tuple(s.key for s in early))

    def _final_block(self) -> Iterator[Violation]:
        block = self.problem.final_block
        if block is None:
            return
        covered = [s for s in self.plan.slots() if block.covers(s.category)]
        others = [s for s in covered if s.round not in block.rounds]
        last = max(others, key=lambda s: s.end, default=None)
        for slot in covered:
            if slot.round not in block.rounds:
                continue
            if block.mats and slot.mat not in block.mats and slot.status is SlotStatus.PLANNED:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} is on mat {slot.mat}, but "
                                f"the final block is fought on {_mats(block.mats)}.",
                                (slot.key,))
            if last is not None and slot.start < last.end:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} at {_hm(slot.start)} on "
                                f"mat {slot.mat} is in the final block, but {_contest(last)} "
                                f"still ends at {_hm(last.end)} on mat {last.mat}.",
                                (slot.key, last.key))
            elif block.not_before is not None and slot.start < block.not_before:
                yield Violation(Kind.FINAL_BLOCK, f"{_contest(slot)} at {_hm(slot.start)} is "
                                f"before the final block opens at {_hm(block.not_before)}.",
                                (slot.key,))
