"""The scheduler: feeds, rest time, athletes in two categories, order rules, mats, ETAs."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Athlete, Entry, LoserOf, PoolRank, WinnerOf
from ippon.tournament.schedule import (
    Before,
    CategoryToPlan,
    FinalBlock,
    Fix,
    Plan,
    Problem,
    ScheduleError,
    Slot,
    check,
    lower_bound,
    naive_plan,
    schedule,
)
from ippon.tournament.seeding import bracket_size
from ippon.tournament.systems import build, default_system

from .helpers import POINTS, play

START = datetime(2026, 5, 16, 9, 0)
MIN = timedelta(minutes=1)


def at(hour: int, minute: int) -> datetime:
    return START.replace(hour=hour, minute=minute)


def category(key: str, names: Sequence[Athlete | None], minutes: float = 5,
             system: str | None = None) -> CategoryToPlan:
    """A category of `names` (None: an empty line) with the default system for its size."""
    present = [a for a in names if a is not None]
    name = system or default_system(len(present))
    size = len(names)
    lines = list(names)
    if name not in {"pool", "double-pool", "best-of-three"} and size & (size - 1):
        size = bracket_size(size)
        lines += [None] * (size - len(lines))
    return CategoryToPlan(key, Bracket(build(name, size), tuple(lines), POINTS),
                          timedelta(minutes=minutes))


def people(prefix: str, n: int) -> list[Athlete | None]:
    return [f"{prefix}{i}" for i in range(1, n + 1)]


def problem(*categories: CategoryToPlan, mats: int = 1, **options: object) -> Problem:
    return Problem(tuple(categories), mats, START, **options)  # type: ignore[arg-type]


def times(plan: Plan) -> list[tuple[str, int, str, str]]:
    return [(s.category, s.contest, f"{s.start:%H:%M}", f"{s.end:%H:%M}")
            for s in sorted(plan.slots(), key=lambda s: (s.start, s.mat))]


class _Reach:
    """Who may take part in each contest of a category, worked out from the graph alone: a
    second, simpler reading of the feeds than the scheduler's, to check it against."""

    def __init__(self, cat: CategoryToPlan) -> None:
        self.system, self.lines = cat.bracket.system, cat.bracket.lines
        self.reach: dict[int, set[Athlete]] = {}  # who may leave contest n
        self.fought: dict[int, bool] = {}  # whether contest n can be fought (no walkover)
        self.feeders: dict[int, list[int]] = {}  # the contests whose end contest n waits for
        for contest in self.system.contests:
            athletes: set[Athlete] = set()
            filled, feeders = 0, []
            for feed in (contest.white, contest.blue):
                if isinstance(feed, Entry):
                    came = {a for a in (self.lines[feed.index],) if a is not None}
                elif isinstance(feed, PoolRank):
                    pool = [c.number for c in self.system.contests if c.pool == feed.pool]
                    feeders += pool
                    came = set().union(*(self.reach[n] for n in pool))
                elif isinstance(feed, WinnerOf):
                    feeders.append(feed.contest)
                    came = self.reach[feed.contest]
                elif isinstance(feed, LoserOf):
                    feeders.append(feed.contest)
                    came = self.reach[feed.contest] if self.fought[feed.contest] else set()
                else:
                    feeders.append(feed.contest)
                    came = self.beaten(feed.contest, feed.back)
                athletes |= came
                filled += bool(came)
            self.reach[contest.number] = athletes
            self.fought[contest.number] = filled == 2
            self.feeders[contest.number] = feeders

    def beaten(self, number: int, back: int) -> set[Athlete]:
        """Who may have lost to the winner of `number`, `back` contests earlier."""
        if back == 0:
            return self.reach[number] if self.fought[number] else set()
        contest = self.system.contests[number - 1]
        return set().union(*(self.beaten(f.contest, back - 1)
                             for f in (contest.white, contest.blue) if isinstance(f, WinnerOf)))


def assert_sound(p: Problem, plan: Plan) -> None:
    """Check the plan against the brackets directly (not through `check`): one mat at a time,
    feeds ended plus the rest time, known athletes rested, and athletes in two categories never
    in two possible contests without the rest time between."""
    rest = p.rest
    for mat, slots in enumerate(plan.mats, start=1):
        assert all(s.mat == mat for s in slots)
        for a, b in pairwise(slots):
            assert a.end <= b.start, f"mat {mat}: {a.key} and {b.key} overlap"
    keys = [s.key for s in plan.slots()]
    assert len(keys) == len(set(keys)), "a contest is planned twice"
    by_key = {s.key: s for s in plan.slots()}
    possible: dict[Athlete, list[tuple[str, Slot]]] = {}
    for cat in p.categories:
        graph = _Reach(cat)
        for number, athletes in graph.reach.items():
            slot = by_key.get((cat.key, number))
            if slot is None:
                continue
            for n in graph.feeders[number]:
                earlier = by_key.get((cat.key, n))
                if earlier is not None:
                    assert slot.start >= earlier.end + rest, (slot.key, earlier.key)
            for athlete in athletes:
                possible.setdefault(athlete, []).append((cat.key, slot))
    for athlete, entries in possible.items():
        for i, (cat_a, a) in enumerate(entries):
            for cat_b, b in entries[i + 1:]:
                sure = athlete in a.athletes and athlete in b.athletes
                if cat_a != cat_b or sure:
                    first, then = sorted((a, b), key=lambda s: s.start)
                    assert then.start >= first.end + rest, (athlete, first.key, then.key)


