"""Days and breaks: no contest across a break or outside its day, categories on one day, the
overflow to the next day, a final block at a set time, and the lower bound with closures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.tournament.schedule import (
    Break,
    Day,
    FinalBlock,
    Fix,
    Kind,
    Plan,
    Problem,
    ScheduleError,
    check,
    lower_bound,
    move_category,
    move_contest,
    naive_plan,
    replan,
    schedule,
)

from .test_schedule import START, assert_sound, at, category, people, problem
from .test_schedule_properties import problems
from .test_schedule_replan import with_results

NEXT = START + timedelta(days=1)


def day2(hour: int, minute: int) -> datetime:
    return NEXT.replace(hour=hour, minute=minute)


def assert_within(p: Problem, plan: Plan) -> None:
    """No planned contest across a closure of its mat, none outside the days."""
    for mat, slots in enumerate(plan.mats, start=1):
        for slot in slots:
            for begin, end, label in p.closed(mat):
                assert not (slot.start < end and begin < slot.end), (slot, label)
            if p.days:
                assert p.day_of(slot.start) is not None, slot
                assert p.day_of(slot.end) == p.day_of(slot.start), slot


def test_no_contest_runs_into_the_lunch_break() -> None:
    lunch = Break(at(9, 22), at(9, 45), label="lunch")
    p = problem(category("A", people("a", 8)), breaks=(lunch,))
    plan = schedule(p)
    assert_within(p, plan)
    starts = sorted(s.start for s in plan.slots())
    assert at(9, 15) in starts
    assert at(9, 45) in starts  # 09:20-09:25 would run into the break at 09:22: it waits
    assert all(not at(9, 15) < s < at(9, 45) for s in starts)
    assert check(p, plan) == []
    assert_sound(p, plan)


def test_a_break_of_one_mat_leaves_the_others_fighting() -> None:
    p = problem(category("A", people("a", 5)), category("B", people("b", 5)), mats=2,
                breaks=(Break(at(9, 0), at(10, 0), mats=(1,), label="mat repair"),))
    plan = schedule(p)
    assert_within(p, plan)
    assert all(s.start >= at(10, 0) for s in plan.mats[0])
    assert plan.mats[1][0].start == at(9, 0)
    assert check(p, plan) == []


def test_categories_flow_to_day_two_when_day_one_is_full() -> None:
    days = (Day(at(9, 0), at(11, 0)), Day(day2(9, 0), day2(18, 0)))
    cats = [category(k, people(k.lower(), 5)) for k in "ABCD"]  # 10 contests x 5 min each
    p = problem(*cats, days=days)
    plan = schedule(p)
    assert_within(p, plan)
    on = {c.key: {p.day_of(s.start) for s in plan.of_category(c.key)} for c in cats}
    assert on["A"] == on["B"] == {1}  # programme order: the first categories on day 1
    assert on["C"] == on["D"] == {2}
    assert all(len(d) == 1 for d in on.values())  # a category is fought on one day
    assert min(s.start for s in plan.slots() if p.day_of(s.start) == 2) == day2(9, 0)
    assert check(p, plan) == []


def test_a_category_set_to_a_day_is_fought_that_day() -> None:
    days = (Day(at(9, 0), at(18, 0)), Day(day2(9, 0), day2(18, 0)))
    p = problem(category("A", people("a", 4)), category("B", people("b", 4)),
                days=days, fixed=(Fix("A", day=2),))
    plan = schedule(p)
    assert {p.day_of(s.start) for s in plan.of_category("A")} == {2}
    assert {p.day_of(s.start) for s in plan.of_category("B")} == {1}
    assert check(p, plan) == []
    moved = move_contest(plan, ("B", 1), mat=1, position=len(plan.mats[0]))
    kinds = {v.kind for v in check(p, moved)}
    assert Kind.DAY in kinds  # B now has a contest on day 2 as well


def test_days_too_short_are_reported_not_hidden() -> None:
    days = (Day(at(9, 0), at(9, 30)),)
    p = problem(category("A", people("a", 8)), days=days)
    plan = schedule(p)
    found = [v for v in check(p, plan) if v.kind is Kind.DAY]
    assert len(found) == 1
    assert "after the last day ends at 09:30" in found[0].message


def test_a_final_block_opens_at_its_time_each_day() -> None:
    days = (Day(at(9, 0), at(18, 0), finals=at(16, 0)),
            Day(day2(9, 0), day2(18, 0), finals=day2(15, 0)))
    p = problem(category("A", people("a", 8)), category("B", people("b", 8)),
                days=days, fixed=(Fix("B", day=2),), final_block=FinalBlock())
    plan = schedule(p)
    finals = {s.category: s.start for s in plan.slots() if s.round == "F"}
    assert finals["A"] >= at(16, 0)
    assert p.day_of(finals["A"]) == 1
    assert finals["B"] >= day2(15, 0)
    assert p.day_of(finals["B"]) == 2
    assert check(p, plan) == []


def test_a_moved_contest_into_a_break_is_reported() -> None:
    lunch = Break(at(9, 30), at(10, 0), label="lunch")
    p = problem(category("A", people("a", 5)), category("B", people("b", 3)), breaks=(lunch,))
    plan = schedule(p)
    moved = move_category(plan, "B", mat=1, at=at(9, 28))
    messages = [v.message for v in check(p, moved) if v.kind is Kind.BREAK]
    assert messages
    assert "runs into the lunch (09:30–10:00)" in messages[0]


def test_the_lower_bound_counts_breaks_and_nights() -> None:
    cats = [category(k, people(k.lower(), 5)) for k in "AB"]  # 100 minutes of contests
    open_day = lower_bound(problem(*cats, mats=1))
    assert open_day.load == at(10, 40)
    lunch = lower_bound(problem(*cats, mats=1, breaks=(Break(at(9, 30), at(10, 0)),)))
    assert lunch.load == at(11, 10)
    days = (Day(at(9, 0), at(10, 0)), Day(day2(9, 0), day2(18, 0)))
    two = lower_bound(problem(*cats, mats=1, days=days))
    assert two.load == day2(9, 40)
    one_mat_only = lower_bound(problem(*cats, mats=2, breaks=(Break(at(9, 0), at(9, 50),
                                                                      mats=(1,)),)))
    assert one_mat_only.load == at(9, 0) + timedelta(minutes=75)  # 50 min on one mat, 25 on two


def test_a_replan_at_night_starts_the_next_morning() -> None:
    days = (Day(at(9, 0), at(9, 20)), Day(day2(9, 0), day2(18, 0)))
    p = problem(category("A", people("a", 8), system="single-elimination"), days=days)
    plan = schedule(p)
    later = with_results(p, "A", 1, 2)
    new = replan(later, plan, at(20, 0), ended={("A", 1): at(9, 5), ("A", 2): at(9, 12)})
    planned = [s for s in new.slots() if s.status.value == "planned"]
    assert min(s.start for s in planned) == day2(9, 0)
    assert_within(later, Plan(new.start, tuple(
        tuple(s for s in slots if s.status.value == "planned") for slots in new.mats)))


def test_days_and_breaks_are_checked() -> None:
    with pytest.raises(ScheduleError, match="day 1 needs an end"):
        problem(category("A", people("a", 3)), days=(Day(at(9, 0)), Day(day2(9, 0))))
    with pytest.raises(ScheduleError, match="day 2 starts before day 1 ends"):
        problem(category("A", people("a", 3)),
                days=(Day(at(9, 0), day2(10, 0)), Day(day2(9, 0))))
    with pytest.raises(ScheduleError, match="stops mat 3"):
        problem(category("A", people("a", 3)), breaks=(Break(at(12, 0), at(13, 0), (3,)),))
    with pytest.raises(ScheduleError, match="set to day 3"):
        problem(category("A", people("a", 3)), fixed=(Fix("A", day=3),),
                days=(Day(at(9, 0), at(18, 0)), Day(day2(9, 0))))


@st.composite
def with_days(draw: st.DrawFn) -> Problem:
    p = draw(problems())
    hours = draw(st.integers(1, 4))
    days = (Day(at(9, 0), at(9 + hours, 0), finals=draw(st.sampled_from([None, at(9, 40)]))),
            Day(day2(9, 0), None if draw(st.booleans()) else day2(23, 0)))
    breaks = []
    for _ in range(draw(st.integers(0, 3))):
        first = draw(st.sampled_from([START, NEXT])) + timedelta(
            minutes=draw(st.integers(0, 180)))
        mats = tuple(draw(st.lists(st.integers(1, p.mats), max_size=p.mats, unique=True)))
        breaks.append(Break(first, first + timedelta(minutes=draw(st.integers(1, 45))), mats))
    # Only feasible settings: a block time would tie a category to the short first day.
    fixed = tuple(Fix(f.category, mat=f.mat) for f in p.fixed)
    if draw(st.booleans()):
        fixed = (*(f for f in fixed if f.category != p.categories[-1].key),
                 Fix(p.categories[-1].key, day=2))
    return Problem(p.categories, p.mats, p.start, p.rest, p.before, fixed, p.final_block,
                   days=days, breaks=tuple(breaks))


@settings(max_examples=80, deadline=None)
@given(with_days())
def test_plans_keep_to_the_days_and_breaks(p: Problem) -> None:
    plan = schedule(p)
    assert_within(p, plan)
    assert check(p, plan) == []  # rest times, feeds, one day per category, ...
    assert plan.finish >= lower_bound(p).value
    naive = naive_plan(p)
    assert_within(p, naive)
    assert naive.finish >= lower_bound(p).value
