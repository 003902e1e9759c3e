"""Checking a plan, in the organiser's words, and the manual moves that call for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from ippon.tournament.model import Result, Side
from ippon.tournament.schedule import (
    Before,
    FinalBlock,
    Fix,
    Kind,
    Plan,
    Problem,
    ScheduleError,
    Slot,
    SlotStatus,
    check,
    move_category,
    move_contest,
    schedule,
)

from .test_schedule import START, assert_sound, at, category, people, problem

NAMES = {"a1": "JONES Anna", "b1": "SMITH Beth", "c1": "KIM Cleo"}


def two_pools(**options: object) -> Problem:
    """Anna in two pools of two: one contest each."""
    return problem(category("A", ["a1", "b1"]), category("B", ["a1", "c1"]), mats=3,
                   names=NAMES, **options)


def slot(category: str, contest: int, mat: int, start: datetime, end: datetime,
         white: str | None = None, blue: str | None = None, round: str = "POOL") -> Slot:
    return Slot(category, contest, round, mat, start, end, white, blue)


def plan_of(*slots: Slot, mats: int = 3) -> Plan:
    return Plan(START, tuple(tuple(sorted((s for s in slots if s.mat == m),
                                          key=lambda s: s.start))
                             for m in range(1, mats + 1)))


def with_result(p: Problem, number: int) -> Problem:
    """`p` with white winning contest `number` of its first category."""
    first = p.categories[0]
    bracket = first.bracket.feed(number, Result(Side.WHITE, "ippon", "ippon"))
    return replace(p, categories=(replace(first, bracket=bracket), *p.categories[1:]))


def messages(p: Problem, plan: Plan) -> list[str]:
    return [str(v) for v in check(p, plan)]


def test_a_sound_plan_breaks_nothing() -> None:
    p = two_pools()
    plan = plan_of(slot("A", 1, 1, at(10, 30), at(10, 38), "a1", "b1"),
                   slot("B", 1, 3, at(10, 48), at(10, 53), "a1", "c1"))
    assert check(p, plan) == []


def test_too_little_rest_is_said_with_the_athletes_name_times_and_mats() -> None:
    p = two_pools()
    plan = plan_of(slot("A", 1, 1, at(10, 30), at(10, 38), "a1", "b1"),
                   slot("B", 1, 3, at(10, 42), at(10, 47), "a1", "c1"))
    found = check(p, plan)
    assert [v.kind for v in found] == [Kind.REST]
    assert str(found[0]) == (
        "JONES Anna would fight at 10:42 on mat 3 (B contest 1 (POOL)) only 4 minutes after "
        "their contest on mat 1 ends at 10:38 (A contest 1 (POOL); rest time 10 minutes).")
    assert found[0].contests == (("A", 1), ("B", 1))


def test_an_athlete_on_two_mats_at_once_is_double_booked() -> None:
    p = two_pools()
    plan = plan_of(slot("A", 1, 1, at(10, 30), at(10, 38), "a1", "b1"),
                   slot("B", 1, 3, at(10, 35), at(10, 40), "a1", "c1"))
    assert messages(p, plan) == [
        "JONES Anna would be called to mat 3 at 10:35 (B contest 1 (POOL)) while still on "
        "mat 1 until 10:38 (A contest 1 (POOL))."]


def test_a_contest_the_results_may_lead_to_counts_for_an_athlete_in_two_categories() -> None:
    # Anna fights the semi-final of A; the final of A may be hers, so B must not clash with it.
    p = problem(category("A", ["a1", "x2", "x3", "x4"], system="single-elimination"),
                category("B", ["a1", "c1"]), mats=2, names=NAMES)
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "x2", "SF"),
                   slot("A", 2, 1, at(9, 5), at(9, 10), "x3", "x4", "SF"),
                   slot("A", 3, 1, at(9, 20), at(9, 25), round="F"),
                   slot("B", 1, 2, at(9, 30), at(9, 35), "a1", "c1"), mats=2)
    assert messages(p, plan) == [
        "JONES Anna could (depending on results) fight at 09:30 on mat 2 (B contest 1 (POOL)) "
        "only 5 minutes after their contest on mat 1 ends at 09:25 (A contest 3 (F); rest time "
        "10 minutes)."]


def test_a_contest_before_the_contest_that_feeds_it() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"))
    plan = plan_of(slot("A", 3, 1, at(9, 0), at(9, 5), round="F"),
                   slot("A", 1, 1, at(9, 5), at(9, 10), "a1", "a2", "SF"),
                   slot("A", 2, 1, at(9, 20), at(9, 25), "a3", "a4", "SF"), mats=1)
    assert messages(p, plan) == [
        "A contest 3 (F) at 09:00 on mat 1 comes before A contest 1 (SF), which decides who "
        "fights in it and ends at 09:10 on mat 1.",
        "A contest 3 (F) at 09:00 on mat 1 comes before A contest 2 (SF), which decides who "
        "fights in it and ends at 09:25 on mat 1."]
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF"),
                   slot("A", 2, 1, at(9, 5), at(9, 10), "a3", "a4", "SF"),
                   slot("A", 3, 1, at(9, 15), at(9, 20), round="F"), mats=1)
    assert messages(p, plan) == [
        "An athlete of A contest 2 (SF) (ends 09:10 on mat 1) would fight A contest 3 (F) at "
        "09:15 on mat 1 only 5 minutes after it (rest time 10 minutes)."]


def test_what_already_happened_is_not_reported_but_the_plan_after_it_is() -> None:
    p = with_result(problem(category("A", people("a", 4), system="single-elimination"),
                            names=NAMES), 1)
    done = replace(slot("A", 1, 1, at(9, 0), at(9, 6), "a1", "a2", "SF"),
                   status=SlotStatus.DONE)
    underway = replace(slot("A", 2, 1, at(9, 5), at(9, 10), "a3", "a4", "SF"),
                       status=SlotStatus.UNDERWAY)
    final = slot("A", 3, 1, at(9, 12), at(9, 17), "a1", None, "F")
    assert messages(p, plan_of(done, underway, final, mats=1)) == [
        "JONES Anna would fight at 09:12 on mat 1 (A contest 3 (F)) only 6 minutes after "
        "their contest on mat 1 ends at 09:06 (A contest 1 (SF); rest time 10 minutes).",
        "An athlete of A contest 2 (SF) (ends 09:10 on mat 1) would fight A contest 3 (F) at "
        "09:12 on mat 1 only 2 minutes after it (rest time 10 minutes)."]


def test_missing_twice_and_not_needed_contests() -> None:
    # Three athletes on four lines: contest 2 is a walkover, so not a contest to plan.
    p = problem(category("A", ["a1", "a2", "a3", None], system="single-elimination"))
    first = slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF")
    walkover = slot("A", 2, 1, at(9, 5), at(9, 10), "a3", None, "SF")
    again = slot("A", 1, 2, at(9, 0), at(9, 5), "a1", "a2", "SF")
    found = check(p, plan_of(first, walkover, again))
    assert [v.kind for v in found][:3] == [Kind.NOT_NEEDED, Kind.TWICE, Kind.MISSING]
    assert str(found[0]) == ("A contest 2 (SF) on mat 1 at 09:05 will not be fought (a walkover, "
                             "empty, or not a contest of the category).")
    assert str(found[1]) == ("A contest 1 (SF) is on the plan twice: mat 1 at 09:00 and mat 2 "
                             "at 09:00.")
    assert str(found[2]) == "A contest 3 (F) is not on any mat."


def test_two_contests_at_once_on_one_mat() -> None:
    p = problem(category("A", ["a1", "b1"]), category("B", ["c1", "d1"]))
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "b1"),
                   slot("B", 1, 1, at(9, 3), at(9, 8), "c1", "d1"), mats=1)
    assert messages(p, plan) == [
        "On mat 1, B contest 1 (POOL) at 09:03 starts before A contest 1 (POOL) ends (09:05)."]


def test_order_fixed_mat_and_block() -> None:
    p = problem(category("A", ["a1", "b1"]), category("B", ["c1", "d1"]), mats=2,
                before=(Before("A", "B"),), fixed=(Fix("A", mat=2, not_before=at(9, 30)),))
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "b1"),
                   slot("B", 1, 2, at(9, 0), at(9, 5), "c1", "d1"), mats=2)
    assert messages(p, plan) == [
        "B starts at 09:00 on mat 2, but A must end first (it ends at 09:05 on mat 1).",
        "A is fixed to mat 2, but 1 of its contests are on mat 1.",
        "A starts at 09:00, before its block opens at 09:30."]


def test_the_final_block_waits_for_every_other_contest_and_its_opening() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"), mats=2,
                final_block=FinalBlock(not_before=at(12, 0)))
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF"),
                   slot("A", 2, 2, at(9, 30), at(9, 35), "a3", "a4", "SF"),
                   slot("A", 3, 1, at(9, 20), at(9, 25), round="F"), mats=2)
    found = check(p, plan)
    assert Kind.FINAL_BLOCK in {v.kind for v in found}
    assert ("A contest 3 (F) at 09:20 on mat 1 is in the final block, but A contest 2 (SF) "
            "still ends at 09:35 on mat 2.") in [str(v) for v in found]
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF"),
                   slot("A", 2, 2, at(9, 5), at(9, 10), "a3", "a4", "SF"),
                   slot("A", 3, 1, at(9, 20), at(9, 25), round="F"), mats=2)
    assert messages(p, plan) == [
        "A contest 3 (F) at 09:20 is before the final block opens at 12:00."]


def test_mats_are_listed_in_words() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"), mats=3,
                final_block=FinalBlock(mats=(3, 2)), fixed=(Fix("A", mat=3),))
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF"),
                   slot("A", 2, 2, at(9, 5), at(9, 10), "a3", "a4", "SF"),
                   slot("A", 3, 1, at(9, 20), at(9, 25), round="F"), mats=3)
    assert messages(p, plan) == [
        "A is fixed to mat 3, but 2 of its contests are on mats 1 and 2.",
        "A contest 3 (F) is on mat 1, but the final block is fought on mats 2 and 3."]


def test_a_final_off_the_show_mats() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"), mats=2,
                final_block=FinalBlock(mats=(2,)), fixed=(Fix("A", mat=1),))
    plan = plan_of(slot("A", 1, 1, at(9, 0), at(9, 5), "a1", "a2", "SF"),
                   slot("A", 2, 1, at(9, 5), at(9, 10), "a3", "a4", "SF"),
                   slot("A", 3, 1, at(9, 20), at(9, 25), round="F"), mats=2)
    assert messages(p, plan) == [
        "A contest 3 (F) is on mat 1, but the final block is fought on mat 2."]
    on_show_mat = plan_of(*plan.mats[0][:2], replace(plan.mats[0][2], mat=2), mats=2)
    assert check(p, on_show_mat) == []  # the fixed mat does not hold the final block back


def test_with_a_final_block_the_order_rule_holds_in_each_part_of_the_day() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"),
                category("B", people("b", 4), system="single-elimination"), mats=2,
                before=(Before("A", "B"),), final_block=FinalBlock())
    plan = schedule(p)
    assert check(p, plan) == []
    a_final, b_final = plan.slot(("A", 3)), plan.slot(("B", 3))
    assert b_final.start >= a_final.end
    assert plan.slot(("B", 1)).start >= plan.slot(("A", 2)).end
    swapped = plan_of(replace(a_final, start=b_final.start, end=b_final.end),
                      replace(b_final, start=a_final.start, end=a_final.end),
                      *(s for s in plan.slots() if s.round != "F"), mats=2)
    order = [str(v) for v in check(p, swapped) if v.kind is Kind.ORDER]
    assert len(order) == 1
    assert order[0].startswith("B starts in the final block at")


# --- manual moves ---------------------------------------------------------------------------

def test_moving_a_contest_takes_the_place_of_the_one_it_goes_before() -> None:
    p = problem(category("A", people("a", 3)), category("B", people("b", 3)), mats=2)
    plan = schedule(p)
    target = plan.mats[1]
    mover = plan.mats[0][-1]
    moved = move_contest(plan, mover.key, 2, 1)
    order = moved.mats[1]
    assert [s.key for s in order] == [target[0].key, mover.key, *(s.key for s in target[1:])]
    assert order[1].start == target[1].start
    assert order[1].mat == 2
    for before, after in zip(target[1:], order[2:], strict=True):
        assert after.start >= before.start  # pushed back, never pulled forward
    assert moved.mats[0] == plan.mats[0][:-1]  # the origin mat keeps its times
    assert sorted(s.key for s in moved.slots()) == sorted(s.key for s in plan.slots())


def test_a_move_that_breaks_the_rest_time_is_reported() -> None:
    p = problem(category("A", ["a1", "a2", "a3"]), category("B", ["b1", "b2", "b3"]),
                names={"a2": "JONES Anna"})
    plan = schedule(p)
    assert check(p, plan) == []
    # Bouts 1-2 and 2-3 of pool A back to back: Anna fights twice in a row, and B's first
    # bout, pushed back, comes 5 minutes before b2's next one.
    second = next(s for s in plan.of_category("A") if s.contest == 2)
    first_index = [s.key for s in plan.mats[0]].index(("A", 1))
    moved = move_contest(plan, second.key, 1, first_index + 1)
    assert messages(p, moved) == [
        "JONES Anna would fight at 09:05 on mat 1 (A contest 2 (POOL)) right after their "
        "contest on mat 1 ends at 09:05 (A contest 1 (POOL); rest time 10 minutes).",
        "b2 would fight at 09:20 on mat 1 (B contest 2 (POOL)) only 5 minutes after their "
        "contest on mat 1 ends at 09:15 (B contest 1 (POOL); rest time 10 minutes)."]


def test_moving_a_category_to_another_mat_and_time() -> None:
    p = problem(category("A", people("a", 4)), category("B", people("b", 4)), mats=2,
                fixed=(Fix("A", mat=1),))
    plan = schedule(p)
    moved = move_category(plan, "A", 2, at(11, 0))
    slots = moved.of_category("A")
    assert {s.mat for s in slots} == {2}
    assert slots[0].start == at(11, 0)
    assert_sound(p, replace(moved))
    assert [v.kind for v in check(p, moved)] == [Kind.FIXED]
    assert str(check(p, moved)[0]) == "A is fixed to mat 1, but 6 of its contests are on mat 2."


def test_moves_are_refused_for_contests_done_or_mats_that_do_not_exist() -> None:
    p = problem(category("A", people("a", 3)))
    plan = schedule(p)
    first = plan.mats[0][0]
    done = Plan(plan.start, ((replace(first, status=SlotStatus.DONE), *plan.mats[0][1:]),))
    with pytest.raises(ScheduleError, match="is done and cannot be moved"):
        move_contest(done, first.key, 1, 2)
    with pytest.raises(ScheduleError, match="there is no mat 2"):
        move_contest(plan, first.key, 2, 0)
    with pytest.raises(ScheduleError, match="not in the plan"):
        move_contest(plan, ("A", 99), 1, 0)
    with pytest.raises(ScheduleError, match="no contest left to move"):
        move_category(plan, "Z", 1)
