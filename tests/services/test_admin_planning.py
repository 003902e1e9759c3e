"""The schedule's use cases: plan, fixed mats, manual moves and the constraints they break,
re-planning, the mats' queues in the plan's order, ETAs, role and audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from ippon.services import categorising, people, planning, setup
from ippon.services.context import Actor, Services
from ippon.services.errors import Conflict, Forbidden, Invalid
from ippon.services.scheduling import queue
from ippon.store import schema as t
from ippon.tournament.schedule import Kind

from .conftest import ADMIN, Clock


def event(svc: Services, sizes: tuple[int, ...] = (8, 4, 5)) -> int:
    tid = setup.create(svc, ADMIN, setup.Settings("Plan Cup", date(2026, 6, 1),
                                                  date(2026, 6, 1), mats=2,
                                                  timezone="UTC"))
    for c, size in enumerate(sizes):
        with svc.transaction(ADMIN) as tx:
            cat = tx.insert(t.categories, {
                "tournament_id": tid, "name": f"M -{60 + c * 6}", "gender": "m",
                "age_group": "seniors", "max_weight": 60.0 + c * 6, "min_weight": None,
                "ruleset": "ijf2025", "system": "auto", "created_at": tx.now})
        for i in range(size):
            people.register(svc, ADMIN, tid, people.Registration(
                f"Cat{c}Fam{i}", "G", "m", 2000, f"Club{i}", ("JPN", "FRA", "GER")[i % 3],
                cat))
        categorising.draw_now(svc, ADMIN, category_id=cat, seed=c)
    return tid


def actions(svc: Services) -> list[str]:
    with svc.db.read() as conn:
        return list(conn.execute(sa.select(t.audit_log.c.action)).scalars())


def test_plan_meets_every_constraint_and_orders_the_queues(svc: Services) -> None:
    tid = event(svc)
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
        assert day.violations == []
        assert day.bound is not None
        assert plan.finish >= day.bound.value
        for number, slots in enumerate(plan.mats, start=1):
            mat_id = day.mats[number]
            queued = [(c["category_id"], c["number"]) for c in queue(conn, mat_id)]
            planned = [(day.categories[s.category], s.contest) for s in slots]
            assert [q for q in queued if q in planned] == [
                p for p in planned if p in queued]
            assert queued  # ready contests are on the mat's queue
        eta = planning.etas(conn, tid, "cat0fam")
    assert eta
    assert all(e["category"] == "M -60" for e in eta)
    assert eta == sorted(eta, key=lambda e: e["start"])
    assert "schedule.plan" in actions(svc)


def test_a_fixed_mat_is_kept(svc: Services) -> None:
    tid = event(svc)
    planning.set_fixed(svc, ADMIN, tid, {"M -60": {"mat": 2, "not_before": "10:30"}},
                       final_block=False)
    plan = planning.plan_day(svc, ADMIN, tid)
    assert plan.mat_of("M -60") == 2
    first = plan.of_category("M -60")[0].start
    assert (first.hour, first.minute) >= (10, 30)
    with pytest.raises(Invalid, match="mats 1 to 2"):
        planning.set_fixed(svc, ADMIN, tid, {"M -60": {"mat": 3}}, final_block=False)


def test_a_manual_move_says_which_constraint_it_breaks(svc: Services) -> None:
    tid = event(svc)
    plan = planning.plan_day(svc, ADMIN, tid)
    final = max(plan.of_category("M -60"), key=lambda s: s.start)
    broken = planning.move(svc, ADMIN, tid, category="M -60", mat=final.mat,
                           number=final.contest, position=0)
    assert any(v.kind is Kind.FEED for v in broken)
    with svc.db.read() as conn:
        assert planning.day(conn, tid).violations  # kept until re-planned
    assert actions(svc)[-1] == "schedule.move"
    planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        assert planning.day(conn, tid).violations == []


def test_moving_a_category_moves_its_queue(svc: Services) -> None:
    tid = event(svc)
    plan = planning.plan_day(svc, ADMIN, tid)
    other = 2 if plan.mat_of("M -66") == 1 else 1
    planning.move(svc, ADMIN, tid, category="M -66", mat=other)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
        mat = conn.execute(sa.select(t.categories.c.mat_id)
                           .where(t.categories.c.name == "M -66")).scalar()
    assert day.plan is not None
    assert day.plan.mat_of("M -66") == other
    assert mat == day.mats[other]


def test_replan_from_now_keeps_the_categories_mats(svc: Services, clock: Clock) -> None:
    tid = event(svc)
    plan = planning.plan_day(svc, ADMIN, tid)
    clock.now = plan.start + timedelta(minutes=30)
    again = planning.plan_day(svc, ADMIN, tid, now=clock.now)
    for category in ("M -60", "M -66", "M -72"):
        assert again.mat_of(category) == plan.mat_of(category)
    assert min(s.start for s in again.slots()) >= clock.now
    assert actions(svc)[-1] == "schedule.replan"


def test_nothing_to_plan_and_other_roles_are_refused(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, setup.Settings("Empty", date(2026, 6, 1),
                                                  date(2026, 6, 1), mats=1))
    with pytest.raises(Conflict, match="no category is drawn"):
        planning.plan_day(svc, ADMIN, tid)
    with pytest.raises(Conflict, match="plan the day first"):
        planning.move(svc, ADMIN, tid, category="x", mat=1)
    with pytest.raises(Forbidden):
        planning.plan_day(svc, Actor("a", "announcer"), tid)


def test_a_category_order_is_kept(svc: Services) -> None:
    tid = event(svc)
    planning.set_fixed(svc, ADMIN, tid, {"M -60": {"after": "M -72"}}, final_block=False)
    plan = planning.plan_day(svc, ADMIN, tid)
    last_of_first = max(s.end for s in plan.of_category("M -72"))
    assert min(s.start for s in plan.of_category("M -60")) >= last_of_first
    with pytest.raises(Invalid, match="cannot follow"):
        planning.set_fixed(svc, ADMIN, tid, {"M -60": {"after": "M -60"}}, final_block=False)
