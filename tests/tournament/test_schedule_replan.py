"""Re-planning during the day: results in, contests done early or late, contests on the mat."""

from __future__ import annotations

from dataclasses import replace

from ippon.tournament.model import Result, Side
from ippon.tournament.schedule import (
    Problem,
    SlotStatus,
    check,
    move_category,
    replan,
    schedule,
)
from ippon.tournament.systems import build

from .helpers import POINTS
from .test_schedule import assert_sound, at, category, people, problem, times

WHITE = Result(Side.WHITE, "ippon", "ippon")


def with_results(p: Problem, key: str, *numbers: int) -> Problem:
    """`p` with white winning contests `numbers` of category `key`."""
    cats = []
    for cat in p.categories:
        if cat.key == key:
            bracket = cat.bracket
            for n in numbers:
                bracket = bracket.feed(n, WHITE)
            cat = replace(cat, bracket=bracket)
        cats.append(cat)
    return replace(p, categories=tuple(cats))


def test_a_late_contest_and_one_on_the_mat_push_the_rest_back() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"))
    plan = schedule(p)
    assert times(plan)[-1] == ("A", 3, "09:20", "09:25")
    later = with_results(p, "A", 1)
    new = replan(later, plan, at(9, 13), ended={("A", 1): at(9, 12)},
                 underway={("A", 2): at(9, 12)})
    assert times(new) == [("A", 1, "09:00", "09:12"), ("A", 2, "09:12", "09:17"),
                          ("A", 3, "09:27", "09:32")]
    assert [s.status for s in new.mats[0]] == [SlotStatus.DONE, SlotStatus.UNDERWAY,
                                               SlotStatus.PLANNED]
    final = new.slot(("A", 3))
    assert (final.white, final.blue) == ("a1", None)  # the semi-final's winner is known now
    assert new.eta("a1") == final
    assert check(later, new) == []


def test_contests_done_early_bring_the_rest_forward() -> None:
    p = problem(category("A", people("a", 3)), category("B", people("b", 3)))
    plan = schedule(p)
    later = with_results(p, "A", 1)
    new = replan(later, plan, at(9, 2), ended={("A", 1): at(9, 2)})
    assert new.finish < plan.finish
    assert min(s.start for s in new.slots() if s.status is SlotStatus.PLANNED) >= at(9, 2)
    assert check(later, new) == []


def test_a_decided_contest_without_an_end_time_ended_as_planned_or_now() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"))
    plan = schedule(p)
    later = with_results(p, "A", 1, 2)
    on_time = replan(later, plan, at(9, 30))
    assert on_time.slot(("A", 2)).end == at(9, 10)
    assert on_time.slot(("A", 3)).start == at(9, 30)  # not before now
    early = replan(later, plan, at(9, 8))
    assert early.slot(("A", 2)).end == at(9, 8)  # planned to end at 09:10, but it is 09:08
    assert early.slot(("A", 3)).start == at(9, 18)


def test_a_contest_that_is_no_longer_needed_leaves_the_plan() -> None:
    bo3 = category("A", ["a1", "a2"], system="best-of-three")
    assert bo3.bracket.system == build("best-of-three", 2)
    p = problem(bo3)
    plan = schedule(p)
    assert len(list(plan.slots())) == 3  # the third is planned in case it is needed
    later = with_results(p, "A", 1, 2)
    new = replan(later, plan, at(9, 30))
    assert [s.contest for s in new.slots() if s.status is not SlotStatus.DONE] == []


def test_categories_keep_their_mats_unless_asked_to_rebalance() -> None:
    p = problem(category("A", people("a", 4)), category("B", people("b", 4)), mats=2)
    plan = schedule(p)
    crowded = move_category(plan, "B", plan.mat_of("A") or 1)
    assert crowded.mat_of("A") == crowded.mat_of("B")
    later = with_results(p, "A", 1)
    kept = replan(later, crowded, at(9, 5))
    assert kept.mat_of("A") == kept.mat_of("B") == crowded.mat_of("A")
    moved = replan(later, crowded, at(9, 5), keep_mats=False)
    assert moved.mat_of("A") == crowded.mat_of("A")  # started: stays
    assert moved.mat_of("B") != crowded.mat_of("A")  # not started: goes to the free mat
    assert moved.finish < kept.finish
    assert check(later, moved) == []


def test_a_replan_of_a_bigger_day_stays_sound() -> None:
    p = problem(category("A", people("a", 12)), category("B", people("b", 7)),
                category("C", [*people("c", 5), "a3"]), mats=2)
    plan = schedule(p)
    later = with_results(with_results(p, "A", 1, 2, 3), "B", 1)
    new = replan(later, plan, at(9, 40))
    assert check(later, new) == []
    planned = [s for s in new.slots() if s.status is SlotStatus.PLANNED]
    assert min(s.start for s in planned) >= at(9, 40)
    assert_sound(later, new)


def test_points_helper_is_the_one_the_brackets_use() -> None:
    assert category("A", people("a", 3)).bracket.points is POINTS
