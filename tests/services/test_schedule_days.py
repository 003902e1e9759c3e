"""The schedule's days and breaks as the organiser sets them, and re-planning from the real end
of the contests fought on the mats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from ippon.services import categorising, matches, people, planning, setup
from ippon.services.context import Services
from ippon.services.errors import Invalid
from ippon.services.scheduling import current_contest
from ippon.store import schema as t
from ippon.tournament.schedule import Kind, SlotStatus

from .conftest import ADMIN, Clock
from .test_admin_planning import actions


def event(svc: Services, sizes: tuple[int, ...], *, days: int = 1, mats: int = 2) -> int:
    first = date(2026, 6, 1)
    tid = setup.create(svc, ADMIN, setup.Settings("Days Cup", first,
                                                  first + timedelta(days=days - 1),
                                                  mats=mats, timezone="UTC"))
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


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=UTC)


def test_two_days_with_a_lunch_break(svc: Services) -> None:
    tid = event(svc, (5, 5, 5, 5, 4, 4), days=2)
    planning.set_days(svc, ADMIN, tid,
                      [{"start": "09:00", "end": "11:00", "finals": ""},
                       {"start": "10:00", "end": "", "finals": ""}],
                      [{"day": 1, "start": "09:40", "end": "10:00", "label": "Lunch"},
                       {"day": 2, "start": "10:20", "end": "10:30", "mats": [2],
                        "label": "Mat check"}])
    assert actions(svc)[-1] == "schedule.days"
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
    assert day.violations == []
    assert [d["date"] for d in day.days] == ["2026-06-01", "2026-06-02"]
    assert day.days[1]["start"] == "10:00"
    assert day.bands(2)[-1][2] == "Mat check"
    lunch = (at(1, 9, 40), at(1, 10, 0))
    for slot in plan.slots():
        assert not (slot.start < lunch[1] and lunch[0] < slot.end), slot
        assert slot.start >= at(1, 9, 0)
        assert slot.end <= at(1, 11, 0) or slot.start >= at(2, 10, 0), slot
    on = {name: {s.start.date() for s in plan.of_category(name)} for name in day.categories}
    assert all(len(dates) == 1 for dates in on.values())  # a category on one day
    assert {d for dates in on.values() for d in dates} == {date(2026, 6, 1), date(2026, 6, 2)}
    assert day.bound is not None
    assert plan.finish >= day.bound.value


def test_a_category_set_to_day_two_and_a_move_into_the_break(svc: Services) -> None:
    tid = event(svc, (5, 4), days=2)
    planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "18:00"},
                                         {"start": "09:00", "end": "18:00"}],
                      [{"day": 1, "start": "09:30", "end": "10:00", "label": "Lunch"}])
    planning.set_fixed(svc, ADMIN, tid, {"M -66": {"day": 2}}, final_block=False)
    plan = planning.plan_day(svc, ADMIN, tid)
    assert {s.start.date() for s in plan.of_category("M -66")} == {date(2026, 6, 2)}
    assert {s.start.date() for s in plan.of_category("M -60")} == {date(2026, 6, 1)}
    broken = planning.move(svc, ADMIN, tid, category="M -60", mat=1, at="09:28")
    assert Kind.BREAK in {v.kind for v in broken}
    assert any("runs into the Lunch (09:30–10:00)" in v.message for v in broken)
    with pytest.raises(Invalid, match="days 1 to 2"):
        planning.set_fixed(svc, ADMIN, tid, {"M -66": {"day": 3}}, final_block=False)


def test_days_and_breaks_that_do_not_fit_are_refused(svc: Services) -> None:
    tid = event(svc, (3,), days=2)
    with pytest.raises(Invalid, match="2 day"):
        planning.set_days(svc, ADMIN, tid, [{"start": "09:00"}], [])
    with pytest.raises(Invalid, match="not a time of day"):
        planning.set_days(svc, ADMIN, tid, [{"start": "9h"}, {"start": "09:00"}], [])
    with pytest.raises(Invalid, match="outside day 1"):
        planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "17:00"},
                                             {"start": "09:00"}],
                          [{"day": 1, "start": "16:30", "end": "17:30"}])
    with pytest.raises(Invalid, match=r"ends .* before it starts"):
        planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "08:00"},
                                             {"start": "09:00"}], [])
    with pytest.raises(Invalid, match="stops mat 3"):
        planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "17:00"},
                                             {"start": "09:00"}],
                          [{"day": 1, "start": "12:00", "end": "12:30", "mats": [3]}])


def fight(svc: Services, contest_id: int, clock: Clock, seconds: float) -> None:
    """Hajime now, ippon for white `seconds` later; after the first minute the clock is
    stopped (mate) for whatever exceeds two minutes, a long stoppage."""
    def send(key: str, payload: dict[str, str]) -> None:
        matches.command(svc, ADMIN, contest_id=contest_id, client_id=f"{key}{contest_id}",
                        payload=payload)

    send("h", {"type": "hajime"})
    if seconds > 120:
        clock.advance(60)
        send("m", {"type": "mate"})
        clock.advance(seconds - 120)
        send("g", {"type": "hajime"})
        seconds = 60
    clock.advance(seconds)
    send("i", {"type": "score", "side": "white", "value": "ippon"})


def test_a_replan_starts_from_the_real_ends_and_the_etas_follow(svc: Services,
                                                                clock: Clock) -> None:
    tid = event(svc, (5, 5, 4, 3, 4, 3))
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
        first = {m: current_contest(conn, day.mats[m]) for m in (1, 2)}
    assert first[1] is not None
    assert first[2] is not None
    # Mat 2 fights three contests of 2 minutes; mat 1's first takes 26 minutes.
    ends: dict[int, datetime] = {}
    for _ in range(3):
        with svc.db.read() as conn:
            contest = current_contest(conn, day.mats[2])
        assert contest is not None
        fight(svc, contest["id"], clock, 120)
        ends[contest["id"]] = clock.now
    clock.now = at(1, 9, 0)
    fight(svc, first[1]["id"], clock, 26 * 60)
    ends[first[1]["id"]] = clock.now
    clock.now = at(1, 9, 27)
    names = {v: k for k, v in day.categories.items()}
    with svc.db.read() as conn:
        real = planning.ended(conn, day.categories)
        numbers = {r.id: (r.category_id, r.number) for r in conn.execute(
            sa.select(t.contests.c.id, t.contests.c.category_id, t.contests.c.number)
            .where(t.contests.c.id.in_(list(ends))))}
        # The ETAs already follow the late mat before any re-plan (they shift the stored plan
        # by what really happened); the re-plan then moves the contests themselves.
        before = {e["name"]: e["start"] for e in planning.etas(conn, tid, now=clock.now)}
    keys = {cid: (names[numbers[cid][0]], numbers[cid][1]) for cid in ends}
    assert {keys[cid]: end for cid, end in ends.items()} == real

    new = planning.plan_day(svc, ADMIN, tid, now=clock.now, rebalance=True)
    for cid, end in ends.items():
        slot = new.slot(keys[cid])
        assert slot.status is SlotStatus.DONE
        assert slot.end == end  # the real end, not the planned one
    late = plan.slot(keys[first[1]["id"]])
    assert late.end == at(1, 9, 6)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
        after = {e["name"]: e["start"] for e in planning.etas(conn, tid, now=clock.now)}
    assert day.violations == []  # rest times and all
    assert min(s.start for s in new.slots() if s.status is SlotStatus.PLANNED) >= clock.now
    assert all(start >= clock.now for start in [*before.values(), *after.values()])
    moved = [s.key for s in new.slots() if s.status is SlotStatus.PLANNED
             and s.start != plan.slot(s.key).start]
    assert moved  # the re-plan moved what is still to fight
    assert new.finish != plan.finish
