"""Re-planning from real end times: a mat that runs late, one that runs early."""

from __future__ import annotations

from datetime import datetime, timedelta

from ippon.tournament.schedule import (
    ContestKey,
    Plan,
    Problem,
    SlotStatus,
    check,
    replan,
    schedule,
)

from .test_schedule import at, category, people, problem
from .test_schedule_replan import with_results


def six_categories() -> Problem:
    return problem(category("A", people("a", 5)), category("B", people("b", 5)),
                   category("C", people("c", 4)), category("D", people("d", 3)),
                   category("E", people("e", 4)), category("F", people("f", 3)), mats=2)


def fight(p: Problem, plan: Plan, now: datetime) -> tuple[Problem, dict[ContestKey, datetime]]:
    """Mat 1's first contest ends 20 minutes late; mat 2 fights every contest planned to end
    by `now` in 3 minutes instead of 5."""
    first = plan.mats[0][0]
    ended = {first.key: first.end + timedelta(minutes=20)}
    clock = plan.start
    for slot in plan.mats[1]:
        if slot.end <= now:
            clock += timedelta(minutes=3)
            ended[slot.key] = clock
    later = p
    for key, number in ended:
        later = with_results(later, key, number)
    return later, ended


def planned_work(plan: Plan, mat: int) -> timedelta:
    return sum((s.end - s.start for s in plan.mats[mat - 1] if s.status is SlotStatus.PLANNED),
               timedelta())


def test_work_moves_from_the_late_mat_to_the_early_one_and_the_etas_follow() -> None:
    p = six_categories()
    plan = schedule(p)
    now = at(9, 30)
    later, ended = fight(p, plan, now)
    kept = replan(later, plan, now, ended=ended)
    moved = replan(later, plan, now, ended=ended, keep_mats=False)
    for new in (kept, moved):
        assert check(later, new) == []  # rest times, feeds, athletes: nothing broken
        for key, end in ended.items():
            assert new.slot(key).status is SlotStatus.DONE
            assert new.slot(key).end == end  # the real end, not the planned one
        assert min(s.start for s in new.slots() if s.status is SlotStatus.PLANNED) >= now
    # Mat 1 is behind: its next contest moves from 09:05 to now, and with it the ETAs.
    a2 = plan.slot(("A", 2))
    assert a2.start == at(9, 5)
    assert kept.slot(("A", 2)).start >= now
    for athlete in (a2.white, a2.blue):
        assert athlete is not None
        was, now_eta = plan.eta(athlete), kept.eta(athlete)
        assert was is not None
        assert now_eta is not None
        assert now_eta.start > was.start
    # Rebalancing moves categories that have not started from mat 1 towards mat 2.
    assert planned_work(moved, 2) > planned_work(kept, 2)
    assert moved.finish < kept.finish
    started = {s.category for s in moved.slots() if s.status is SlotStatus.DONE}
    for name in started:
        assert moved.mat_of(name) == plan.mat_of(name)


def test_each_mat_starts_from_the_real_end_of_what_it_fought() -> None:
    p = six_categories()
    plan = schedule(p)
    now = at(9, 20)
    later, ended = fight(p, plan, now)  # mat 1's first contest is reported to end at 09:25
    new = replan(later, plan, now, ended=ended)
    first = next(s for s in new.mats[0] if s.status is SlotStatus.PLANNED)
    assert first.start == at(9, 25)
    upcoming = [s for s in new.mats[1] if s.status is SlotStatus.PLANNED]
    assert upcoming[0].start == now  # mat 2 is ready now
    assert check(later, new) == []
