"""The public ETAs follow the organiser's plan: its breaks, its order per mat, and each mat's
real progress (`ippon.services.etas`); without a plan, the mats' queues."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import etas, planning, public
from ippon.services.context import Services
from ippon.services.scheduling import current_contest, queue
from ippon.store import schema as t
from ippon.tournament.schedule import Plan, SlotStatus

from .conftest import ADMIN, Clock, small_tournament
from .test_schedule_days import at, event, fight


def planned_starts(conn: Connection, tid: int, plan: Plan) -> dict[int, tuple[int, datetime]]:
    """Contest id -> (mat, planned start) for the plan's contests still to fight."""
    ids = planning.day(conn, tid).categories
    numbers = {(r.category_id, r.number): r.id for r in conn.execute(
        sa.select(t.contests.c.id, t.contests.c.category_id, t.contests.c.number)
        .where(t.contests.c.status.in_(("waiting", "ready", "running"))))}
    return {numbers[(ids[s.category], s.contest)]: (s.mat, s.start) for s in plan.slots()
            if s.status is SlotStatus.PLANNED and (ids[s.category], s.contest) in numbers}


def athlete_of(conn: Connection, entry_id: str) -> int:
    return int(conn.execute(sa.select(t.entries.c.athlete_id)
                            .where(t.entries.c.id == int(entry_id))).scalar_one())


def test_a_contest_after_the_lunch_break_is_expected_after_it(svc: Services) -> None:
    tid = event(svc, (5, 5, 4, 3))
    planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "", "finals": ""}],
                      [{"day": 1, "start": "09:10", "end": "09:40", "label": "Lunch"}])
    plan = planning.plan_day(svc, ADMIN, tid)
    lunch = (at(1, 9, 10), at(1, 9, 40))
    # Someone whose first contest is after lunch: the queue alone would call it at 09:07.
    after = min((s for s in plan.slots() if s.start >= lunch[1]
                 and all(plan.eta(a) == s for a in s.athletes)), key=lambda s: s.start)
    with svc.db.read() as conn:
        planned = planned_starts(conn, tid, plan)
        starts = etas.starts(conn, tid, at(1, 9, 0))
        assert etas.by_queue(conn, tid, at(1, 9, 0)) != starts
        assert {c: starts[c] for c in planned} == {c: s for c, (_, s) in planned.items()}
        assert not any(lunch[0] <= s < lunch[1] for s in starts.values())
        assert after.white is not None
        view = public.athlete_view(conn, athlete_of(conn, after.white), at(1, 9, 0))
    (entry,) = view.entries
    assert entry.next is not None
    assert entry.next.number == after.contest
    assert entry.next.eta == after.start
    assert entry.next.eta >= lunch[1]


def test_a_late_mat_shifts_its_etas_later(svc: Services, clock: Clock) -> None:
    tid = event(svc, (5, 5, 4, 3))
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        mats = planning.day(conn, tid).mats
    # Mat 2 keeps to the plan (four contests of 6 minutes); mat 1's first takes 26 minutes,
    # 20 more than planned.
    for _ in range(4):
        with svc.db.read() as conn:
            contest = current_contest(conn, mats[2])
        assert contest is not None
        fight(svc, contest["id"], clock, 6 * 60)
    clock.now = at(1, 9, 0)
    with svc.db.read() as conn:
        first = current_contest(conn, mats[1])
    assert first is not None
    fight(svc, first["id"], clock, 26 * 60)
    assert clock.now == at(1, 9, 26)
    with svc.db.read() as conn:
        planned = planned_starts(conn, tid, plan)
        starts = etas.starts(conn, tid, clock.now)
    late = {c: starts[c] - s for c, (m, s) in planned.items() if m == 1}
    on_time = {c: starts[c] - s for c, (m, s) in planned.items() if m == 2}
    assert late
    assert min(late.values()) >= timedelta(minutes=20)
    assert max(on_time.values()) <= timedelta(minutes=2)  # mat 2 was free at 09:24
    assert min(starts.values()) >= clock.now  # never in the past


def test_an_early_mat_shifts_its_etas_earlier_but_keeps_the_rest_time(
        svc: Services, clock: Clock) -> None:
    tid = event(svc, (5, 5, 4, 3))
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        mats = planning.day(conn, tid).mats
    fought: list[dict[str, object]] = []
    for _ in range(3):  # three contests of 2 minutes where 6 were planned
        with svc.db.read() as conn:
            contest = current_contest(conn, mats[2])
        assert contest is not None
        fight(svc, contest["id"], clock, 120)
        fought.append(contest)
    assert clock.now == at(1, 9, 6)
    with svc.db.read() as conn:
        planned = planned_starts(conn, tid, plan)
        starts = etas.starts(conn, tid, clock.now)
        following = queue(conn, mats[2])
    early = {c: starts[c] - s for c, (m, s) in planned.items() if m == 2}
    assert max(early.values()) <= timedelta(0)
    assert starts[following[0]["id"]] < planned[following[0]["id"]][1] - timedelta(minutes=5)
    # ... but not before its athletes have rested: the first fought from 09:00 to 09:02.
    rested = {following[0]["white_entry_id"], following[0]["blue_entry_id"]} & {
        fought[0]["white_entry_id"], fought[0]["blue_entry_id"]}
    assert rested
    assert starts[following[0]["id"]] >= at(1, 9, 12)
    assert min(starts.values()) >= clock.now


def test_without_a_plan_the_queue_estimate_holds(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    with svc.db.read() as conn:
        waiting = queue(conn, ids["mat"])
        starts = etas.starts(conn, ids["tournament"], clock.now)
        assert starts == etas.by_queue(conn, ids["tournament"], clock.now)
    # Seniors: 4 minutes of contest time, stretched by the stops, plus the changeover.
    step = timedelta(minutes=4 * etas.STOPS) + etas.CHANGEOVER
    assert [starts[c["id"]] for c in waiting[:3]] == [clock.now + i * step for i in range(3)]


def test_one_computation_serves_every_page_until_something_changes(
        svc: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    tid = event(svc, (5, 4))
    planning.plan_day(svc, ADMIN, tid)
    computed = []
    real = etas._starts

    def counted(conn: Connection, tournament_id: int,
                now: datetime) -> tuple[dict[int, datetime], frozenset[int]]:
        computed.append(now)
        return real(conn, tournament_id, now)

    monkeypatch.setattr(etas, "_starts", counted)
    with svc.db.read() as conn:
        first = etas.starts(conn, tid, clock.now)
        soon = clock.now + timedelta(seconds=5)
        assert etas.starts(conn, tid, soon) == {c: max(s, soon) for c, s in first.items()}
        mat = planning.day(conn, tid).mats[1]
        contest = current_contest(conn, mat)
    assert len(computed) == 1
    assert contest is not None
    fight(svc, contest["id"], clock, 120)  # a result: the tournament's topics move
    with svc.db.read() as conn:
        second = etas.starts(conn, tid, clock.now)
        assert len(computed) == 2
        assert contest["id"] not in second
        later = clock.now + etas.REUSE
        assert min(etas.starts(conn, tid, later).values()) >= later
    assert len(computed) == 3  # and the clock moves the running contests' ends