def test_a_contest_waits_for_its_feeds_and_the_rest_time() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"))
    plan = schedule(p)
    assert times(plan) == [("A", 1, "09:00", "09:05"), ("A", 2, "09:05", "09:10"),
                           ("A", 3, "09:20", "09:25")]
    assert plan.finish == at(9, 25)
    assert_sound(p, plan)


def test_a_pool_alone_waits_for_the_rest_of_its_athletes() -> None:
    # Bouts 1-2, 2-3, 1-3: athlete 2 fights again at 09:15, athletes 1 and 3 at 09:30.
    p = problem(category("A", people("a", 3)))
    assert times(schedule(p)) == [("A", 1, "09:00", "09:05"), ("A", 2, "09:15", "09:20"),
                                  ("A", 3, "09:30", "09:35")]


def test_two_categories_on_a_mat_fill_each_others_rest_gaps() -> None:
    p = problem(category("A", people("a", 3)), category("B", people("b", 3)))
    plan = schedule(p)
    assert plan.finish < at(9, 35) + timedelta(minutes=30)  # better than one after the other
    assert plan.finish < naive_plan(p).finish
    assert_sound(p, plan)
    assert check(p, plan) == []


def test_walkovers_and_empty_contests_take_no_time() -> None:
    # 5 athletes on 8 lines: three first-round contests are walkovers.
    p = problem(category("A", [*people("a", 5), None, None, None],
                         system="single-elimination"))
    plan = schedule(p)
    fought = {s.contest for s in plan.slots()}
    assert len(fought) == 4  # five athletes, one champion: four contests
    assert_sound(p, plan)


def test_every_contest_fought_whatever_the_results_is_planned() -> None:
    p = problem(category("A", people("a", 11)), category("B", people("b", 7)), mats=2)
    plan = schedule(p)
    planned = {s.key for s in plan.slots()}
    for cat in p.categories:
        for seed in range(5):
            played = play(cat.bracket.system, cat.bracket.lines, random.Random(seed))
            for state in played.progress.contests:
                if state.result is not None:
                    assert (cat.key, state.number) in planned
    assert_sound(p, plan)


def test_an_athlete_in_two_categories_is_never_called_twice_at_once() -> None:
    shared = "JONES Anna"
    a = category("U13 -40", [shared, *people("a", 7)])
    b = category("U15 -40", [*people("b", 6), shared, "b7"])
    p = problem(a, b, mats=2)
    plan = schedule(p)
    assert plan.mat_of("U13 -40") != plan.mat_of("U15 -40")
    assert_sound(p, plan)
    assert check(p, plan) == []


def test_the_category_order_rule_is_kept() -> None:
    p = problem(category("A", people("a", 4)), category("B", people("b", 4)), mats=2,
                before=(Before("B", "A"),))
    plan = schedule(p)
    last_b = max(s.end for s in plan.of_category("B"))
    assert min(s.start for s in plan.of_category("A")) >= last_b
    assert check(p, plan) == []


def test_finals_wait_for_the_final_block() -> None:
    block = FinalBlock(not_before=at(12, 0))
    p = problem(category("A", people("a", 8)), category("B", people("b", 9)), mats=2,
                final_block=block)
    plan = schedule(p)
    finals = [s for s in plan.slots() if s.round in block.rounds]
    others = [s for s in plan.slots() if s.round not in block.rounds]
    assert finals
    assert min(s.start for s in finals) >= max(max(s.end for s in others), at(12, 0))
    assert check(p, plan) == []
    assert_sound(p, plan)


