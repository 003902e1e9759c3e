"""Properties of every plan, on small random tournaments: nothing broken, every contest that
results can lead to planned once, and no plan finishing before the lower bound."""

from __future__ import annotations

import random
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Athlete, Result, Side
from ippon.tournament.schedule import (
    Before,
    CategoryToPlan,
    FinalBlock,
    Fix,
    Plan,
    Problem,
    check,
    lower_bound,
    move_contest,
    naive_plan,
    replan,
    schedule,
)
from ippon.tournament.systems import default_system

from .helpers import play
from .test_schedule import START, assert_sound, category

POOL = [f"P{i:02d}" for i in range(30)]  # athletes drawn into several categories share names
BRACKETS = ("ijf-repechage", "single-elimination", "double-elimination", "double-repechage",
            "full-repechage")


@st.composite
def categories(draw: st.DrawFn, key: str) -> CategoryToPlan:
    size = draw(st.integers(1, 12))
    names: list[Athlete | None] = [*draw(st.permutations(POOL))[:size]]
    system = default_system(size)
    if size == 2 and draw(st.booleans()):
        system = "best-of-three"
    elif size >= 3 and draw(st.booleans()):
        system = draw(st.sampled_from(BRACKETS))
        lines = 8 if size <= 8 else 16
        names += [None] * (lines - size)
        names = list(draw(st.permutations(names)))
    minutes = draw(st.integers(2, 6))
    return category(key, names, minutes, system)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    count = draw(st.integers(1, 4))
    cats = tuple(draw(categories(f"C{i}")) for i in range(count))
    mats = draw(st.integers(1, 3))
    keys = [c.key for c in cats]
    before: tuple[Before, ...] = ()
    if count >= 2 and draw(st.booleans()):
        first, then = sorted(draw(st.permutations(range(count)))[:2])
        before = (Before(keys[first], keys[then]),)
    fixed: tuple[Fix, ...] = ()
    if draw(st.booleans()):
        minutes = draw(st.integers(0, 60))
        fixed = (Fix(draw(st.sampled_from(keys)), mat=draw(st.integers(1, mats)),
                     not_before=START + timedelta(minutes=minutes)),)
    block = None
    if draw(st.booleans()):
        show = draw(st.lists(st.integers(1, mats), max_size=2, unique=True))
        block = FinalBlock(mats=tuple(show))
    rest = timedelta(minutes=draw(st.sampled_from([0, 5, 10, 15])))
    return Problem(cats, mats, START, rest, before, fixed, block)


def assert_every_fought_contest_is_planned(p: Problem, plan: Plan, seed: int) -> None:
    planned = {s.key for s in plan.slots()}
    for cat in p.categories:
        played = play(cat.bracket.system, cat.bracket.lines, random.Random(seed))
        for state in played.progress.contests:
            if state.result is not None:
                assert (cat.key, state.number) in planned, (cat.key, state.number)


@settings(max_examples=80, deadline=None)
@given(problems(), st.integers(0, 1000))
def test_plans_break_nothing_and_never_beat_the_lower_bound(p: Problem, seed: int) -> None:
    bound = lower_bound(p).value
    for plan in (schedule(p), naive_plan(p)):
        assert check(p, plan) == []
        assert_sound(p, plan)
        assert_every_fought_contest_is_planned(p, plan, seed)
        assert plan.finish >= bound


@settings(max_examples=40, deadline=None)
@given(problems(), st.integers(0, 1000), st.integers(0, 120))
def test_a_replan_after_some_results_breaks_nothing(p: Problem, seed: int, minutes: int
                                                     ) -> None:
    plan = schedule(p)
    now = START + timedelta(minutes=minutes)
    rng = random.Random(seed)
    cats: list[CategoryToPlan] = []
    ended = {}
    for cat in p.categories:
        bracket = cat.bracket
        # Feed results to contests planned to end by now, in plan order.
        for slot in plan.of_category(cat.key):
            state = bracket.progress.contests[slot.contest - 1]
            if slot.end <= now and state.number in {s.number for s in bracket.progress.ready()}:
                bracket = play_one(bracket, state.number, rng)
                ended[slot.key] = slot.end
        cats.append(CategoryToPlan(cat.key, bracket, cat.duration))
    later = Problem(tuple(cats), p.mats, p.start, p.rest, p.before, p.fixed, p.final_block)
    new = replan(later, plan, now, ended=ended)
    assert check(later, new) == []
    assert all(s.start >= now for s in new.slots() if s.status.value == "planned")


def play_one(bracket: Bracket, number: int, rng: random.Random) -> Bracket:
    return bracket.feed(number, Result(rng.choice(list(Side)), value="ippon"))


@settings(max_examples=60, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_the_check_misses_nothing_a_manual_move_breaks(p: Problem, rng: random.Random
                                                         ) -> None:
    plan = schedule(p)
    slots = list(plan.slots())
    for _ in range(3):
        if not slots:
            return
        moved = rng.choice(slots)
        plan = move_contest(plan, moved.key, rng.randint(1, p.mats),
                            rng.randint(0, len(slots)))
        slots = list(plan.slots())
    found = check(p, plan)
    if not found:
        assert_sound(p, plan)
    keys = {c.key for c in p.categories}
    assert all(category in keys for v in found for category, _ in v.contests)
