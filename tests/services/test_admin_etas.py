"""The organiser's ETA search gives the same expected starts as the public pages
(`ippon.services.etas`): a mat that runs late shows its athletes later there too."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ippon.services import etas, planning
from ippon.services.context import Services
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

from .conftest import ADMIN, Clock
from .test_schedule_days import at, event, fight


def test_the_admin_eta_follows_a_late_mat_like_the_public_one(
        svc: Services, clock: Clock) -> None:
    tid = event(svc, (5, 5, 4, 3))
    plan = planning.plan_day(svc, ADMIN, tid)
    with svc.db.read() as conn:
        mats = planning.day(conn, tid).mats
    clock.now = at(1, 9, 0)
    with svc.db.read() as conn:
        first = current_contest(conn, mats[1])
    assert first is not None
    fight(svc, first["id"], clock, 26 * 60)  # planned 6 minutes: mat 1 is 20 minutes late
    with svc.db.read() as conn:
        shown = planning.etas(conn, tid, now=clock.now, limit=1000)
        public = etas.starts(conn, tid, clock.now)
        entry_of = {(r.category_id, r.number): (r.id, r.white_entry_id, r.blue_entry_id)
                    for r in conn.execute(sa.select(t.contests))}
        ids = planning.day(conn, tid).categories
    assert shown
    late = []
    for row in shown:
        contest_id, white, blue = entry_of[(ids[row["category"]], row["contest"])]
        assert row["entry_id"] in (white, blue)
        assert row["start"] == public[contest_id]  # the public ETA, not the stored plan's
        planned = plan.slot((row["category"], row["contest"]))
        if row["mat"] == 1:
            late.append(row["start"] - planned.start)
    assert late
    assert min(late) >= timedelta(minutes=20)
    assert min(r["start"] for r in shown) >= clock.now
