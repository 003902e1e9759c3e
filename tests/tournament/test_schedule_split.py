"""Split categories: a large category's early rounds (before the quarter-finals: pools A-D of
the IJF repechage) over several mats, the category together on its own mat from the
quarter-finals on, and every other guarantee kept."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.tournament.bracket import Bracket
from ippon.tournament.schedule import (
    CategoryToPlan,
    Day,
    Fix,
    Kind,
    Plan,
    Problem,
    check,
    lower_bound,
    move_contest,
    replan,
    schedule,
)
from ippon.tournament.schedule.graph import early_contests
from ippon.tournament.systems import build

from .test_schedule import START, assert_sound, at, category, people, problem
from .test_schedule_days import assert_within, with_days
from .test_schedule_properties import play_one, problems

EARLY = {"R32", "R16"}


def big(key: str = "A", minutes: float = 5) -> CategoryToPlan:
    """32 athletes, IJF repechage: 24 contests in pools A-D, 11 from the quarter-finals on."""
    return category(key, people(key.lower(), 32), minutes, "ijf-repechage")


def later_rounds_on_one_mat(plan: Plan, key: str) -> set[int]:
    return {s.mat for s in plan.of_category(key) if s.round not in EARLY}


def test_the_cut_is_before_the_quarter_finals() -> None:
    system = build("ijf-repechage", 32)
    early = early_contests(system.contests)
    assert {system.contests[n - 1].round for n in early} == EARLY
    assert len(early) == 24
    # Pools and small brackets are never split.
    assert early_contests(build("pool", 5).contests) == frozenset()
    assert early_contests(build("ijf-repechage", 8).contests) == frozenset()
    double = build("double-elimination", 16)
    assert {double.contests[n - 1].round for n in early_contests(double.contests)} == {"W1"}


def test_a_category_longer_than_the_day_is_split_and_ends_within_it() -> None:
    # 35 contests of 5 minutes or more: 175 minutes on one mat; the day is open 150.
    day = (Day(at(9, 0), at(11, 30)),)
    p = problem(big(), mats=2, days=day)
    plan = schedule(p)
    assert check(p, plan) == []
    assert_sound(p, plan)
    assert plan.finish <= at(11, 30)
    assert len({s.mat for s in plan.of_category("A") if s.round in EARLY}) == 2
    assert later_rounds_on_one_mat(plan, "A") == {plan.mat_of("A")}
    assert plan.mats_of("A")[0] == plan.mat_of("A")
    # On one mat it cannot fit: it runs over the day, and the check says so.
    alone = replace(p, fixed=(Fix("A", mats=1),))
    one = schedule(alone)
    assert len({s.mat for s in one.slots()}) == 1
    assert one.finish > at(11, 30)
    assert {v.kind for v in check(alone, one)} == {Kind.DAY}


def test_an_open_day_does_not_split_unless_asked() -> None:
    p = problem(big(), mats=2)
    assert len({s.mat for s in schedule(p).slots()}) == 1
    asked = replace(p, fixed=(Fix("A", mat=2, mats=2),))
    plan = schedule(asked)
    assert check(asked, plan) == []
    assert {s.mat for s in plan.of_category("A") if s.round in EARLY} == {1, 2}
    assert later_rounds_on_one_mat(plan, "A") == {2}  # its own mat, as fixed
    assert plan.finish < schedule(p).finish


def test_the_check_sees_a_split_broken_by_hand() -> None:
    p = problem(big(), mats=3, fixed=(Fix("A", mat=1, mats=2),))
    plan = schedule(p)
    assert check(p, plan) == []
    helper = next(m for m in plan.mats_of("A") if m != 1)
    third = ({1, 2, 3} - {1, helper}).pop()
    early = next(s for s in plan.of_category("A") if s.round in EARLY and s.mat == helper)
    moved = move_contest(plan, early.key, third, 0)
    assert any(v.kind is Kind.FIXED and "at most 2 mats" in v.message
               for v in check(p, moved))
    final = next(s for s in plan.of_category("A") if s.round == "F")
    moved = move_contest(plan, final.key, helper, len(plan.mats[helper - 1]))
    messages = [v.message for v in check(p, moved) if v.kind is Kind.FIXED]
    assert any("fixed to mat 1" in m for m in messages)
    unfixed = replace(p, fixed=(Fix("A", mats=2),))
    assert any("later contests are on" in v.message for v in check(unfixed, moved))


def test_a_replan_keeps_the_split_mats() -> None:
    day = (Day(at(9, 0), at(12, 0)),)
    p = problem(big(), mats=2, days=day)
    plan = schedule(p)
    now = at(9, 30)
    bracket, ended = p.categories[0].bracket, {}
    rng = random.Random(3)
    for slot in sorted(plan.slots(), key=lambda s: s.end):
        if slot.end <= now and slot.contest in {s.number for s in bracket.progress.ready()}:
            bracket = play_one(bracket, slot.contest, rng)
            ended[slot.key] = slot.end
    later = replace(p, categories=(replace(p.categories[0], bracket=bracket),))
    new = replan(later, plan, now, ended=ended)
    assert check(later, new) == []
    assert new.mat_of("A") == plan.mat_of("A")
    todo = {s.mat for s in new.slots() if s.status.value == "planned" and s.round in EARLY}
    assert todo <= set(plan.mats_of("A"))


@st.composite
def split_problems(draw: st.DrawFn) -> Problem:
    """Random problems, with or without days (short days split large categories by
    themselves), and some categories split by the organiser."""
    p = draw(st.one_of(problems(), with_days()))
    cats = list(p.categories)
    if draw(st.booleans()):  # a large category: 16 or 32 lines, the early rounds to split
        size = draw(st.sampled_from([16, 32]))
        cats[0] = category(cats[0].key, people("big", draw(st.integers(size // 2 + 1, size))),
                           draw(st.integers(2, 6)), draw(st.sampled_from(
                               ["ijf-repechage", "single-elimination", "double-elimination",
                                "full-repechage", "double-repechage"])))
    fixed = {f.category: f for f in p.fixed}
    for cat in cats:
        if draw(st.booleans()):
            was = fixed.get(cat.key, Fix(cat.key))
            fixed[cat.key] = replace(was, mats=draw(st.integers(1, p.mats)))
    return replace(p, categories=tuple(cats), fixed=tuple(fixed.values()))


@settings(max_examples=80, deadline=None)
@given(split_problems())
def test_split_plans_keep_every_constraint(p: Problem) -> None:
    plan = schedule(p)
    assert check(p, plan) == []  # rest, feeds, breaks, days, fixed mats and split limits
    assert_sound(p, plan)  # one contest at a time per mat, athletes rested, feeds first
    assert_within(p, plan)
    assert plan.finish >= lower_bound(p).value
    for cat in p.categories:
        early = early_contests(cat.bracket.system.contests)
        fix = p.fix_of(cat.key)
        if fix is not None and fix.mats is not None:
            assert len(plan.mats_of(cat.key)) <= fix.mats or bool(
                p.final_block and p.final_block.mats)
        later = {s.mat for s in plan.of_category(cat.key) if s.contest not in early
                 and not (p.final_block and p.final_block.mats
                          and s.round in p.final_block.rounds)}
        assert len(later) <= 1, (cat.key, later)


@settings(max_examples=30, deadline=None)
@given(split_problems(), st.integers(0, 1000), st.integers(0, 120))
def test_a_replan_of_a_split_plan_keeps_every_constraint(p: Problem, seed: int,
                                                          minutes: int) -> None:
    plan = schedule(p)
    now = START + timedelta(minutes=minutes)
    rng = random.Random(seed)
    cats, ended = [], {}
    for cat in p.categories:
        bracket: Bracket = cat.bracket
        for slot in plan.of_category(cat.key):
            if slot.end <= now and slot.contest in {s.number for s in bracket.progress.ready()}:
                bracket = play_one(bracket, slot.contest, rng)
                ended[slot.key] = slot.end
        cats.append(replace(cat, bracket=bracket))
    later = replace(p, categories=tuple(cats))
    new = replan(later, plan, now, ended=ended)
    assert check(later, new) == []
    assert all(s.start >= now for s in new.slots() if s.status.value == "planned")
