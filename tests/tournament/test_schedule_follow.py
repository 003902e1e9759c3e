"""Following a plan during the day: the plan's order re-timed from now, with its breaks."""

from __future__ import annotations

from ippon.tournament.schedule import Break, Fix, SlotStatus, schedule
from ippon.tournament.schedule.follow import follow

from .test_schedule import at, category, people, problem, times
from .test_schedule_replan import with_results


def test_on_time_the_plan_is_its_own_forecast() -> None:
    p = problem(category("A", people("a", 5)), category("B", people("b", 4)),
                category("C", people("c", 3)), mats=2,
                breaks=(Break(at(9, 40), at(10, 0), label="lunch"),))
    plan = schedule(p)
    assert times(follow(p, plan, at(9, 0))) == times(plan)


def test_a_late_mat_waits_out_the_break_and_keeps_its_order() -> None:
    p = problem(category("A", people("a", 4), system="single-elimination"),
                breaks=(Break(at(9, 25), at(9, 45), label="lunch"),))
    plan = schedule(p)
    assert times(plan) == [("A", 1, "09:00", "09:05"), ("A", 2, "09:05", "09:10"),
                           ("A", 3, "09:20", "09:25")]
    # The first semi-final ran 7 minutes long; the second is on the mat since 09:12.
    later = with_results(p, "A", 1)
    followed = follow(later, plan, at(9, 13), ended={("A", 1): at(9, 12)},
                      underway={("A", 2): at(9, 12)})
    assert times(followed) == [("A", 1, "09:00", "09:12"), ("A", 2, "09:12", "09:17"),
                               ("A", 3, "09:45", "09:50")]  # rested at 09:27: in the lunch
    assert [s.status for s in followed.mats[0]] == [SlotStatus.DONE, SlotStatus.UNDERWAY,
                                                    SlotStatus.PLANNED]


def test_a_split_category_keeps_its_mats() -> None:
    p = problem(category("A", people("a", 16), system="single-elimination"), mats=2,
                fixed=(Fix("A", mats=2),))
    plan = schedule(p)
    assert plan.mats_of("A") == (plan.mat_of("A"), 3 - (plan.mat_of("A") or 0))
    followed = follow(p, plan, at(9, 0))
    assert followed.mats_of("A") == plan.mats_of("A")
    assert followed.finish == plan.finish