def test_the_final_block_can_be_fought_on_show_mats() -> None:
    block = FinalBlock(mats=(2,))
    p = problem(category("A", people("a", 8)), category("B", people("b", 9)),
                category("C", people("c", 5)), mats=3, final_block=block,
                fixed=(Fix("A", mat=1),))
    plan = schedule(p)
    finals = [s for s in plan.slots() if s.round in block.rounds]
    assert {s.mat for s in finals} == {2}
    assert {s.mat for s in plan.of_category("A") if s.round not in block.rounds} == {1}
    assert min(s.start for s in finals) >= max(s.end for s in plan.slots()
                                                if s.round not in block.rounds)
    assert check(p, plan) == []
    assert_sound(p, plan)
    naive = naive_plan(p)
    assert {s.mat for s in naive.slots() if s.round in block.rounds} == {2}
    assert check(p, naive) == []


def test_fixed_mats_and_time_blocks_are_kept() -> None:
    p = problem(category("A", people("a", 5)), category("B", people("b", 5)), mats=3,
                fixed=(Fix("A", mat=3), Fix("B", not_before=at(10, 30))))
    plan = schedule(p)
    assert {s.mat for s in plan.of_category("A")} == {3}
    assert min(s.start for s in plan.of_category("B")) >= at(10, 30)
    assert check(p, plan) == []


def test_each_category_stays_on_one_mat_and_the_mats_are_balanced() -> None:
    cats = [category(k, people(k, 4)) for k in "ABCD"]
    plan = schedule(problem(*cats, mats=2))
    for k in "ABCD":
        assert len({s.mat for s in plan.of_category(k)}) == 1
    assert sorted(len(slots) for slots in plan.mats) == [12, 12]


def test_eta_is_the_next_known_contest() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"))
    plan = schedule(p)
    eta = plan.eta("a3")
    assert eta is not None
    assert (eta.contest, eta.start) == (2, at(9, 5))
    assert plan.eta("nobody") is None
    assert plan.etas["a1"].contest == 1


def test_the_lower_bound_is_the_longest_chain_or_the_load() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"), mats=2)
    bound = lower_bound(p)
    assert bound.chain == at(9, 20)  # semi-final, rest, final
    assert bound.load == START + 7.5 * MIN  # 15 minutes over 2 mats
    assert bound.value == at(9, 20)
    assert "chain of A" in str(bound)
    many = problem(*(category(k, people(k, 2)) for k in "ABCDEF"), mats=2)
    assert lower_bound(many).value == START + 15 * MIN


def test_the_lower_bound_counts_a_pool_athletes_own_bouts() -> None:
    # Pool of 4 then semi-finals: every athlete fights 3 pool bouts with rest between.
    p = problem(category("A", people("a", 7)), mats=4)
    bound = lower_bound(p)
    # Pool A of 4: 3 bouts + 2 rests = 35 min, rest, semi-final, rest, final: 9:35+10+5+10+5.
    assert bound.chain == at(10, 5)
    assert schedule(p).finish >= bound.value


def test_a_plan_never_beats_the_lower_bound() -> None:
    p = problem(*(category(k, people(k, n)) for k, n in zip("ABCDE", (2, 5, 8, 12, 3),
                                                           strict=True)), mats=3)
    assert schedule(p).finish >= lower_bound(p).value
    assert naive_plan(p).finish >= schedule(p).finish


@pytest.mark.parametrize(("options", "message"), [
    ({"before": (Before("A", "X"),)}, "unknown category 'X'"),
    ({"fixed": (Fix("A", mat=4),)}, "fixed to mat 4, but there are mats 1 to 2"),
    ({"fixed": (Fix("Y"),)}, "unknown category 'Y'"),
    ({"final_block": FinalBlock(mats=(3,))}, "final block is on mat 3, but there are mats 1 to 2"),
])
def test_a_bad_problem_is_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        problem(category("A", people("a", 3)), mats=2, **options)


def test_a_category_order_cycle_is_refused() -> None:
    p = problem(category("A", people("a", 3)), category("B", people("b", 3)),
                before=(Before("A", "B"), Before("B", "A")))
    with pytest.raises(ScheduleError, match="can never be called"):
        schedule(p)
    with pytest.raises(ScheduleError, match="before itself"):
        problem(category("A", people("a", 3)), before=(Before("A", "A"),))


def test_no_mats_or_a_category_twice_is_refused() -> None:
    with pytest.raises(ScheduleError, match="at least one mat"):
        problem(category("A", people("a", 3)), mats=0)
    with pytest.raises(ScheduleError, match="entered twice: A"):
        problem(category("A", people("a", 3)), category("A", people("b", 3)))


def test_feeds_used_by_the_sound_check_cover_every_kind() -> None:
    # The validator above reads WinnerOf, LoserOf and PoolRank feeds: make sure the systems the
    # tests use have all three, so it is not vacuous.
    feeds = {type(f) for name, n in (("ijf-repechage", 8), ("double-pool", 7))
             for c in build(name, n).contests for f in (c.white, c.blue)}
    assert {WinnerOf, LoserOf, PoolRank, Entry} <= feeds
